"""A folder of the two sample calls with annotations on both, for the export
tests: metrics and guidance with structured fields, user tags, a note with
quotes, commas, a pipe, line breaks and non-ASCII text, a quote that spans a
paragraph break, and one orphaned annotation.

Offsets are found in the real sample text (never hard-coded), and the YAML is
written with plain PyYAML so the fixture does not depend on the store's
writer. Everything is deterministic, so golden files can be compared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"
Q1_2003 = "001_c59ed768412944d4.txt"

# (id, text to find, tags, note, fields)
Q1_ANNOTATIONS = [
    ("q1rev1", "VeriSign reported $270 million of revenue for the first quarter", ["metric"],
     'Beat the "$265 million" guide, slightly', {"metric": "revenue", "value": 270, "unit": "USD million", "period": "Q1 2003"}),
    ("q1def1", "Total deferred revenue on the balance sheet came in at $495 million", ["metric"],
     "Deferred revenue, up ~2% q/q\nbetter than the decline we expected", {"metric": "deferred revenue", "value": 495, "unit": "USD million"}),
    ("q1gd01", "we look for revenue in Q2 to be down slightly in the range of approximately $260- 265 million", ["guidance"],
     "Q2 guide, cautious", {"metric": "revenue", "low": 260, "high": 265, "unit": "USD million", "period": "Q2 2003"}),
    ("q1gat1", "Good afternoon, everyone and welcome to VeriSign's First Quarter Earnings call", ["housekeeping"],
     "Opening by IR — café, 日本語, naïve", {}),
    ("q1ana1", "You're saying deferrals on the short-term side might be down next quarter", ["question"],
     "RBC asks: short-term vs. long-term deferrals <b>not HTML</b>", {"topic": "deferred revenue"}),
]
Q4_ANNOTATIONS = [
    ("q4rev1", "VeriSign reported $252 million of revenue for the fourth quarter", ["metric"],
     'Revenue, "incl. NSI sub period", $32M', {"metric": "revenue", "value": 252, "unit": "USD million", "period": "Q4 2003"}),
    ("q4def1", "Total deferred revenue on the balance sheet came in at $339 million", ["metric"],
     "Deferred revenue, after NSI", {"metric": "deferred revenue", "value": 339, "unit": "USD million"}),
    ("q4eps1", "Pro forma earnings per share for Q4 was 17 cents", ["metric"],
     "EPS | pro forma", {"value": 0.17, "unit": "USD"}),
    ("q4gd01", "we would look for revenues in Q1 to come in at approximately $220 million", ["guidance"],
     "Q1 revenue guide, excludes the pending acquisition", {"metric": "revenue", "value": 220, "unit": "USD million", "period": "Q1 2004"}),
    ("q4gd02", "we would expect earnings per share for the quarter to be approximately 13 cents", ["guidance", "risk"],
     "EPS guide *below* Q4's 17c\n- watch NSI dilution", {"metric": "EPS", "value": 0.13, "unit": "USD", "period": "Q1 2004"}),
    ("q4gat1", "Good afternoon, everyone and welcome to VeriSign's fourth quarter and fiscal 2003 earnings call", ["housekeeping"],
     "", {}),
]
# A quote across a paragraph break (end of one paragraph, start of the next).
Q4_SPAN = ("q4cap1", "Free cash flow for the quarter", "To sum up the cash flow picture for the year", ["capex"], "Spans two paragraphs")
ORPHAN = {
    "id": "q4orph",
    "tags": ["metric"],
    "start": 100,
    "end": 145,
    "quote": "a sentence that was edited out of the transcript",
    "speaker": "Dana Evan",
    "note": "orphaned on purpose",
    "fields": {"metric": "gross margin", "value": 60, "unit": "%"},
    "created": "2026-11-21T10:00:00Z",
}


def _entry(text: str, ident: str, find: str, tags: list[str], note: str, fields: dict) -> dict:
    start = text.find(find)
    assert start != -1, f"fixture text not found: {find!r}"
    end = start + len(find)
    entry = {"id": ident, "tags": tags, "start": start, "end": end, "quote": text[start:end],
             "prefix": text[max(0, start - 20):start], "suffix": text[end:end + 20]}
    if note:
        entry["note"] = note
    if fields:
        entry["fields"] = fields
    entry["created"] = "2026-11-21T10:00:00Z"
    return entry


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def write_annotations(path: Path, transcript: Path, entries: list[dict]) -> None:
    import hashlib

    doc = {
        "version": 1,
        "transcript": transcript.name,
        "sha256": hashlib.sha256(transcript.read_bytes()).hexdigest(),
        "annotations": sorted(entries, key=lambda e: e["start"]),
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def build_fixture(root: Path) -> Path:
    """``root/calls`` with both sample calls and their annotation files."""
    calls = root / "calls"
    calls.mkdir(parents=True, exist_ok=True)
    for name in (Q1_2003, Q4_2003):
        shutil.copyfile(SAMPLES / name, calls / name)
    q1 = calls / Q1_2003
    text = _read(q1)
    write_annotations(
        calls / (q1.stem + ".annotations.yaml"), q1,
        [_entry(text, *a) for a in Q1_ANNOTATIONS],
    )
    q4 = calls / Q4_2003
    text = _read(q4)
    entries = [_entry(text, *a) for a in Q4_ANNOTATIONS]
    ident, first, second, tags, note = Q4_SPAN
    start = text.find(first)
    end = text.find(second, start) + len(second)
    assert start != -1 and "\n" in text[start:end]
    entries.append({"id": ident, "tags": tags, "start": start, "end": end, "quote": text[start:end],
                    "note": note, "created": "2026-11-21T10:00:00Z"})
    write_annotations(calls / (q4.stem + ".annotations.yaml"), q4, entries + [dict(ORPHAN)])
    return calls
