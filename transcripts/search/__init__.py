"""Fuzzy search across calls: typo-tolerant words, "quoted phrases" and
filters (``speaker:evan role:analyst company:verisign year:2003 q:4 2003q4
section:qa tag:guidance``), over an inverted index kept in the cache.

    from transcripts import load_corpus
    corpus = load_corpus(["calls/"])
    corpus.search("defered revnue", limit=20)      # -> list[Hit]

Modules: ``tokens`` (what a word is), ``query`` (the search line and its
filters), ``index`` (the inverted index), ``store`` (the index in the cache),
``filtering`` (filters as masks of sentences), ``candidates`` (the
sentences each term occurs in, and the pool to rank), ``ranking`` (one
sentence against a query), ``engine`` (one query), ``hits`` (results),
``searcher`` (a corpus's index and people).

The names below are imported on first use: the filter words alone
(``query``) serve ``annotations`` and ``export``, which search nothing, and
the engine with its index and ranking is a tenth of a second of a start.
"""

from __future__ import annotations

from importlib import import_module

_WHERE = {
    "TagSpans": "engine", "search_index": "engine", "Hit": "hits", "SearchResult": "hits",
    "SearchIndex": "index", "Filter": "query", "Query": "query", "QueryError": "query", "Term": "query",
    "matches_filters": "query", "parse_query": "query", "Searcher": "searcher", "searcher_for": "searcher",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'transcripts.search' has no attribute {name!r}")
    return getattr(import_module(f"transcripts.search.{where}"), name)
