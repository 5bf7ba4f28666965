"""Which call a folder opens on: the latest one, by period.

A reader opening a company's folder wants the newest quarter, not the file
that sorts first. While the corpus loads, the app shows one call at once;
``latest_by_name`` picks it from the file names alone (no file is read),
and ``latest_call`` picks from the parsed calls once all are in (the app
switches to it if the user has not started reading meanwhile).

Ties (two companies' calls of one quarter) go to the call listed first.
A later "where you left off" (the power-reader issue) comes before both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from transcripts.metadata import from_file_name
from transcripts.model import Call


def _period(fiscal_year: int | None, quarter: int | None) -> tuple[int, int]:
    return (fiscal_year or 0, quarter or 0)


def latest_call(calls: Sequence[Call]) -> Call | None:
    """The call of the latest period (the first listed among equals)."""
    best: Call | None = None
    for call in calls:
        if best is None or _period(call.fiscal_year, call.quarter) > _period(best.fiscal_year, best.quarter):
            best = call
    return best


def latest_by_name(paths: Iterable[Path]) -> Path | None:
    """The path whose file name says the latest period; the first path when
    no name says one."""
    best: Path | None = None
    best_period = (-1, -1)
    for path in paths:
        meta = from_file_name(path)
        period = _period(meta.fiscal_year, meta.quarter)
        if period > best_period:
            best, best_period = path, period
    return best
