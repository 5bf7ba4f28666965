"""JSON: the same records as the CSV, plus what provenance needs: offsets
into the transcript text, the anchor status, and the sha256 of the transcript
bytes those offsets refer to. One document, UTF-8, keys in a fixed order.

Shape::

    {"version": 1,
     "calls": [{"id", "path", "company", "fiscal_year", "quarter", "date",
                "sha256", "annotations_file", "highlights"}],
     "annotations": [{"call", "company", "fiscal_year", "quarter", "date",
                      "section", "turn", "turn_number", "speaker", "title",
                      "role", "firm", "tags", "quote", "note", "fields",
                      "id", "start", "end", "status", "sha256", "path",
                      "line", "location", "annotations_file",
                      "annotation_line", "author"?, "reviewed"?}],
     "orphaned": <count>}

``author`` and ``reviewed`` (``{"by", "at"}``) are there only for an
annotation that has them, so exports of files written before them keep
their bytes.

``turn`` is the 0-based turn index, as in the other JSON outputs
(``show --json``, ``search --json``); ``turn_number`` is the 1-based number
the Markdown, the CSV and the app show ("turn 4").
"""

from __future__ import annotations

import json
from typing import Any

from annotations.export.records import CallInfo, ExportRecord
from transcripts import strict_json
from transcripts.serialize import call_ref_json

FORMAT_VERSION = 1


def _jsonable(value: Any) -> Any:
    """Field values as YAML loaded them; dates and other objects as text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def record_json(rec: ExportRecord) -> dict[str, Any]:
    out = _record_json(rec)
    if rec.author:
        out["author"] = rec.author
    if rec.reviewed is not None:
        out["reviewed"] = _jsonable(rec.reviewed)
    return out


def _record_json(rec: ExportRecord) -> dict[str, Any]:
    c = rec.call
    return {
        "call": c.id,
        "company": c.company,
        "fiscal_year": c.fiscal_year,
        "quarter": c.quarter,
        "date": c.date,
        "section": rec.section,
        "turn": rec.turn_index,
        "turn_number": rec.turn,
        "speaker": rec.speaker,
        "title": rec.title,
        "role": rec.role,
        "firm": rec.firm,
        "tags": list(rec.tags),
        "quote": rec.quote,
        "note": rec.note,
        "fields": _jsonable(rec.fields),
        "id": rec.id,
        "start": rec.start,
        "end": rec.end,
        "status": rec.status,
        "sha256": c.sha256,
        "path": c.path,
        "line": rec.line,
        "location": rec.location,
        "annotations_file": c.annotations_path,
        "annotation_line": rec.annotation_line,
    }


def _call_json(call: CallInfo, count: int) -> dict[str, Any]:
    return {
        **call_ref_json(call),
        "date": call.date,
        "sha256": call.sha256,
        "annotations_file": call.annotations_path,
        "highlights": count,
    }


def export_document(records: list[ExportRecord]) -> dict[str, Any]:
    calls: dict[str, CallInfo] = {}
    counts: dict[str, int] = {}
    for r in records:
        calls.setdefault(r.call.id, r.call)
        counts[r.call.id] = counts.get(r.call.id, 0) + 1
    return {
        "version": FORMAT_VERSION,
        "calls": [_call_json(c, counts[c.id]) for c in sorted(calls.values(), key=lambda c: c.sort_key)],
        "annotations": [record_json(r) for r in records],
        "orphaned": sum(1 for r in records if r.orphaned),
    }


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def render_json(records: list[ExportRecord]) -> str:
    """The document with one call or annotation per line: as easy to diff
    and grep as indented JSON, and written by the C encoder (``indent``
    switches ``json`` to its pure-Python encoder, several times slower on
    10,000 annotations)."""
    doc = export_document(records)
    try:
        _ONE_LINE.encode(doc)  # strict JSON: refuses NaN and Infinity
    except ValueError:
        doc = strict_json.finite(doc)
    enc = _ONE_LINE.encode

    def array(items: list) -> str:
        if not items:
            return "[]"
        return "[\n    " + ",\n    ".join(enc(i) for i in items) + "\n  ]"

    body = ",\n".join(
        f"  {enc(key)}: {array(value) if isinstance(value, list) else enc(value)}"
        for key, value in doc.items()
    )
    return "{\n" + body + "\n}\n"
