"""The interface a search engine implements, so the app never knows which
one answers.

An engine holds sentences of calls and answers queries over them; the
``Searcher`` keeps it in step with the corpus (index what is new or changed,
remove what went away, commit) and hands it, with each query, what the
filters allow, worked out from the corpus's metadata (``FilterContext``).
Nothing here assumes the engine lives in this process: a team's shared
archive could be served by OpenSearch or PostgreSQL behind the same five
methods (``indexed`` from its own bookkeeping table, ``add`` / ``remove`` as
document upserts and deletes by path, ``commit`` as a refresh, ``query`` as
a candidate fetch re-ranked with ``ranking``), without touching the app.

Two engines today: ``MemoryBackend`` (the inverted index of
``transcripts.search.index``, held in memory and cached as one file) and
``transcripts.search.disk_engine.DiskBackend`` (tantivy on disk, updated
per file).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from transcripts.model import Call
from transcripts.search.allowed import FilterContext
from transcripts.search.engine import search_index
from transcripts.search.hits import SearchResult
from transcripts.search.index import Progress, SearchIndex
from transcripts.search.query import Query


@runtime_checkable
class SearchBackend(Protocol):
    """One search engine's side of the bargain."""

    def indexed(self) -> dict[str, str]:
        """What is indexed and committed: call path -> content hash
        (sha256). The searcher diffs it against the corpus."""
        ...

    def add(self, call: Call) -> None:
        """Index one whole call, replacing what was indexed for its path."""
        ...

    def remove(self, path: str) -> None:
        """Forget the call read from ``path`` (nothing if it is not indexed)."""
        ...

    def commit(self, progress: Progress | None = None) -> None:
        """Make the adds and removes since the last commit visible to
        queries (and durable, for an engine on disk)."""
        ...

    def query(self, query: Query, limit: int, ctx: FilterContext) -> SearchResult:
        """The best ``limit`` sentences for a parsed query over what is
        committed, ranked by ``transcripts.search.ranking``'s rules; raises
        ``QueryError`` for filters it cannot apply (``tag:`` without
        annotations)."""
        ...


class MemoryBackend:
    """The in-memory inverted index behind the interface: adds and removes
    are gathered and applied by ``commit`` (``SearchIndex.sync``, which
    re-indexes changed calls only)."""

    def __init__(self, index: SearchIndex | None = None) -> None:
        self.index = index if index is not None else SearchIndex()
        self._calls: dict[str, Call] = {c.path: c for _, c in self.index.live_segments()}

    def indexed(self) -> dict[str, str]:
        return {seg.path: seg.sha256 for seg, _ in self.index.live_segments()}

    def add(self, call: Call) -> None:
        self._calls[call.path] = call

    def remove(self, path: str) -> None:
        self._calls.pop(path, None)

    def commit(self, progress: Progress | None = None) -> None:
        self.index.sync(list(self._calls.values()), progress)

    def query(self, query: Query, limit: int, ctx: FilterContext) -> SearchResult:
        return search_index(self.index, query, limit, tag_spans=ctx.tag_spans, scope=ctx.scope,
                            aliases=ctx.aliases)
