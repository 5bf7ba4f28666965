"""Validation of annotation files for ``earmark check``.

For each call of a corpus that has an annotation file beside it, reports
each problem as a ``Problem`` (``path:line: message``): errors for files
Earmark will not write (malformed, wrong types, start after end, missing
quote, unknown version, too big, unsafe YAML), warnings for annotations
whose quote cannot be found in the transcript any more (orphaned), for
re-anchors that wait for the user's confirmation (fuzzy, or now in another
speaker's turn), and for annotation files whose transcript is missing
(``annotations.stray``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from annotations import store
from annotations.model import Annotation
from annotations.session import CallAnnotations, existing_recoveries
from annotations.stray import find_strays
from transcripts.model import Call, Problem
from transcripts.sidecar import sidecar_path


def check_call(call: Call, open_call: Callable[[Any], Call] | None = None) -> list[Problem]:
    """The problems of ``call``'s annotation file; ``call`` may be a
    corpus entry, whose text ``open_call`` opens only when the file exists."""
    path = sidecar_path(call.path)
    problems = [
        Problem(str(p), f"unsaved annotation edits kept by Earmark; compare with {path.name}, then delete", None, "warning")
        for p in existing_recoveries(call.path)
    ]
    if not path.exists():
        return problems
    if open_call is not None:
        call = open_call(call)
    loaded = store.load(path, Path(call.path).name)
    problems += loaded.problems
    if loaded.errors:
        return problems
    session = CallAnnotations(call, loaded)
    for a in session.annotations:
        message = anchor_message(call, a)
        if message:
            problems.append(Problem(str(path), f"annotation {a.id}: {message}", a.line, "warning"))
    for a in session.conflicts():
        other = a.extra["conflict"]
        what = ("the other branch removed it" if other == "removed"
                else f"annotation {other} is the other branch's version")
        problems.append(Problem(
            str(path), f"annotation {a.id}: merge conflict, {what}; keep one in the app (x removes, the palette keeps)",
            a.line, "error",
        ))
    return problems


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def anchor_message(call: Call, a: Annotation) -> str:
    """What a user must know about where an annotation was found, or ""."""
    if a.status == "orphaned":
        why = f": {a.review}" if a.review else ""
        return f"quote not found in the transcript (orphaned){why}"
    if not a.needs_review:
        return ""
    now = call.text[a.start : a.end]
    moved = f"; now reads \u201c{_short(now)}\u201d" if now != a.quote else ""
    return (
        f"re-anchored {a.status} at line {call.line_of(a.start)}, {a.review}{moved}; "
        "the stored quote is kept until you confirm it in the app (y)"
    )


def check_calls(calls: Iterable[Call]) -> list[Problem]:
    """Every problem of the annotation files beside ``calls``."""
    return [p for call in calls for p in check_call(call)]


def annotation_problems(corpus) -> list[Problem]:
    """The ``earmark check`` hook: takes a ``transcripts.Corpus``."""
    own = [p for entry in corpus.entries for p in check_call(entry, corpus.full)]
    return own + [p for s in find_strays(corpus) for p in s.problems()]
