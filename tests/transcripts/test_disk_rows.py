"""What the on-disk index stores of each sentence, and the parallel build
that works it out in worker processes: the same hits as a build in one
process, whatever the text holds."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("tantivy")  # its wheels need Python 3.11+

from transcripts import cache, load_corpus  # noqa: E402
from transcripts.search import disk_build, searcher_for  # noqa: E402
from transcripts.search.disk_index import DiskIndex  # noqa: E402
from transcripts.search.disk_rows import decode_hit, encode_hit, sentence_docs  # noqa: E402
from transcripts.search.tokens import words  # noqa: E402

from tests.conftest import Q4_2003  # noqa: E402

CALL = """Operator
Good day and welcome to the {name} Corp fourth quarter 2004 earnings call.
Jane Doe - CFO
Thank you. Revenue for {name} grew nicely. Our {word} business did well.
Operator
Our first question comes from Sam Lee with Alpha Capital.
Sam Lee - Alpha Capital - Analyst
How is the {word} margin?
"""


def write_calls(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"Co{i:03d}"
        (folder / f"{name.lower()}-2004-q4.txt").write_text(CALL.format(name=name, word=f"zebra{i:03d}"),
                                                          encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(text=st.text(), speaker=st.text(),
       numbers=st.lists(st.integers(min_value=0, max_value=10**9), min_size=4, max_size=4),
       section=st.sampled_from(["prepared", "qa"]))
def test_a_stored_hit_gives_back_exactly_what_was_stored(text, speaker, numbers, section):
    start, end, sentence, turn = numbers
    got = decode_hit(encode_hit(text, start, end, sentence, turn, speaker, section))
    assert tuple(got) == (text, start, end, sentence, turn, speaker, section)


def test_each_sentence_document_says_its_words_turn_and_speaker(samples_copy):
    corpus = load_corpus([samples_copy])
    call = corpus.full(corpus.entries[0])
    docs = [json.loads(d) for d in sentence_docs(call)]
    assert len(docs) == len(call.sentence_starts)
    for local, doc in enumerate(docs):
        s, e = call.sentence_starts[local], call.sentence_ends[local]
        hit = decode_hit(base64.b64decode(doc["hit"]))
        turn_no = call.turn_index_of_sentence(local)
        assert (doc["start"], doc["end"], doc["sentence"]) == (s, e, local)
        assert doc["words"] == " ".join(words(call.text[s:e]))
        assert hit.text == call.text[s:e]
        assert hit.turn == turn_no
        turn = call.turns[turn_no]
        assert hit.speaker == turn.speaker.name
        assert doc["section"] == hit.section == turn.section
        assert doc["who"].endswith(turn.speaker.key)


def _hits(corpus, query: str) -> list[tuple]:
    """Every hit (a limit could cut ties between equals, which stand in
    the order the calls reached the index)."""
    return [(h.call, h.start, h.end, h.speaker, h.turn, h.score) for h in searcher_for(corpus, engine="disk").search(query, 200)]


QUERIES = ["zebra007 margin", "revenue", "speaker:operator question", "section:qa margin", "zebr"]


def test_a_build_in_worker_processes_answers_as_one_in_this_process(tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    write_calls(folder, 30)
    monkeypatch.setenv("EARMARK_HOME", str(tmp_path / "parallel-home"))
    monkeypatch.setattr(disk_build, "PARALLEL_THRESHOLD", 4)
    handed: list[str] = []
    real = DiskIndex.add_docs
    monkeypatch.setattr(DiskIndex, "add_docs", lambda self, path, sha, docs: handed.append(path) or real(self, path, sha, docs))
    opened: list[str] = []
    real_add = DiskIndex.add
    monkeypatch.setattr(DiskIndex, "add", lambda self, call: opened.append(call.path) or real_add(self, call))
    parallel = load_corpus([folder])
    parallel_hits = {q: _hits(parallel, q) for q in QUERIES}
    assert len(handed) == 30 and not opened  # every call came from a worker

    monkeypatch.setenv("EARMARK_HOME", str(tmp_path / "serial-home"))
    monkeypatch.setattr(disk_build, "PARALLEL_THRESHOLD", 10**6)
    serial = load_corpus([folder])
    assert {q: _hits(serial, q) for q in QUERIES} == parallel_hits
    assert all(parallel_hits[q] for q in QUERIES)
    assert len(opened) == 30


def test_a_call_the_workers_cannot_read_is_indexed_here(tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    write_calls(folder, 24)
    monkeypatch.setenv("EARMARK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(disk_build, "PARALLEL_THRESHOLD", 4)
    corpus = load_corpus([folder])
    lost = corpus.entries[3]
    cache.entry_path(lost.sha256, Path(lost.path).name).unlink()  # the parsed-call cache lost it
    opened: list[str] = []
    real_add = DiskIndex.add
    monkeypatch.setattr(DiskIndex, "add", lambda self, call: opened.append(call.path) or real_add(self, call))
    hits = searcher_for(corpus, engine="disk").search("zebra003")
    assert {h.call for h in hits} == {lost.id}
    assert opened == [lost.path]
    assert len(searcher_for(corpus).backend.indexed()) == 24


def test_the_sample_calls_are_found_by_their_words(samples_copy):
    corpus = load_corpus([samples_copy])
    hits = searcher_for(corpus, engine="disk").search("operating margin")
    assert any(Path(corpus.entry(h.call).path).name == Q4_2003 for h in hits)
