"""A first run hands its calls over in batches while it parses (issue 14):
the same corpus each time, growing, in order, with the calls a killed run
left in the catalog first; a warm start hands over nothing but the whole."""

from __future__ import annotations

import pytest

from tests.catalog.catalog_kit import write_calls
from transcripts import load_corpus
from transcripts.catalog import handoff


@pytest.fixture
def every_file(monkeypatch):
    """A hand-off after every file parsed, so batches do not depend on speed."""
    monkeypatch.setattr(handoff, "HANDOFF_SECONDS", 0.0)


def snapshots(batches: list) -> callable:
    def growing(corpus) -> None:
        batches.append((corpus, list(corpus.entries), corpus.loading, list(corpus.errors)))
    return growing


def test_a_first_run_hands_over_growing_batches_then_the_whole(tmp_path, every_file):
    folder = tmp_path / "calls"
    write_calls(folder, 30)
    batches: list = []
    corpus = load_corpus([folder], workers=1, growing=snapshots(batches))
    assert len(batches) == 30  # one per file here; never one for the whole
    sizes = [len(entries) for _, entries, *_ in batches]
    assert sizes == list(range(1, 31))
    assert all(c is corpus for c, *_ in batches)  # the same corpus, finally returned
    for _, entries, loading, _ in batches:
        assert [e.sort_key for e in entries] == sorted(e.sort_key for e in entries)
        assert len({e.id for e in entries}) == len(entries)
        assert loading.done == len(entries) and loading.total == 30
    assert corpus.loading is None and len(corpus.entries) == 30
    # Each batch held the calls before it: nothing handed over goes away.
    for (_, before, *_), (_, after, *_) in zip(batches, batches[1:]):
        assert {e.path for e in before} <= {e.path for e in after}


def test_a_warm_start_hands_over_nothing(tmp_path, every_file):
    folder = tmp_path / "calls"
    write_calls(folder, 30)
    load_corpus([folder], workers=1)
    batches: list = []
    corpus = load_corpus([folder], workers=1, growing=snapshots(batches))
    assert batches == []
    assert len(corpus.entries) == 30 and corpus.loading is None


def test_a_resumed_run_hands_over_what_the_catalog_has_first(tmp_path, every_file):
    folder = tmp_path / "calls"
    paths = write_calls(folder, 50)
    for p in paths[25:]:  # as if the first run had been killed after 25 files
        p.rename(p.with_suffix(".later"))
    load_corpus([folder], workers=1)
    for p in paths[25:]:
        p.with_suffix(".later").rename(p)
    batches: list = []
    load_corpus([folder], workers=1, growing=snapshots(batches))
    assert len(batches[0][1]) == 25  # at once, before any parse
    assert len(batches) == 26


def test_a_few_new_files_arrive_whole(tmp_path, every_file):
    folder = tmp_path / "calls"
    paths = write_calls(folder, 30)
    paths[-1].rename(paths[-1].with_suffix(".later"))
    load_corpus([folder], workers=1)
    paths[-1].with_suffix(".later").rename(paths[-1])
    batches: list = []
    corpus = load_corpus([folder], workers=1, growing=snapshots(batches))
    assert batches == [] and len(corpus.entries) == 30


def test_a_file_that_fails_is_listed_as_it_comes(tmp_path, every_file):
    folder = tmp_path / "calls"
    write_calls(folder, 25)
    (folder / "0-broken.txt").write_bytes(b"\x00\x01 not a transcript \xff" * 10)
    batches: list = []
    corpus = load_corpus([folder], workers=1, growing=snapshots(batches))
    # Read first (it sorts first): its error is in the first batch, long before the load ends.
    assert [e.path for e in batches[0][3]] == [str(folder / "0-broken.txt")]
    assert len(batches) == 26
    assert [e.path for e in corpus.errors] == [str(folder / "0-broken.txt")]


def test_a_slow_receiver_gets_fewer_batches(monkeypatch):
    """A receiver that takes a second per batch (listing 10,000 calls) gets
    the next batch four seconds later: the app spends at most a fifth of
    its time on batches and keeps answering keys."""
    from dataclasses import dataclass

    from transcripts.corpus import Corpus
    from transcripts.model import Problem

    now = [0.0]
    monkeypatch.setattr(handoff.time, "monotonic", lambda: now[0])

    @dataclass
    class Failed:
        path: str
        error: Problem
        record: None = None
        call: None = None

    received: list[float] = []

    def slow(corpus) -> None:
        received.append(now[0])
        now[0] += 1.0

    h = handoff.Handoff(Corpus(), [f"f{i}" for i in range(20)], slow)
    for i in range(20):
        h.offer([Failed(f"f{i}", Problem(f"f{i}", "unreadable"))], i + 1)
        now[0] += 0.5
    assert received == [0.0, 5.0, 10.0]  # not every half second
    assert [e.path for e in h.corpus.errors] == [f"f{i}" for i in range(17)]  # nothing offered is lost
    assert h.corpus.loading.done == 17 and h.corpus.loading.total == 20
