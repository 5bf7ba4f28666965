"""Which call a folder opens on: the latest one, by period.

A reader opening a company's folder wants the newest quarter, not the file
that sorts first. While the corpus loads, the app shows one call at once;
``latest_by_name`` picks it from the file names alone (no file is read),
and ``latest_call`` picks from the parsed calls once all are in (the app
switches to it if the user has not started reading meanwhile).

Ties (two companies' calls of one quarter) go to the call listed first.
Where the user left off (``resume``: the path of the call last read in
this folder, from the per-user state) comes before both, while that file
is still there; it is shown without walking the folders (``resumed_file``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from transcripts.discovery import is_transcript_name
from transcripts.metadata import from_file_name
from transcripts.model import Call


def _is(path: str | Path, resume: str) -> bool:
    return os.path.abspath(path) == os.path.abspath(resume)


def resumed_file(paths: Iterable[str], resume: str | None) -> Path | None:
    """The call left off at, while it is still a transcript inside the
    folders opened (or one of the files): shown before the folders are
    walked, which at 30,000 files takes about a second of the first paint."""
    if not resume or not os.path.isfile(resume):
        return None
    target = os.path.abspath(resume)
    for given in paths:
        root = os.path.abspath(given)
        if target == root:
            return Path(resume)
        inside = target.startswith(root.rstrip(os.sep) + os.sep)
        if inside and is_transcript_name(os.path.basename(target)) and not any(
                part.startswith(".") for part in os.path.relpath(target, root).split(os.sep)):
            return Path(resume)
    return None


def first_path(paths: Iterable[Path], resume: str | None = None) -> Path | None:
    """The file to show first: the one left off at, else the latest by name."""
    paths = list(paths)
    if resume:
        for path in paths:
            if _is(path, resume):
                return path
    return latest_by_name(paths)


def first_call(calls: Sequence[Call], resume: str | None = None) -> Call | None:
    """The call to open once all are in: the one left off at, else the latest."""
    if resume:
        for call in calls:
            if _is(call.path, resume):
                return call
    return latest_call(calls)


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
