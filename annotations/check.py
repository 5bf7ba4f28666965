"""Validation of annotation files for ``earmark check``.

For each call of a corpus that has an annotation file beside it, reports
each problem as a ``Problem`` (``path:line: message``): errors for files
Earmark will not write (malformed, wrong types, start after end, missing
quote, unknown version, too big, unsafe YAML), warnings for annotations
whose quote cannot be found in the transcript any more (orphaned).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from annotations import store
from annotations.session import CallAnnotations, existing_recoveries
from transcripts.model import Call, Problem
from transcripts.sidecar import sidecar_path


def check_call(call: Call) -> list[Problem]:
    path = sidecar_path(call.path)
    problems = [
        Problem(str(p), f"unsaved annotation edits kept by Earmark; compare with {path.name}, then delete", None, "warning")
        for p in existing_recoveries(call.path)
    ]
    if not path.exists():
        return problems
    loaded = store.load(path, Path(call.path).name)
    problems += loaded.problems
    if loaded.read_only:
        return problems
    session = CallAnnotations(call, loaded)
    for a in session.orphaned:
        problems.append(
            Problem(str(path), f"annotation {a.id}: quote not found in the transcript (orphaned)", a.line, "warning")
        )
    for a in session.conflicts():
        other = a.extra["conflict"]
        what = ("the other branch removed it" if other == "removed"
                else f"annotation {other} is the other branch's version")
        problems.append(Problem(
            str(path), f"annotation {a.id}: merge conflict, {what}; keep one in the app (x removes, the palette keeps)",
            a.line, "error",
        ))
    return problems


def check_calls(calls: Iterable[Call]) -> list[Problem]:
    """Every problem of the annotation files beside ``calls``."""
    return [p for call in calls for p in check_call(call)]


def annotation_problems(corpus) -> list[Problem]:
    """The ``earmark check`` hook: takes a ``transcripts.Corpus``."""
    return check_calls(corpus.calls)
