"""A query word's variants (prefix, one or two typos) come from the index's
own words: found as the reranking counts typos, kept in a file beside the
index for the next process, and never believed once the index changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from rapidfuzz.distance import OSA

pytest.importorskip("tantivy")  # its wheels need Python 3.11+

from tests.transcripts.test_disk_index import write_calls  # noqa: E402
from transcripts import load_corpus  # noqa: E402
from transcripts.search import disk_vocabulary, searcher_for  # noqa: E402
from transcripts.search.disk_index import DiskIndex, index_folder  # noqa: E402
from transcripts.search.tokens import is_number, max_edits  # noqa: E402
from transcripts.search.variants import RANK, Vocabulary  # noqa: E402

LETTERS = st.text(alphabet="abcdeor1", min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(LETTERS, max_size=40), LETTERS, st.booleans())
def test_variants_are_every_word_within_the_typos_allowed_or_that_the_word_starts(vocab, word, prefix):
    found = Vocabulary.of(vocab).variants(word, prefix)
    expected: dict = {word: "exact"}
    k = max_edits(word)
    for t in set(vocab) - {word}:
        candidates = []
        if prefix and t.startswith(word):
            candidates.append("prefix")
        if k and not is_number(t) and OSA.distance(word, t) <= k:
            candidates.append(OSA.distance(word, t))
        if candidates:
            expected[t] = max(candidates, key=RANK.__getitem__)
    assert found == expected


def hits(corpus, query: str) -> list[str]:
    return [h.text for h in searcher_for(corpus, engine="disk").run(query, 20).hits]


def test_a_new_process_finds_a_changed_files_new_word_by_prefix_and_typo(tmp_path):
    folder = tmp_path / "calls"
    write_calls(folder, 4)
    corpus = load_corpus([folder])
    searcher_for(corpus, engine="disk").ensure_index()
    path = folder / "co001-2004-q4.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("did well", "did wonderfully"), encoding="utf-8")
    changed = load_corpus([folder])
    assert any("wonderfully" in t for t in hits(changed, "wonderful"))  # the word begins it
    index = index_folder([e.path for e in changed.entries])
    assert "wonderfully" in (disk_vocabulary.read(index) or [])  # the file says the index as it is now
    fresh = load_corpus([folder])  # another process: no words in memory yet
    assert any("wonderfully" in t for t in hits(fresh, "wonderfuly"))  # one typo


def test_a_words_file_of_another_state_of_the_index_is_not_believed(tmp_path):
    folder = tmp_path / "calls"
    write_calls(folder, 3)
    corpus = load_corpus([folder])
    searcher_for(corpus, engine="disk").ensure_index()
    index = index_folder([e.path for e in corpus.entries])
    disk_vocabulary.write(index, "another state", ["zzz"])
    assert disk_vocabulary.read(index) is None
    words = DiskIndex(index).words()
    assert "zebra001" in words and "zzz" not in words


def test_an_exact_word_ranks_above_a_rare_typo_of_it_however_often_and_short(tmp_path):
    """BM25 alone would put the rare, short, repeated typo first: the
    qualities' boosts keep every exact match above it."""
    folder = tmp_path / "calls"
    folder.mkdir()
    filler = " ".join(f"word{i}" for i in range(40))
    (folder / "acme-2004-q4.txt").write_text(
        "Operator\nWelcome to the Acme Corp fourth quarter 2004 earnings call.\n"
        "Jane Doe - CFO\n"
        + "".join(f"Our backlog grew {i} while {filler} kept going. " for i in range(25))
        + "Backlgo backlgo backlgo.\n", encoding="utf-8")
    corpus = load_corpus([folder])
    found = hits(corpus, "backlog")
    assert len(found) == 20 and all(t.startswith("Our backlog grew") for t in found)
