"""One changed call costs what it changed, not what the index holds: the
list of indexed calls gets a line, not a rewrite, and the index's words
grow by the call's words without tantivy's dictionary being walked. What
a later process reads from them is always the index as it is."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("tantivy")  # its wheels need Python 3.11+

from tests.transcripts.test_disk_index import write_calls  # noqa: E402
from transcripts import load_corpus  # noqa: E402
from transcripts.search import disk_manifest, disk_vocabulary, searcher_for  # noqa: E402
from transcripts.search.disk_index import DiskIndex, index_folder  # noqa: E402


def built(folder, n=4):
    write_calls(folder, n)
    corpus = load_corpus([folder])
    searcher_for(corpus, engine="disk").ensure_index()
    return corpus, index_folder([e.path for e in corpus.entries])


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def reindexed(folder):
    corpus = load_corpus([folder])
    searcher_for(corpus, engine="disk").ensure_index()
    return corpus


def no_documents(monkeypatch):
    def refuse(self):
        raise AssertionError("read the index's documents")

    monkeypatch.setattr(DiskIndex, "_from_documents", refuse)


def test_an_edited_call_appends_to_the_manifest_and_a_new_process_believes_it(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    _, index = built(calls)
    whole = (index / disk_manifest.FILE).read_bytes()
    log = index / disk_manifest.LOG
    lines = log.read_text(encoding="utf-8").count("\n") if log.exists() else 0
    edit(calls / "co001-2004-q4.txt", "did well", "did wonderfully")
    (calls / "co002-2004-q4.txt").unlink()
    corpus = reindexed(calls)
    assert (index / disk_manifest.FILE).read_bytes() == whole  # not written again
    assert log.read_text(encoding="utf-8").count("\n") == lines + 1  # one line for the change
    no_documents(monkeypatch)
    assert DiskIndex(index).indexed() == {e.path: e.sha256 for e in corpus.entries}


def test_a_change_made_on_an_older_view_or_cut_short_is_not_believed(tmp_path):
    calls = tmp_path / "calls"
    corpus, index = built(calls)
    first = corpus.entries[0].path
    stale = DiskIndex(index)
    stale.indexed()  # this process's view is taken now...
    other = DiskIndex(index)
    other.indexed()
    other.remove(corpus.entries[1].path)  # ...another process changes the index meanwhile...
    other.commit()
    stale.remove(first)  # ...and this one writes its change on the older view
    stale.commit()
    truth = {e.path: e.sha256 for e in corpus.entries[2:]}
    assert disk_manifest.read(index) is None  # the chain ends short of the index's state
    assert DiskIndex(index).indexed() == truth  # so the documents answered, and the whole was written
    assert disk_manifest.read(index) == truth

    log = index / disk_manifest.LOG
    state = disk_manifest.stamp(index)
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps([state, "a state that never was", {first: "0" * 64}])[:40])  # a kill mid-line
    assert disk_manifest.read(index) == truth


def test_the_log_is_folded_into_the_whole_once_it_has_grown(tmp_path, monkeypatch):
    monkeypatch.setattr(disk_manifest, "FOLD_MIN_BYTES", 700)  # two or three lines of one change each
    calls = tmp_path / "calls"
    _, index = built(calls, 3)
    log, whole = index / disk_manifest.LOG, index / disk_manifest.FILE
    appended = folded = 0
    for n in range(8):
        before = whole.read_bytes()
        edit(calls / "co000-2004-q4.txt", f"did well{n - 1}" if n else "did well", f"did well{n}")
        corpus = reindexed(calls)
        assert disk_manifest.read(index) == {e.path: e.sha256 for e in corpus.entries}
        if whole.read_bytes() != before:
            folded += 1
        else:
            appended += 1
        assert not log.exists() or log.stat().st_size <= 700
    assert appended >= 4 and folded >= 2


def test_an_edit_grows_the_words_without_walking_the_dictionary_until_enough_changed(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    _, index = built(calls)
    walked = []
    real = DiskIndex.words
    monkeypatch.setattr(DiskIndex, "words", lambda self: walked.append(1) or real(self))
    edit(calls / "co001-2004-q4.txt", "our zebra001 business", "our quokka business")
    corpus = reindexed(calls)
    assert not walked
    words = disk_vocabulary.read(index) or []
    assert "quokka" in words and "zebra000" in words
    assert "zebra001" in words  # left behind: no sentence holds it, so it matches nothing
    assert not [h for h in searcher_for(corpus, engine="disk").run("zebra001", 5).hits if "zebra001" in h.text]

    monkeypatch.setattr(disk_vocabulary, "MAX_STALE_CALLS", 1)
    edit(calls / "co002-2004-q4.txt", "did well", "did nicely")
    reindexed(calls)
    assert walked  # past the limit, tantivy's dictionary is walked again
    words = disk_vocabulary.read(index) or []
    assert "quokka" in words and "nicely" in words
