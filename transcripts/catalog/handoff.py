"""The calls of a first run handed over while the rest are still parsing.

A first run over thousands of calls parses for minutes; a user who sees one
call and "loading 1,200/30,000" all that time cannot work. So the loader
hands the calls done so far to its caller (the app) in batches, about every
``HANDOFF_SECONDS``, as the same growing ``Corpus``: a batch of hundreds of
calls costs the receiver one list rebuild, where a message per call would
flood it. A warm start, with nothing to parse, hands over nothing: its
corpus arrives whole, at once, as before.

What a batch does to the corpus is what ``corpus.finish`` does to the whole
one, for the new calls only: annotation files' corrections, company and
period order, unique ids. The complete corpus replaces it all at the end
(tickers unified across calls may rename a few then). The corpus's lists and
dicts are replaced, never changed in place: a search worker may be reading
the previous ones.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from transcripts.catalog.entry import CallRecord, adopt
from transcripts.model import Call, Problem

if TYPE_CHECKING:
    from transcripts.corpus import Corpus

HANDOFF_SECONDS = 0.5
"""Least time between two hand-offs (the first goes as soon as one call is in)."""

RECEIVER_SHARE = 0.2
"""At most this share of the time goes to the receiver: a batch that took
it a second (listing 10,000 calls) puts the next one four seconds later,
so the app keeps answering keys while it lists a big first run."""

HANDOFF_AFTER_FILES = 20
"""Fewer files than this to parse take about a second: the corpus then
arrives whole, in one hand-off, as on a warm start."""


class Done(Protocol):
    """A file the loader has finished with (``catalog.load._Job``)."""

    spelled: str
    record: CallRecord | None
    error: Problem | None
    call: Call | None


class Handoff:
    """Batches finished files into ``corpus`` and hands it to ``growing``."""

    def __init__(self, corpus: "Corpus", paths: Sequence[str], growing: Callable[["Corpus"], None]) -> None:
        self.corpus = corpus
        self.growing = growing
        self.paths = tuple(paths)
        self._pending: list[Done] = []
        self._done = 0
        self._last: float | None = None
        self._gap = HANDOFF_SECONDS
        self._ids: set[str] = set()
        self.count = 0
        """Hand-offs made (a test proves a warm start makes none)."""

    def offer(self, finished: Sequence[Done], done: int) -> None:
        """``finished`` files are parsed (``done`` files in all so far); hand
        them over if the last hand-off is old enough."""
        self._pending.extend(finished)
        self._done = done
        if self._last is not None and time.monotonic() - self._last < self._gap:
            return
        self.send()

    def send(self) -> None:
        if not self._pending:
            return
        from transcripts.corpus import Loading, apply_sidecar

        finished, self._pending = self._pending, []
        corpus = self.corpus
        sidecars = dict(corpus.sidecars)
        entries, errors = [], []
        for job in finished:
            if job.error is not None:
                errors.append(job.error)
            elif job.record is not None:
                entry = job.record.entry(job.spelled)
                apply_sidecar(sidecars, entry)
                entry.id = self._unique(entry.id)
                entries.append(entry)
                if job.call is not None and corpus.opener is not None:
                    corpus.opener.put(entry.path, adopt(job.call, entry))
        corpus.sidecars = sidecars
        corpus.errors = [*corpus.errors, *errors]
        corpus.entries = sorted([*corpus.entries, *entries], key=lambda c: c.sort_key)
        corpus.loading = Loading(self._done, len(self.paths), self.paths)
        self.count += 1
        start = time.monotonic()
        self.growing(corpus)
        self._last = time.monotonic()  # the receiver's time does not count against the next batch
        spent = self._last - start
        self._gap = max(HANDOFF_SECONDS, spent * (1 - RECEIVER_SHARE) / RECEIVER_SHARE)

    def _unique(self, call_id: str) -> str:
        """A repeated id gets ``-2``, ``-3``... (the calls handed over
        earlier keep theirs: the user may have one open)."""
        wanted, n = call_id, 1
        while wanted in self._ids:
            n += 1
            wanted = f"{call_id}-{n}"
        self._ids.add(wanted)
        return wanted
