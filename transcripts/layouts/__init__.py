"""The family of transcript layouts: each scores how well a text fits it
and reads it into turns; the best score wins, the generic reader is the
fallback.

The order of ``LAYOUTS`` breaks ties (the first wins), so a more specific
family comes before a looser one. Adding a family means adding a module with
a ``score`` and a ``read`` (``transcripts.layouts.base.Layout``) and one
entry here.
"""

from __future__ import annotations

from transcripts.layouts.base import Layout, Reading
from transcripts.layouts.diarized import DiarizedLayout
from transcripts.layouts.generic import GenericLayout, read_generic
from transcripts.layouts.motley_fool import MotleyFoolLayout
from transcripts.layouts.motley_fool_2025 import MotleyFool2025Layout
from transcripts.layouts.refinitiv import RefinitivLayout
from transcripts.layouts.seeking_alpha import SeekingAlphaLayout
from transcripts.layouts.streetevents import StreetEventsLayout
from transcripts.model import Problem

GENERIC = GenericLayout()
LAYOUTS: list[Layout] = [
    StreetEventsLayout(),
    RefinitivLayout(),
    DiarizedLayout(),
    MotleyFool2025Layout(),
    MotleyFoolLayout(),
    SeekingAlphaLayout(),
]
"""The families, most specific first; ``GENERIC`` is tried last."""

MIN_SCORE = 0.5
"""A family must fit at least this well to be preferred to the generic reader."""


def detect(text: str) -> tuple[Layout, float]:
    """The layout that fits ``text`` best, and how well."""
    best, best_score = GENERIC, MIN_SCORE
    for layout in LAYOUTS:
        score = layout.score(text)
        if score > best_score:
            best, best_score = layout, score
    return best, best_score


def read(text: str, path: str) -> Reading:
    """The reading of ``text`` by the layout that fits it best. A family's
    reader that fails (a bug, not the file's fault) gives way to the generic
    reader with a warning, so one odd file never stops a corpus."""
    layout, score = detect(text)
    if layout is GENERIC:
        return read_generic(text, path)
    try:
        reading = layout.read(text, path)
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not lose the file
        reading = read_generic(text, path)
        reading.warnings.append(Problem(
            path, f"the {layout.name} reader failed ({type(exc).__name__}); read with the generic reader",
            None, "warning",
        ))
        return reading
    if not reading.turns:
        fallback = read_generic(text, path)
        fallback.warnings.append(Problem(
            path, f"looked like the {layout.name} layout but no turn was found in it; read with the generic reader",
            None, "warning",
        ))
        return fallback
    reading.confidence = min(reading.confidence, score) if reading.confidence else score
    return reading


__all__ = ["GENERIC", "LAYOUTS", "Layout", "Reading", "detect", "read"]
