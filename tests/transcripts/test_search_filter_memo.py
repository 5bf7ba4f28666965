"""A query's filters are worked out from the corpus once while it stays the
same (the app asks again at every key typed), and afresh once it changes."""

from __future__ import annotations

import pytest

pytest.importorskip("tantivy")  # its wheels need Python 3.11+

from tests.transcripts.test_disk_index import write_calls  # noqa: E402
from transcripts import load_corpus  # noqa: E402
from transcripts.search import allowed, searcher_for  # noqa: E402


def counting_matchers(monkeypatch) -> list[int]:
    made: list[int] = []
    real = allowed.call_matcher
    monkeypatch.setattr(allowed, "call_matcher", lambda filters: made.append(1) or real(filters))
    return made


def test_the_same_filters_are_not_asked_of_every_call_again(tmp_path, monkeypatch):
    write_calls(tmp_path / "calls", 6)
    corpus = load_corpus([tmp_path / "calls"])
    searcher = searcher_for(corpus, engine="disk")
    made = counting_matchers(monkeypatch)
    first = [h.call for h in searcher.run("revenue company:co001", 20).hits]
    again = [h.call for h in searcher.run("grew company:co001", 20).hits]
    assert first == again == ["co001-2004-q4"] and len(made) == 1
    other = [h.call for h in searcher.run("revenue company:co002", 20).hits]
    assert other == ["co002-2004-q4"] and len(made) == 2


def test_a_changed_corpus_works_the_filters_out_again(tmp_path, monkeypatch):
    write_calls(tmp_path / "calls", 6)
    corpus = load_corpus([tmp_path / "calls"])
    searcher = searcher_for(corpus, engine="disk")
    assert [h.call for h in searcher.run("revenue company:co001", 20).hits] == ["co001-2004-q4"]
    corpus.entries = [e for e in corpus.entries if e.id != "co001-2004-q4"]  # the file was removed
    made = counting_matchers(monkeypatch)
    assert searcher.run("revenue company:co001", 20).hits == [] and len(made) >= 1
