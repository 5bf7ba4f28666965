"""A search index cached by an earlier version of the parser is not reused:
the calls are the same files (same content hash) but their sentences may be
cut differently, and a hit must still be the sentence the reader shows."""

from __future__ import annotations

import pytest

import transcripts.cache
import transcripts.layouts.build
from transcripts import load_corpus
from transcripts.search import searcher_for
pytestmark = pytest.mark.usefixtures("search_engine")


def one_sentence_per_paragraph(text, start, end, starts, ends) -> None:
    """A "new parser" that no longer splits paragraphs into sentences."""
    if start < end:
        starts.append(start)
        ends.append(end)


def test_index_of_an_older_parser_is_rebuilt(samples_copy, monkeypatch):
    old = load_corpus([samples_copy])
    assert searcher_for(old).run("defered revnue", 20).hits  # built and cached

    # The parser changes (its fingerprint is the hash of its source): the
    # same transcripts now parse into other sentences.
    monkeypatch.setattr(transcripts.layouts.build, "append_sentences", one_sentence_per_paragraph)
    monkeypatch.setattr(transcripts.cache, "parser_fingerprint", lambda: "a-newer-parser")
    new = load_corpus([samples_copy])
    assert [c.sha256 for c in new.calls] == [c.sha256 for c in old.calls]
    assert [c.sentence_count for c in new.calls] != [c.sentence_count for c in old.calls]

    hits = searcher_for(new).run("defered revnue", 20).hits
    assert hits
    by_id = {c.id: c for c in new.calls}
    for h in hits:
        call = by_id[h.call]
        assert h.text == call.sentence_text(h.sentence)
        assert "deferred" in h.text.casefold() or "revenue" in h.text.casefold()
