"""How annotations look in the reader: a colour per tag (metric green,
guidance blue, the user's own tags from a fixed palette by a hash of the
name, so a tag keeps its colour across runs), and the spans the reader
draws for one call, found by bisect for each visible line.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from typing import Iterable

from rich.style import Style

from annotations.model import Annotation
from transcripts.model import Call

TAG_COLOURS = {"metric": "#2e7d32", "guidance": "#1565c0"}
_PALETTE = ["#8e24aa", "#00838f", "#ef6c00", "#ad1457", "#6d4c41", "#558b2f", "#4527a0", "#c62828"]


def tag_colour(tag: str) -> str:
    return TAG_COLOURS.get(tag) or _PALETTE[zlib.crc32(tag.encode()) % len(_PALETTE)]


def tag_style(tag: str) -> Style:
    return Style(bgcolor=tag_colour(tag), color="white")


class Highlights:
    """The reader's decorations for one call's annotations: a sorted list of
    spans, searched by bisect (the reader asks per visible line)."""

    def __init__(self) -> None:
        self.version = 0
        self._call_path: str | None = None
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, Style, str]] = []
        self._longest = 0
        self.pending: tuple[int, int] | None = None
        """A word-level selection being shaped (drawn underlined)."""

    def update(self, call: Call | None, annotations: Iterable[Annotation]) -> None:
        self._call_path = call.path if call else None
        spans = sorted(
            (a.start, a.end,
             # A re-anchor waiting for confirmation is underlined: a guess, not the user's mark yet.
             Style(bgcolor=tag_colour(a.tags[0]) if a.tags else "grey37", underline=a.needs_review),
             tag_colour(a.tags[0]) if a.tags else "grey50")
            for a in annotations if a.placed and a.end > a.start
        )
        self._spans = spans
        self._starts = [s[0] for s in spans]
        self._longest = max((e - s for s, e, _, _ in spans), default=0)
        self.version += 1

    def _overlapping(self, call: Call, start: int, end: int):
        if call.path != self._call_path:
            return
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for s, e, style, colour in self._spans[lo:hi]:
            if e > start:
                yield s, e, style, colour

    def spans(self, call: Call, start: int, end: int):
        out = [(s, e, style) for s, e, style, _ in self._overlapping(call, start, end)]
        if self.pending is not None and call.path == self._call_path:
            s, e = self.pending
            if s < end and e > start:
                out.append((s, e, Style(underline=True, bold=True, reverse=True)))
        return out

    def gutter(self, call: Call, start: int, end: int):
        for _, _, _, colour in self._overlapping(call, start, end):
            return "\u258d", Style(color=colour)
        return None
