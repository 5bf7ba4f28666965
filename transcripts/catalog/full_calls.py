"""Whole calls opened on demand, a bounded number at a time.

A corpus of 30,000 calls cannot hold every call's text (half a megabyte
each); it holds their entries and opens a call when someone reads it: from
the parsed-call cache (``transcripts.cache``) when it has the call, else by
parsing the file. The most recently used calls stay open, so the call on
screen, or the one a loop just handed out, is the same object when asked
for again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterator, Sequence, overload

from transcripts import cache
from transcripts.catalog.entry import CallEntry, adopt
from transcripts.model import Call

DEFAULT_OPEN_CALLS = 64
"""About 30 MB of calls: the reader's working set with room to spare."""


class FullCalls:
    """The open calls of one corpus, least recently used first out."""

    def __init__(self, parse: Callable[[str], Call], limit: int = DEFAULT_OPEN_CALLS) -> None:
        self._parse = parse
        self.limit = limit
        self._open: OrderedDict[str, Call] = OrderedDict()
        self._lock = threading.Lock()  # the app's UI thread and its workers both open calls
        self.loads = 0
        """How many calls were opened (from the cache or a parse): a test
        counts them to prove that a corpus opens without reading text."""

    def get(self, entry: CallEntry) -> Call:
        with self._lock:
            call = self._open.get(entry.path)
            if call is not None:
                self._open.move_to_end(entry.path)
                return call
        call = cache.load_entry(entry.sha256, Path(entry.path).name)
        if call is None:
            call = self._parse(entry.path)
            cache.store_entry(call, Path(entry.path).name)
        self.loads += 1
        adopt(call, entry)
        self.put(entry.path, call)
        return call

    def put(self, path: str, call: Call) -> None:
        with self._lock:
            self._open[path] = call
            self._open.move_to_end(path)
            while len(self._open) > self.limit:
                self._open.popitem(last=False)

    def peek(self, path: str) -> Call | None:
        """The call if it is open, without opening it."""
        return self._open.get(path)


class LazyCalls(Sequence[Call]):
    """``Corpus.calls`` of a lazy corpus: a sequence of whole calls that
    opens each one when it is read (the contract of DESIGN.md for scripts).
    Code that needs only metadata reads ``Corpus.entries`` instead."""

    def __init__(self, entries: list, full: Callable[[object], Call]) -> None:
        self._entries = entries
        self._full = full

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, i: int) -> Call: ...
    @overload
    def __getitem__(self, i: slice) -> list[Call]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._full(e) for e in self._entries[i]]
        return self._full(self._entries[i])

    def __setitem__(self, i: int, call: Call) -> None:
        """A call read again (its file changed) replaces its entry."""
        self._entries[i] = call

    def __iter__(self) -> Iterator[Call]:
        for e in self._entries:
            yield self._full(e)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, LazyCalls)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"<{len(self)} calls, opened on demand>"
