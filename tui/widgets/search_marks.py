"""Search matches drawn in the transcript: the words the current query
matched are marked in the reader (for every hit in the open call), so after
a hit is opened the eye finds them in the sentence and in the lines around
it, and keeps finding them while stepping with ``n``/``N``.

A reader decorations provider (``Reader.add_decorations``) that follows what
the search pane wants marked (``SearchPane.marked_hits``: the current
query's hits, nothing once the query is emptied or escape hid them). It
re-indexes only when the pane hands over a different list, so asking it per
visible line costs an identity check and a bisect; the pane refreshes the
reader when that list changes.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Sequence

from rich.style import Style

from transcripts.model import Call

MATCH_STYLE = Style(bold=True, reverse=True)
"""Reverse video survives the cursor's and the highlights' backgrounds."""


class SearchMarks:
    """Decorations for the matched words of ``hits()`` (a list of search hits
    with ``call`` and absolute ``spans``)."""

    def __init__(self, hits: Callable[[], Sequence]) -> None:
        self._hits = hits
        self._seen: object = None
        self._version = 0
        self._by_call: dict[str, tuple[list[int], list[tuple[int, int]], int]] = {}

    @property
    def version(self) -> int:
        hits = self._hits()
        if hits is not self._seen:
            self._index(hits)
        return self._version

    def _index(self, hits: Sequence) -> None:
        self._seen = hits
        spans: dict[str, set[tuple[int, int]]] = {}
        for hit in hits:
            spans.setdefault(hit.call, set()).update((s, e) for s, e in hit.spans if e > s)
        self._by_call = {}
        for call_id, found in spans.items():
            if not found:
                # A query of filters only (``speaker:evan``) matches whole
                # sentences, no words: nothing to mark in that call.
                continue
            ordered = sorted(found)
            longest = max(e - s for s, e in ordered)
            self._by_call[call_id] = ([s for s, _ in ordered], ordered, longest)
        self._version += 1

    def spans(self, call: Call, start: int, end: int):
        self.version  # noqa: B018 (re-index if the pane has new hits)
        entry = self._by_call.get(call.id)
        if entry is None:
            return ()
        starts, ordered, longest = entry
        lo = bisect_left(starts, start - longest)
        hi = bisect_left(starts, end)
        return [(s, e, MATCH_STYLE) for s, e in ordered[lo:hi] if e > start]

    def gutter(self, call: Call, start: int, end: int):
        return None
