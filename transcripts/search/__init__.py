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
"""

from transcripts.search.engine import TagSpans, search_index
from transcripts.search.hits import Hit, SearchResult
from transcripts.search.index import SearchIndex
from transcripts.search.query import (
    Filter,
    Query,
    QueryError,
    Term,
    matches_filters,
    parse_query,
)
from transcripts.search.searcher import Searcher, searcher_for

__all__ = [
    "Filter", "Hit", "Query", "QueryError", "SearchIndex", "SearchResult", "Searcher",
    "TagSpans", "Term", "matches_filters", "parse_query", "search_index", "searcher_for",
]
