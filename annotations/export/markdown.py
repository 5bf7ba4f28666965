"""The Markdown highlight summary: what a reviewer pastes into a note or an
email.

Per call: a title (company, quarter, fiscal year, date when known), then the
highlights grouped by tag (Metrics, Guidance, then the user's tags
alphabetically), each a block quote of the exact text with who said it, the
note, the structured fields on one line and where it is. With several calls
the summary starts with a metrics-by-quarter table and a guidance table.
Orphaned highlights get their own section at the end. Output is plain
CommonMark/GitHub Markdown: no raw HTML, deterministic (no timestamps), so
two exports of the same annotations are byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from annotations.export.markdown_text import (
    block_quote, code_span, escape_cell, escape_inline, hard_lines,
)
from annotations.export.records import CallInfo, ExportRecord, format_value
from annotations.model import FIELD_KEYS
from transcripts.model import period_label

SECTION_NAMES = {"prepared": "prepared remarks", "qa": "Q&A"}
TAG_TITLES = {"metric": "Metrics", "guidance": "Guidance"}
UNTAGGED = "Untagged"
_ROW_NAME_LIMIT = 60


def call_title(call: CallInfo) -> str:
    """``VeriSign — Q4 fiscal 2003 (2004-01-29)``; unknown parts left out."""
    parts = [call.company or call.id]
    period = []
    if call.fiscal and call.quarter and call.fiscal_year:
        period.append(call.period)  # "FY2021 Q4": a fiscal year that is not the calendar's
    else:
        if call.quarter:
            period.append(f"Q{call.quarter}")
        if call.fiscal_year:
            period.append(f"fiscal {call.fiscal_year}")
    title = parts[0] + (" — " + " ".join(period) if period else "")
    if call.date:
        title += f" ({call.date})"
    return title


def short_label(call: CallInfo) -> str:
    """``VeriSign Q4 2003``: a call in a table cell."""
    return f"{call.company or call.id} {call.period}"


def tag_order(tag: str) -> tuple[int, str]:
    t = tag.casefold()
    if t == "metric":
        return (0, t)
    if t == "guidance":
        return (1, t)
    return (2, t)


def tag_title(tag: str) -> str:
    return TAG_TITLES.get(tag.casefold(), tag)


def with_unit(value: str, unit: str) -> str:
    if not value or not unit:
        return value
    if unit in ("%", "pp", "bp", "bps", "x"):
        return f"{value}{'' if unit == '%' else ' '}{unit}"
    if unit in ("$", "USD $", "€", "£"):
        return f"{unit}{value}"
    return f"{value} {unit}"


def amount(rec: ExportRecord) -> str:
    """The value with its unit, or the range ``low–high``; empty when the
    annotation has neither."""
    unit = rec.field_text("unit")
    value, low, high = rec.field_text("value"), rec.field_text("low"), rec.field_text("high")
    if low or high:
        rng = f"{low or '?'}–{high or '?'}"
        text = with_unit(rng, unit)
        return f"{text} (point {with_unit(value, unit)})" if value else text
    return with_unit(value, unit)


def metric_name(rec: ExportRecord) -> str:
    """What a row of the metrics table is called: the ``metric`` field, else
    the first line of the note, else the start of the quote."""
    name = rec.field_text("metric").strip()
    if not name:
        name = next((ln.strip() for ln in rec.note.split("\n") if ln.strip()), "")
    if not name:
        name = " ".join(rec.quote.split())
    return _clip(name, _ROW_NAME_LIMIT)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fields_line(rec: ExportRecord) -> str:
    keys = [k for k in FIELD_KEYS if k in rec.fields] + sorted(
        (k for k in rec.fields if k not in FIELD_KEYS), key=str
    )
    parts = []
    for k in keys:
        v = format_value(rec.fields[k])
        if v != "":
            parts.append(f"{escape_inline(str(k))}: {escape_inline(' '.join(v.split()))}")
    return " · ".join(parts)


def _attribution(rec: ExportRecord) -> str:
    who = f"**{escape_inline(rec.speaker)}**" if rec.speaker else "*unknown speaker*"
    extra = [escape_inline(x) for x in (rec.title, rec.firm) if x]
    text = "— " + ", ".join([who, *extra])
    if rec.role:
        text += f" ({escape_inline(rec.role)})"
    return text


def _where(rec: ExportRecord) -> str:
    if rec.orphaned:
        bits = [escape_inline(short_label(rec.call))]
        bits.append(f"was at characters {rec.start}–{rec.end}")
        saved = rec.call.annotations_path or rec.call.path
        if rec.annotation_line is not None:
            saved += f":{rec.annotation_line}"
        bits.append(code_span(saved))
        return ", ".join(bits)
    bits = []
    if rec.turn is not None:
        bits.append(f"turn {rec.turn}")
    if rec.section:
        bits.append(escape_inline(SECTION_NAMES.get(rec.section, rec.section)))
    bits.append(code_span(rec.location))
    text = ", ".join(bits)
    if rec.status not in ("anchored", ""):
        text += f" (re-anchored: {escape_inline(rec.status)})"
    return text


def highlight_lines(rec: ExportRecord, *, group_tag: str | None = None) -> list[str]:
    """One highlight: quote, attribution, then a short list of details."""
    lines = block_quote(rec.quote)
    lines += ["", _attribution(rec), ""]
    details: list[str] = []
    if rec.note.strip():
        details.append("**Note:** " + hard_lines(rec.note, indent="  "))
    fields = _fields_line(rec)
    if fields:
        details.append("**Fields:** " + fields)
    others = [t for t in rec.tags if group_tag is None or t.casefold() != group_tag.casefold()]
    if others:
        details.append("**Tags:** " + ", ".join(escape_inline(t) for t in rec.tags))
    details.append("**Where:** " + _where(rec))
    lines += [f"- {d}" for d in details]
    lines.append("")
    return lines


def _groups(
    records: list[ExportRecord], shown_tags: set[str] | None = None,
) -> list[tuple[str | None, list[ExportRecord]]]:
    """Records by tag, in tag order, each listed ONCE: under the first of its
    tags (metric, guidance, then the others alphabetically) that is shown;
    its other tags are named on its ``Tags:`` line. ``shown_tags`` (folded)
    are the tags an export was asked for (``--tag``); None shows all."""
    by_tag: dict[str, list[ExportRecord]] = defaultdict(list)
    names: dict[str, str] = {}
    untagged: list[ExportRecord] = []
    for rec in records:
        tags = [t for t in rec.tags if shown_tags is None or t.casefold() in shown_tags]
        if not tags:
            untagged.append(rec)
            continue
        first = min(tags, key=tag_order)
        key = first.casefold()
        names.setdefault(key, first)
        by_tag[key].append(rec)
    out: list[tuple[str | None, list[ExportRecord]]] = [
        (names[k], by_tag[k]) for k in sorted(by_tag, key=lambda k: tag_order(names[k]))
    ]
    if untagged:
        out.append((None, untagged))
    return out


def _call_section(
    call: CallInfo, records: list[ExportRecord], level: int, shown_tags: set[str] | None = None,
) -> list[str]:
    h = "#" * level
    lines = [f"{h} {escape_inline(call_title(call))}", ""]
    count = len(records)
    lines.append(f"{count} highlight{'s' if count != 1 else ''} · {code_span(call.path)}")
    lines.append("")
    for tag, group in _groups(records, shown_tags):
        lines.append(f"{h}# {escape_inline(tag_title(tag)) if tag else UNTAGGED}")
        lines.append("")
        for rec in group:
            lines += highlight_lines(rec, group_tag=tag)
    return lines


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape_cell(h) for h in header) + " |"]
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        lines.append("| " + " | ".join(escape_cell(c) if c else " " for c in row) + " |")
    return lines


def metrics_table(records: Iterable[ExportRecord]) -> list[str]:
    """One row per metric name, one column per quarter in period order; the
    value with its unit in each cell (several in one quarter joined by ``;``).
    A company column is added when the calls are of more than one company."""
    tagged = [r for r in records if not r.orphaned and any(t.casefold() == "metric" for t in r.tags)]
    # a metric with no value has nothing to put in a cell (its note or quote
    # would fill the table with prose): it is listed under its call
    recs = [r for r in tagged if amount(r)]
    without = len(tagged) - len(recs)
    note = ([f"{without} metric highlight{'s' if without != 1 else ''} without a value "
             f"{'are' if without != 1 else 'is'} listed under {'their calls' if without != 1 else 'its call'} below.", ""]
            if without else [])
    if not recs:
        return ["## Metrics by quarter", "", *note] if note else []
    periods = sorted({r.call.column_key for r in recs})
    labels = {p: period_label(p[1], p[0], p[2]) for p in periods}
    companies = sorted({r.call.company or "" for r in recs}, key=str.casefold)
    several = len(companies) > 1
    rows: dict[tuple[str, str], dict[tuple[int, int, bool], list[str]]] = {}
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    for r in recs:
        name = metric_name(r)
        key = ((r.call.company or "").casefold() if several else "", name.casefold())
        shown.setdefault(key, (r.call.company or "", name))
        cell = amount(r)
        rows.setdefault(key, {}).setdefault(r.call.column_key, []).append(cell)
    header = (["Company"] if several else []) + ["Metric"] + [labels[p] for p in periods]
    body = []
    for key in sorted(rows, key=lambda k: (k[0], k[1])):
        company, name = shown[key]
        body.append(
            ([company] if several else []) + [name]
            + ["; ".join(rows[key].get(p, [])) for p in periods]
        )
    return ["## Metrics by quarter", "", *_table(header, body), "", *note]


def guidance_table(records: Iterable[ExportRecord]) -> list[str]:
    """Each guidance item with its range (or value) and the period it is for."""
    recs = [r for r in records if not r.orphaned and any(t.casefold() == "guidance" for t in r.tags)]
    if not recs:
        return []
    body = [
        [short_label(r.call), metric_name(r), amount(r), r.field_text("period"), r.speaker or ""]
        for r in recs
    ]
    return ["## Guidance", "", *_table(["Call", "Item", "Range", "Period", "Speaker"], body), ""]


def _orphaned_section(orphans: list[ExportRecord], level: int) -> list[str]:
    h = "#" * level
    n = len(orphans)
    lines = [
        f"{h} Orphaned",
        "",
        f"{n} highlight{'s' if n != 1 else ''} no longer found in {'their' if n != 1 else 'its'} "
        "transcript; the quote saved with the annotation is shown.",
        "",
    ]
    for rec in orphans:
        lines += highlight_lines(rec)
    return lines


def render_markdown(records: list[ExportRecord], tags: Iterable[str] | None = None) -> str:
    """The summary of ``records`` (already filtered and ordered). ``tags``
    are the tags the export was asked for: only their sections and tables
    are shown (``--tag guidance`` prints no Metrics section, even for a
    highlight tagged both)."""
    shown_tags = {t.casefold() for t in tags} if tags else None
    anchored = [r for r in records if not r.orphaned]
    orphans = [r for r in records if r.orphaned]
    calls: dict[str, CallInfo] = {}
    by_call: dict[str, list[ExportRecord]] = defaultdict(list)
    for r in anchored:
        calls.setdefault(r.call.id, r.call)
        by_call[r.call.id].append(r)
    for r in orphans:
        calls.setdefault(r.call.id, r.call)
    ordered = sorted(calls.values(), key=lambda c: c.sort_key)
    lines: list[str] = []
    if len(ordered) == 1:
        only = ordered[0]
        lines += _call_section(only, by_call.get(only.id, []), 1, shown_tags)
        if orphans:
            lines += _orphaned_section(orphans, 2)
    else:
        lines += [f"# Highlights: {_scope_title(ordered)}", ""]
        n_all = len(records)
        summary = f"{len(ordered)} calls · {n_all} highlight{'s' if n_all != 1 else ''}"
        if orphans:
            summary += f" · {len(orphans)} orphaned"
        lines += [summary, ""]
        if shown_tags is None or "metric" in shown_tags:
            lines += metrics_table(anchored)
        if shown_tags is None or "guidance" in shown_tags:
            lines += guidance_table(anchored)
        for call in ordered:
            if by_call.get(call.id):
                lines += _call_section(call, by_call[call.id], 2, shown_tags)
        if orphans:
            lines += _orphaned_section(orphans, 2)
    if not records:
        lines = ["# Highlights", "", "No highlights match.", ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _scope_title(calls: list[CallInfo]) -> str:
    companies = []
    for c in calls:
        name = c.company or c.id
        if name not in companies:
            companies.append(name)
    known = [c for c in calls if c.fiscal_year and c.quarter]
    if len(companies) == 1 and known:
        first, last = min(known, key=lambda c: c.period_key), max(known, key=lambda c: c.period_key)
        span = first.period if first is last else f"{first.period} to {last.period}"
        return escape_inline(f"{companies[0]}, {span}")
    names = ", ".join(companies[:3]) + (f" and {len(companies) - 3} more" if len(companies) > 3 else "")
    return escape_inline(f"{len(calls)} calls of {names}")
