"""Indexing many calls into the on-disk index: the sentences are worked out
in worker processes while this process adds them to the index.

On a first run over 30,000 calls the build is the long part (issue 14: all
parsed and indexed in 10 minutes). Measured per call of 10,000 words: the
Python work of its ~700 sentences (tokenising, the stored hit) is about
half the cost, making and adding the tantivy documents the other half, and
only the second must happen beside the writer. So with more than a few
calls to index, ``disk_rows.docs_of_files`` runs in worker processes
(reading each call from the parsed-call cache, where the catalog's load
has just put it) and this process only adds. A call a worker could not
read, or everything when no worker can start, is done here instead, the
same way, so the result never depends on the workers.

It commits about every ``commit_seconds`` at first, then less and less
often as the build goes on (``COMMIT_GROWTH``, ``COMMIT_SHARE``), so
queries from another thread answer over what is done so far, and a build
that is killed keeps it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Sequence

from transcripts.model import Call
from transcripts.search.disk_rows import docs_of_files

if TYPE_CHECKING:
    from transcripts.catalog.entry import CallEntry
    from transcripts.search.disk_index import DiskIndex

PARALLEL_THRESHOLD = 40
"""Calls to index before worker processes are worth starting."""
CHUNK_CALLS = 8
"""Calls a worker works out before handing them to the writer."""
WINDOW_PER_WORKER = 2
"""Chunks in flight per worker: enough to keep them busy, few enough that
finished ones never pile up while the writer is the slower side."""

COMMIT_SHARE = 8
"""A commit writes a segment and syncs it (0.3-0.5 s at 1,000 calls, more
as merges grow): commits come at most once per this many times the last
one took, so they take about a ninth of a build at most."""

COMMIT_GROWTH = 0.5
"""A commit waits until the work since the last one is this share of the
build so far (at most ``MAX_COMMIT_SECONDS``): the first results are
searchable within a second or two, and a kill loses about half of the
work done at most, and never more than a minute of it. Each commit makes
a segment that tantivy later merges into bigger ones, again and again,
and that merging was most of a big build.
Measured on 10,000 calls, indexing alone, the same parse: a commit about
every 9 s took 212 s (CPU 248 s, peak 1.5 GB), one every 30 s 171 s (CPU
149 s, peak 0.5 GB)."""
MAX_COMMIT_SECONDS = 60.0
"""The longest a build goes without a commit, however slow commits grow:
what a kill can lose, and how far behind the build a search in the app may
be during a first run."""

Progress = Callable[[int, int], None]


class _Build:
    def __init__(self, disk: "DiskIndex", total: int, progress: Progress | None, commit_seconds: float) -> None:
        self.disk, self.total, self.progress = disk, total, progress
        self.commit_seconds = commit_seconds
        self.done = 0
        self.started = self.last = time.monotonic()
        self.commit_cost = 0.0

    def one_done(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        now = time.monotonic()
        grown = COMMIT_GROWTH * (now - self.started)
        wait = min(MAX_COMMIT_SECONDS, max(self.commit_seconds, COMMIT_SHARE * self.commit_cost, grown))
        if now - self.last >= wait:
            self.disk.commit(final=False)
            self.last = time.monotonic()
            self.commit_cost = self.last - now


def index_calls(
    disk: "DiskIndex",
    todo: Sequence["CallEntry | Call"],
    full: Callable[[object], Call],
    progress: Progress | None = None,
    commit_seconds: float = 1.0,
    workers: int | None = None,
) -> None:
    """Index every call of ``todo`` (replacing older versions) and commit.
    ``full`` opens an entry's whole call, for what is done here."""
    build = _Build(disk, len(todo), progress, commit_seconds)
    left: list = list(todo)
    lazy = [e for e in todo if not isinstance(e, Call)]  # a whole call in memory needs no worker
    n = 1
    if lazy:
        # Process pools are imported by the first build: a warm search
        # indexes nothing, and their import was a third of its first query.
        from transcripts.parallel import map_chunks, worker_count

        n = worker_count(len(lazy), workers, PARALLEL_THRESHOLD)
    if n > 1:
        chunks = [lazy[i : i + CHUNK_CALLS] for i in range(0, len(lazy), CHUNK_CALLS)]
        handed: set[str] = set()

        def on_chunk(i: int, results: list) -> None:
            for entry, got in zip(chunks[i], results):
                if got is not None:
                    disk.add_docs(*got)
                    handed.add(entry.path)
                    build.one_done()

        try:
            map_chunks(docs_of_files, [[(e.path, e.sha256) for e in c] for c in chunks], n, on_chunk,
                       window=n * WINDOW_PER_WORKER)
        except Exception:  # BrokenProcessPool, OSError: what is left is done here
            pass
        left = [e for e in todo if e.path not in handed]
    for entry in left:
        disk.add(full(entry))
        build.one_done()
    disk.commit()
