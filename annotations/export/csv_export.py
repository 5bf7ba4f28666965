"""CSV: one row per annotation, for a spreadsheet or a model.

RFC 4180: comma separated, fields with commas, quotes or line breaks quoted
(quotes doubled), ``\\r\\n`` between records; a quote or note with a line
break stays one cell. The column order is fixed (``BASE_COLUMNS`` then the
known fields), with any other field keys users wrote added after them in
alphabetical order, so a sheet built on one export keeps working on the next.

Encoding: UTF-8. A file written with ``-o`` starts with a byte-order mark
(``utf-8-sig``): without it Excel reads UTF-8 as the local code page and
turns ``é`` or ``—`` into mojibake; LibreOffice, Google Sheets, pandas and
Python's ``csv`` (with ``encoding="utf-8-sig"``) all accept it. Text sent to
stdout has no mark, so pipes into other tools see plain UTF-8.

Cells are the exact text (``turn`` is the 1-based number the app shows). They
are not prefixed to defuse spreadsheet formulas: a note a user wrote starting
with ``=`` stays as written, because the CSV feeds models too, where an
altered value would be wrong data.
"""

from __future__ import annotations

import csv
import io

from annotations.export.records import ExportRecord, format_value
from annotations.model import FIELD_KEYS
from transcripts import strict_json

BASE_COLUMNS: tuple[str, ...] = (
    "call", "company", "fiscal_year", "quarter", "date", "section", "turn",
    "speaker", "title", "role", "firm", "tags", "quote", "note",
)
TAIL_COLUMNS: tuple[str, ...] = ("status", "location", "id")
FILE_ENCODING = "utf-8-sig"
"""Encoding of CSV files written to disk (UTF-8 with a byte-order mark)."""


def field_columns(records: list[ExportRecord]) -> list[tuple[str, str]]:
    """(column, field key) pairs: the known fields, then other keys in
    alphabetical order; a key that clashes with a column is ``field_<key>``."""
    taken = set(BASE_COLUMNS) | set(FIELD_KEYS) | set(TAIL_COLUMNS)
    extra = sorted({str(k) for r in records for k in r.fields if k not in FIELD_KEYS}, key=str.casefold)
    pairs = [(k, k) for k in FIELD_KEYS]
    for k in extra:
        col = k
        while col in taken:
            col = f"field_{col}"
        taken.add(col)
        pairs.append((col, k))
    return pairs


def columns_for(records: list[ExportRecord]) -> list[str]:
    return [*BASE_COLUMNS, *(c for c, _ in field_columns(records)), *TAIL_COLUMNS]


def _cell(value: object) -> str:
    if isinstance(value, (dict, list)) and value:
        return strict_json.dumps(value, ensure_ascii=False)
    return format_value(value)


def row_for(rec: ExportRecord, fields: list[tuple[str, str]]) -> list[str]:
    c = rec.call
    base = {
        "call": c.id,
        "company": c.company or "",
        "fiscal_year": c.fiscal_year or "",
        "quarter": c.quarter or "",
        "date": c.date or "",
        "section": rec.section or "",
        "turn": rec.turn if rec.turn is not None else "",
        "speaker": rec.speaker or "",
        "title": rec.title or "",
        "role": rec.role or "",
        "firm": rec.firm or "",
        "tags": ";".join(rec.tags),
        "quote": rec.quote,
        "note": rec.note,
        "status": rec.status,
        "location": rec.location,
        "id": rec.id,
    }
    fields_by_key = {str(k): v for k, v in rec.fields.items()}
    return (
        [_cell(base[c]) for c in BASE_COLUMNS]
        + [_cell(fields_by_key.get(key)) for _, key in fields]
        + [_cell(base[c]) for c in TAIL_COLUMNS]
    )


def render_csv(records: list[ExportRecord]) -> str:
    """The CSV text (without a byte-order mark; see ``FILE_ENCODING``)."""
    fields = field_columns(records)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([*BASE_COLUMNS, *(c for c, _ in fields), *TAIL_COLUMNS])
    for rec in records:
        writer.writerow(row_for(rec, fields))
    return buf.getvalue()
