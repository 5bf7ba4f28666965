"""The search index on disk: built once, loaded from the cache with the same
results, updated per file when a transcript changes, rebuilt when damaged."""

from __future__ import annotations

import pytest

from transcripts import load_corpus
from transcripts.search import SearchIndex, searcher_for
from transcripts.search.store import cache_file, cache_folder, load_or_build

from tests.conftest import Q1_2003, Q4_2003

pytestmark = pytest.mark.usefixtures("search_engine")

QUERIES = ["defered revnue", '"operating margin"', "guidance role:analyst", "capital expendi",
           "revenue speaker:evan 2003q4", "section:qa"]


def results(corpus, queries=QUERIES):
    searcher = searcher_for(corpus)
    return {q: [h.to_json() for h in searcher.run(q, 20).hits] for q in queries}


def counting():
    seen: list[tuple[int, int]] = []
    return seen, lambda done, total: seen.append((done, total))


def test_second_open_loads_the_cached_index_with_the_same_results(samples_copy, search_engine):
    first = load_corpus([samples_copy])
    seen, progress = counting()
    searcher_for(first).ensure_index(progress)
    assert seen[-1] == (2, 2)  # built: both calls indexed
    if search_engine == "memory":
        assert cache_file(first.calls).exists()
    before = results(first)

    again = load_corpus([samples_copy])
    seen, progress = counting()
    searcher_for(again).ensure_index(progress)
    assert seen == []  # loaded, nothing re-indexed
    assert results(again) == before
    assert any(before.values())


def test_changed_transcript_is_reindexed_alone(samples_copy):
    corpus = load_corpus([samples_copy])
    assert not corpus.search("zebra ")
    q1_before = [h.to_json() for h in searcher_for(corpus).run("revenue 2003q1", 20).hits]

    path = samples_copy / Q4_2003
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Translating into a 22% operating margin.",
                                 "Translating into a 22% zebra margin."), encoding="utf-8")

    changed = load_corpus([samples_copy])
    seen, progress = counting()
    searcher_for(changed).ensure_index(progress)
    assert seen == [(1, 1)]  # only the edited call
    hits = changed.search("zebra ")
    assert [h.text for h in hits] == ["Translating into a 22% zebra margin."]
    assert hits[0].call == "verisign-2003-q4"
    assert all("22%" not in h.text for h in changed.search('"operating margin" 2003q4', limit=50))
    assert [h.to_json() for h in searcher_for(changed).run("revenue 2003q1", 20).hits] == q1_before

    # and the update was saved: a third open re-indexes nothing
    seen, progress = counting()
    searcher_for(load_corpus([samples_copy])).ensure_index(progress)
    assert seen == []


def test_corpus_replaced_in_place_is_noticed(samples_copy):
    """The app reloads a call into the same corpus; the next search sees it."""
    corpus = load_corpus([samples_copy])
    assert not corpus.search("zebra ")
    path = samples_copy / Q1_2003
    path.write_text(path.read_text(encoding="utf-8").replace("Thank you.", "Thank you, zebra.", 1),
                    encoding="utf-8")
    fresh = load_corpus([samples_copy])
    corpus.calls = fresh.calls
    assert [h.call for h in corpus.search("zebra ")] == ["verisign-2003-q1"]


def test_removed_transcript_leaves_the_results(samples_copy):
    corpus = load_corpus([samples_copy])
    assert {h.call for h in corpus.search("deferred revenue")} == {"verisign-2003-q1", "verisign-2003-q4"}
    corpus.calls = [c for c in corpus.calls if c.id == "verisign-2003-q1"]
    assert {h.call for h in corpus.search("deferred revenue")} == {"verisign-2003-q1"}


def test_damaged_cache_file_is_rebuilt(samples_copy, search_engine):
    if search_engine == "disk":
        pytest.skip("the on-disk index has its own test: test_disk_index.py")
    corpus = load_corpus([samples_copy])
    load_or_build(corpus.calls)
    path = cache_file(corpus.calls)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert SearchIndex.load(path) is None
    again = load_corpus([samples_copy])
    seen, progress = counting()
    searcher_for(again).ensure_index(progress)
    assert seen[-1] == (2, 2)
    assert again.search("defered revnue")


def test_a_new_set_of_files_starts_from_the_nearest_index(samples_copy, tmp_path, search_engine):
    corpus = load_corpus([samples_copy])
    searcher_for(corpus).ensure_index()
    extra = samples_copy / "zz-extra.txt"
    extra.write_text("Operator\nWelcome to the Zeta Corp call about zebra margins.\n", encoding="utf-8")
    bigger = load_corpus([samples_copy])
    seen, progress = counting()
    searcher_for(bigger).ensure_index(progress)
    assert seen == [(1, 1)]  # the two samples came from the earlier index
    if search_engine == "memory":
        assert len(list(cache_folder().glob("*.index"))) == 2
    assert bigger.search("zebra ")


def test_index_round_trips_through_a_file(tmp_path, samples_copy):
    corpus = load_corpus([samples_copy])
    built = SearchIndex.build(corpus.calls)
    path = tmp_path / "x.index"
    assert built.save(path)
    loaded = SearchIndex.load(path)
    assert loaded is not None
    assert loaded.words == built.words and loaded.forward == built.forward
    assert [list(a) for a in loaded.sids] == [list(a) for a in built.sids]
    assert list(loaded.lengths) == list(built.lengths)


def test_fast_scan_indexes_exactly_like_the_general_one(tmp_path, monkeypatch):
    """Calls without accented letters take a fast path through the build;
    it must give the index the word-by-word path gives."""
    from tests.conftest import SAMPLES

    folder = tmp_path / "ascii"
    folder.mkdir()
    for n, src in enumerate(sorted(SAMPLES.glob("*.txt"))):
        text = src.read_text(encoding="utf-8")  # with its Chinese notice line (not a sentence)
        if n:  # typographic apostrophes and quotes in the other
            text = text.replace("'", "\u2019").replace("Network Solutions", "\u201cNetwork Solutions\u201d")
        (folder / src.name).write_text(text, encoding="utf-8")
    calls = load_corpus([folder]).calls
    assert any("\u2019s" in c.text for c in calls) and any("'s" in c.text for c in calls)
    scanned = []
    real = SearchIndex._scan_ascii
    monkeypatch.setattr(SearchIndex, "_scan_ascii", lambda self, joined: scanned.append(1) or real(self, joined))
    fast = SearchIndex.build(calls)
    assert len(scanned) == 2  # both calls took the fast path
    monkeypatch.setattr(SearchIndex, "_scan_ascii", lambda self, joined: None)
    general = SearchIndex.build(calls)
    assert fast.words == general.words and fast.forward == general.forward
    assert [list(a) for a in fast.sids] == [list(a) for a in general.sids]
    assert fast.offsets == general.offsets and fast.lengths == general.lengths
    assert "verisign's" in fast.vocab and fast.vocab["verisign's"] == fast.vocab["verisign"]


def test_building_leaves_the_garbage_collector_on_for_other_threads(samples_copy):
    """The app builds the index in a worker while its UI thread keeps making
    cyclic garbage; turning the collector off for the build (it is
    process-wide) let that garbage pile up and left ~75 MB of fragmented
    memory resident with 1,000 calls."""
    import gc

    calls = load_corpus([samples_copy]).calls
    enabled: list[bool] = []
    SearchIndex.build(calls, lambda done, total: enabled.append(gc.isenabled()))
    assert enabled == [True, True]
