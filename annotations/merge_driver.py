"""Merging three versions of an annotation file, for ``git merge``.

git hands a merge driver the common ancestor, our version and theirs. Lines
of YAML are the wrong thing to merge (two highlights added at one place
make a textual conflict, and conflict markers make the file unreadable), so
this merges by annotation id, as a save merges with edits made on disk
(``annotations.merge``), with one difference: a driver never picks a side.
When both branches changed the same annotation differently, both versions
are kept, each marked ``conflict: <the other's id>``; when one branch
removed an annotation the other changed, the changed one is kept, marked
``conflict: removed``. The reviewer then keeps one in the app (``x`` on the
other), and ``earmark check`` lists what is still to resolve.

Comments and hand-written keys are kept as the store keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotations import codec, store
from annotations.ids import new_id
from annotations.merge import merge, snapshot
from annotations.model import Annotation, AnnotationFile
from transcripts.model import Problem
from transcripts.sidecar import MAX_SIDECAR_BYTES

CONFLICT_KEY = "conflict"
REMOVED = "removed"


@dataclass
class DriverResult:
    text: str = ""
    conflicts: list[str] = field(default_factory=list)
    """Ids of annotations marked as conflicting."""
    problems: list[Problem] = field(default_factory=list)
    """A version that could not be read: nothing is merged then."""


def _read(path: Path, transcript: str) -> tuple[AnnotationFile, list[Problem]]:
    data = path.read_bytes() if path.exists() else b""
    if len(data) > MAX_SIDECAR_BYTES:
        return AnnotationFile(path=path, transcript=transcript), [Problem(str(path), "too large to merge")]
    if not data.strip():  # the file is new on both branches: no ancestor
        return AnnotationFile(path=path, transcript=transcript), []
    af, problems = store.parse_bytes(data, path, transcript)
    return af, [p for p in problems if p.severity == "error"]


def merge_three(base: Path, ours: Path, theirs: Path, *, name: str | None = None) -> DriverResult:
    """The merged text of three versions. ``name`` is the file's own name
    (git passes temporary names for the ancestor and theirs)."""
    shown = Path(name) if name else ours
    transcript = ""
    loaded: list[AnnotationFile] = []
    problems: list[Problem] = []
    for path in (base, ours, theirs):
        af, found = _read(path, transcript)
        problems += [Problem(str(shown), f"{_which(path, base, ours)}: {p.message}", p.line) for p in found]
        loaded.append(af)
    if problems:
        return DriverResult(problems=problems)
    base_af, our_af, their_af = loaded
    merged, report = merge(snapshot(base_af), our_af, their_af)
    merged.transcript = our_af.transcript or their_af.transcript
    merged.sha256 = our_af.sha256 or their_af.sha256
    base_ids = {a.id for a in base_af.annotations}
    ours_by_id = {a.id: a for a in our_af.annotations}
    theirs_by_id = {a.id: a for a in their_af.annotations}
    conflicts: list[str] = []
    taken = {a.id for a in merged.annotations} | set(theirs_by_id) | set(ours_by_id)
    for aid in report.conflicts:
        if aid not in base_ids:
            continue  # "the call block" and other top-level keys: ours is kept, reported
        mine, their = ours_by_id.get(aid), theirs_by_id.get(aid)
        if mine is not None and their is not None:
            twin = their.copy()
            twin.id = new_id(taken)
            taken.add(twin.id)
            _mark(_in(merged, aid), twin.id)
            _mark(twin, aid)
            merged.annotations.append(twin)
            conflicts += [aid, twin.id]
        elif their is not None and mine is None:  # removed by us, changed by them
            kept = their.copy()
            _mark(kept, REMOVED)
            merged.annotations.append(kept)
            conflicts.append(aid)
        elif mine is not None:  # changed by us, removed by them: merge kept ours
            _mark(_in(merged, aid), REMOVED)
            conflicts.append(aid)
    merged.sort()
    return DriverResult(codec.to_text(merged), conflicts)


def _in(af: AnnotationFile, aid: str) -> Annotation:
    found = af.find(aid)
    assert found is not None
    return found


def _mark(a: Annotation, other: str) -> None:
    a.extra[CONFLICT_KEY] = other


def _which(path: Path, base: Path, ours: Path) -> str:
    return "the common ancestor" if path == base else "our version" if path == ours else "their version"


def conflict_of(a: Annotation) -> str | None:
    """The other side of a merge conflict this annotation is part of:
    another annotation's id, ``removed``, or None."""
    value = a.extra.get(CONFLICT_KEY)
    return str(value) if value is not None else None
