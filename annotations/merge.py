"""Three-way merge of annotation files, by annotation id.

When the file on disk changed after it was read, our version and the disk's
are both compared with what was read (the base):

- changed on one side only: that side wins;
- changed on both sides: ours is kept, and the conflict is reported;
- added on disk: kept; added by us: kept (an id clash gets a new id, so
  neither annotation is lost);
- removed by us: stays removed; removed on disk and untouched by us: removed;
  removed on disk but edited by us: ours is kept.

The same rule applies to the top-level ``call`` block and hand-added keys.
Comments are taken from the disk's version: only hand edits change them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotations.codec import annotation_data
from annotations.ids import new_id
from annotations.model import Annotation, AnnotationFile


@dataclass(slots=True)
class MergeReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """Ids edited on both sides (ours kept) or removed by us after an edit on disk."""

    @property
    def anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.conflicts)

    def message(self) -> str:
        parts = []
        for n, what in ((len(self.added), "added"), (len(self.changed), "changed"), (len(self.removed), "removed")):
            if n:
                parts.append(f"{n} {what}")
        text = "merged edits made on disk meanwhile"
        if parts:
            text += " (" + ", ".join(parts) + ")"
        if self.conflicts:
            text += f"; kept your version of {', '.join(self.conflicts)} (edited on both sides)"
        return text


def _snapshot_top(af: AnnotationFile) -> dict[str, Any]:
    return {"call": af.call, **af.extra}


def snapshot(af: AnnotationFile, items: list[dict] | None = None) -> tuple[dict[str, Any], dict[str, dict]]:
    """What a later merge compares against: the top-level extras and every
    annotation as it would be written (``items``: ``codec.items_data(af)``
    when the caller has just written it)."""
    # ``annotation_data`` builds new dicts and lists; the values inside them
    # are never changed in place by Earmark (edits replace them), so no deep
    # copy is needed (it would cost more than the save itself).
    return (
        {"call": dict(af.call), **af.extra},
        {a.id: annotation_data(a) for a in af.annotations} if items is None else {d["id"]: d for d in items},
    )


_ABSENT = object()
UNION_KEYS = frozenset({"dismissed"})
"""Top-level lists that only grow: two writers' additions are both kept."""


def _merge_top(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], report: MergeReport) -> dict[str, Any]:
    """Three-way, key by key: a key one side changed takes that side's
    value; a key both changed differently keeps ours and is reported, except
    the lists in ``UNION_KEYS``, whose items from both sides are kept."""
    out: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs]):
        b, o, t = base.get(key, _ABSENT), ours.get(key, _ABSENT), theirs.get(key, _ABSENT)
        if key in UNION_KEYS and isinstance(o, list) and isinstance(t, list):
            out[key] = list(dict.fromkeys([*o, *t]))
            continue
        if o != b and t != b and o != t:
            report.conflicts.append("the call block" if key == "call" else f"top-level key {key!r}")
        value = t if o == b else o
        if value is not _ABSENT:  # a key one side deleted stays deleted
            out[key] = value
    return out


def merge(
    base: tuple[dict[str, Any], dict[str, dict]],
    ours: AnnotationFile,
    theirs: AnnotationFile,
) -> tuple[AnnotationFile, MergeReport]:
    base_top, base_items = base
    report = MergeReport()
    our_items = {a.id: a for a in ours.annotations}
    their_items = {a.id: a for a in theirs.annotations}
    result: list[Annotation] = []
    for aid, mine in our_items.items():
        mine_data = annotation_data(mine)
        theirs_a = their_items.get(aid)
        if aid not in base_items:  # added by us
            if theirs_a is not None and annotation_data(theirs_a) != mine_data:
                clash = theirs_a.copy()
                clash.id = new_id(set(our_items) | set(their_items))
                result.append(clash)
                report.added.append(clash.id)
            result.append(mine)
            continue
        base_data = base_items[aid]
        if theirs_a is None:  # removed on disk
            if mine_data == base_data:
                report.removed.append(aid)
            else:
                report.conflicts.append(aid)
                result.append(mine)
            continue
        their_data = annotation_data(theirs_a)
        if mine_data == base_data:
            if their_data != base_data:
                report.changed.append(aid)
            result.append(theirs_a)
        else:
            if their_data != base_data and their_data != mine_data:
                report.conflicts.append(aid)
            result.append(mine)
    for aid, theirs_a in their_items.items():
        if aid in our_items:
            continue
        if aid in base_items:  # removed by us: stays removed
            if annotation_data(theirs_a) != base_items[aid]:
                report.conflicts.append(aid)
            continue
        report.added.append(aid)
        result.append(theirs_a)

    merged = AnnotationFile(
        path=ours.path, transcript=ours.transcript, sha256=ours.sha256, version=ours.version,
    )
    top = _merge_top(base_top, _snapshot_top(ours), _snapshot_top(theirs), report)
    merged.call = top.get("call") or {}
    merged.extra = {k: v for k, v in top.items() if k != "call"}
    merged.annotations = result
    # Earmark never edits comments, so the file on disk holds the latest
    # ones (a hand edit adding or deleting some); comments of annotations
    # removed meanwhile are written under a marker, not dropped.
    merged.comments = list(theirs.comments)
    merged.sort()
    return merged, report
