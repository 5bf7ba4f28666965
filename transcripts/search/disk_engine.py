"""The on-disk engine behind ``SearchBackend``: ``DiskIndex`` for the
documents, ``disk_query`` for the answers."""

from __future__ import annotations

from pathlib import Path

from transcripts.model import Call
from transcripts.search.allowed import FilterContext
from transcripts.search.disk_index import DiskIndex, Warn
from transcripts.search.disk_query import run_query
from transcripts.search.hits import SearchResult
from transcripts.search.index import Progress
from transcripts.search.query import Query


class DiskBackend:
    def __init__(self, folder: Path | None, warn: Warn | None = None) -> None:
        self.disk = DiskIndex(folder, warn)

    def indexed(self) -> dict[str, str]:
        return self.disk.indexed()

    def add(self, call: Call) -> None:
        self.disk.add(call)

    def remove(self, path: str) -> None:
        self.disk.remove(path)

    def commit(self, progress: Progress | None = None) -> None:
        self.disk.commit()

    def query(self, query: Query, limit: int, ctx: FilterContext) -> SearchResult:
        return run_query(self.disk, query, limit, ctx)
