"""Writing an annotation file: each annotation's data in the file's order
(the place a re-anchor the user has not confirmed still holds, known keys
first, hand-written ones kept), and the text, written so that it reads
back as exactly the same data, or not at all (``writeback.UnsafeWrite``).
Reading is ``annotations.codec``."""

from __future__ import annotations

from typing import Any

from annotations import comments, fastyaml, writeback, yamlio
from annotations.model import FIELD_KEYS, REVIEW_KEYS, TOP_KEYS, Annotation, AnnotationFile
from transcripts.terminal_safe import text_of_name


def annotation_data(a: Annotation) -> dict[str, Any]:
    """What is written for ``a``. A re-anchor the user has not confirmed
    writes the place the file already held (``Annotation.stored``)."""
    place = a.stored if a.stored is not None else a
    out: dict[str, Any] = {
        "id": a.id,
        "tags": yamlio.FlowList(a.tags),
        "start": place.start,
        "end": place.end,
        "quote": place.quote,
    }
    if place.prefix:
        out["prefix"] = place.prefix
    if place.suffix:
        out["suffix"] = place.suffix
    if place.speaker:
        out["speaker"] = place.speaker
    if a.note:
        out["note"] = a.note
    if a.fields:
        ordered = {k: a.fields[k] for k in FIELD_KEYS if k in a.fields}
        ordered.update((k, v) for k, v in a.fields.items() if k not in ordered)
        out["fields"] = yamlio.FlowDict(ordered)
    if a.author:
        out["author"] = a.author
    if a.created:
        out["created"] = a.created
    if a.updated:
        out["updated"] = a.updated
    if a.reviewed is not None:
        ordered = {k: a.reviewed[k] for k in REVIEW_KEYS if k in a.reviewed}
        ordered.update((k, v) for k, v in a.reviewed.items() if k not in ordered)
        out["reviewed"] = yamlio.FlowDict(ordered)
    for k, v in a.extra.items():
        if k not in out:
            out[k] = v
    return out


def items_data(af: AnnotationFile) -> list[dict[str, Any]]:
    """Every annotation as written, in text order (the file's order)."""
    items = [annotation_data(a) for a in af.annotations]
    return sorted(items, key=lambda d: (d["start"], d["end"], d["id"]))


def file_data(af: AnnotationFile, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``items``: ``items_data(af)`` when the caller has it already (a save
    keeps it as the next merge's base instead of building it twice)."""
    out: dict[str, Any] = {
        "version": af.version,
        "transcript": text_of_name(af.transcript),  # a name that is not UTF-8 cannot be YAML text
        "sha256": af.sha256,
    }
    if af.call:
        out["call"] = af.call
    for k, v in af.extra.items():
        if k not in TOP_KEYS:
            out[k] = v
    out["annotations"] = items_data(af) if items is None else items
    return out


def to_text(af: AnnotationFile, items: list[dict[str, Any]] | None = None) -> str:
    """The file's text; raises ``writeback.UnsafeWrite`` (nothing to write)
    when no way of writing it reads back as the same data."""
    data = file_data(af, items)
    items = data.pop("annotations")
    top = list(data.items())
    pairs = [list(d.items()) for d in items]
    forced: set = set()
    for _ in range(3):
        check = writeback.PairCheck(forced)
        if af.comments:
            text = comments.emit_document(top, [(d["id"], p) for d, p in zip(items, pairs)], af.comments, check)
        else:
            text = fastyaml.emit_document(top, pairs, check)
        bad = check.failures()
        if not bad:
            if af.comments and not writeback.reads_back(text, {**data, "annotations": items}):
                break
            return text
        if bad <= forced:  # already written PyYAML's way, and still wrong
            break
        forced |= bad
    raise writeback.UnsafeWrite(
        "the annotations could not be written so that they read back exactly as they are; nothing was written"
    )
