"""The ledger as Markdown, CSV or JSON: one row per guidance item."""

from __future__ import annotations

import csv
import io
import json

from annotations.ledger import LedgerRow
from annotations.ledger.entries import Entry, number_text

FORMATS = ("md", "csv", "json")
COLUMNS = (
    "company", "metric", "period", "guided", "unit", "call", "speaker", "source",
    "change", "previous", "actual", "outcome", "difference", "actual_call",
)


def _figure(e: Entry | None) -> str:
    return e.figure if e is not None else ""


def _cells(row: LedgerRow) -> dict[str, str]:
    g = row.guidance
    return {
        "company": g.company, "metric": g.metric, "period": g.period, "guided": g.figure,
        "unit": g.unit, "call": g.call_label, "speaker": g.speaker or "",
        "source": g.source, "change": row.change, "previous": _figure(row.previous),
        "actual": _figure(row.actual), "outcome": row.outcome,
        "difference": "" if row.difference is None else f"{row.difference:+g}",
        "actual_call": row.actual.call_label if row.actual else "",
    }


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(rows: list[LedgerRow]) -> str:
    out = ["# Guidance ledger", ""]
    if not rows:
        out.append("No guidance with a metric, a period and a figure was found.")
        return "\n".join(out) + "\n"
    header = ["Company", "Metric", "Period", "Guided", "Unit", "Given in", "By", "Change", "Actual", "Outcome", "Difference"]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        c = _cells(row)
        mark = " (suggested)" if c["source"] == "suggested" else ""
        values = [c["company"], c["metric"], c["period"], c["guided"] + mark, c["unit"], c["call"], c["speaker"],
                  c["change"] + (f" from {c['previous']}" if c["previous"] else ""),
                  c["actual"] + (f" ({c['actual_call']})" if c["actual_call"] else ""), c["outcome"], c["difference"]]
        out.append("| " + " | ".join(_md_cell(v) for v in values) + " |")
    out += ["", "Rows marked *(suggested)* come from Earmark's suggestions on calls no one has annotated yet."]
    return "\n".join(out) + "\n"


def render_csv(rows: list[LedgerRow]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_cells(row))
    return buf.getvalue()


def render_json(rows: list[LedgerRow]) -> str:
    return json.dumps({"ledger": [r.to_json() for r in rows]}, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render(rows: list[LedgerRow], fmt: str) -> str:
    return {"md": render_markdown, "csv": render_csv, "json": render_json}[fmt](rows)
