"""What the reader asks of a layer of marks drawn over the transcript
(annotation highlights, search matches, suggestions): the reader's
module docstring says how layers are added and stacked."""

from __future__ import annotations

from typing import Iterable, Protocol

from rich.style import Style

from transcripts.model import Call

Span = tuple[int, int, "Style | str"]


class Decorations(Protocol):
    """What the reader asks of a highlight provider (the annotations layer)."""

    version: int
    """Bump on every change: it is part of each cached line's key."""

    def spans(self, call: Call, start: int, end: int) -> Iterable[Span]:
        """Styled (start, end, style) spans overlapping text offsets [start, end)."""
        ...

    def gutter(self, call: Call, start: int, end: int) -> tuple[str, "Style | str"] | None:
        """A one-cell marker (and its style) for a line showing [start, end)."""
        ...
