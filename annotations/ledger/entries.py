"""The ledger's raw material: every figure with fields, from the reviewer's
annotations, and from suggestions where no one has annotated the call yet.

An entry is one stated figure: who said it, in which call, for which metric
and period, as a value or a low/high range. Entries from suggestions are
marked ``suggested``, so a reader knows which rows a person has checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from annotations.ledger.metrics import MetricNames
from annotations.session import CallAnnotations
from annotations.suggest import suggest_call
from transcripts.model import Call, Problem

KINDS = ("guidance", "metric")


@dataclass(slots=True)
class Entry:
    kind: str
    """``guidance`` (promised) or ``metric`` (reported)."""
    company: str
    metric: str
    """Canonical name (``MetricNames``): "net sales" and "revenue" are one."""
    period: str
    unit: str
    value: float | None
    low: float | None
    high: float | None
    call: str
    call_label: str
    call_order: tuple
    speaker: str | None
    quote: str
    start: int
    end: int
    source: str
    """``annotation`` or ``suggested``."""
    path: str = ""
    direction: str = ""
    """What the words said (raised / lowered / maintained), if anything."""

    @property
    def midpoint(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def figure(self) -> str:
        if self.value is not None:
            return number_text(self.value)
        low = number_text(self.low) if self.low is not None else "…"
        high = number_text(self.high) if self.high is not None else "…"
        return f"{low}–{high}"


def number_text(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:g}" if isinstance(x, float) else str(x)


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v:
        return None
    return v


def entry_from(call: Call, kind: str, fields: dict[str, Any], *, speaker: str | None, quote: str,
               start: int, end: int, source: str, names: MetricNames) -> Entry | None:
    """An entry, or None when the fields do not name a metric, a period and
    a figure: a row without them cannot be matched to anything."""
    metric = names.canonical(str(fields.get("metric") or ""))
    period = str(fields.get("period") or "").strip()
    value, low, high = (_number(fields.get(k)) for k in ("value", "low", "high"))
    if not metric or not period or (value is None and low is None and high is None):
        return None
    return Entry(
        kind=kind, company=call.company or "Unknown company", metric=metric, period=period,
        unit=str(fields.get("unit") or ""), value=value, low=low, high=high, call=call.id,
        call_label=call.label, call_order=call.sort_key, speaker=speaker, quote=quote,
        start=start, end=end, source=source, path=call.path,
        direction=str(fields.get("direction") or ""),
    )


def gather(calls: Iterable[Call], names: MetricNames) -> tuple[list[Entry], list[Problem]]:
    """Every entry of ``calls``. A call a reviewer has tagged is read from
    its annotations alone (what they dismissed by not tagging stays out);
    an untouched call is read from its suggestions (the best of each tag).
    A call whose annotation
    file cannot be read is reported and read from suggestions."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for call in calls:
        session = CallAnnotations(call)
        problems.extend(session.problems)
        for a in session.placed:
            for kind in KINDS:
                if kind in a.tags and a.fields:
                    e = entry_from(call, kind, a.fields, speaker=a.speaker, quote=a.quote,
                                   start=a.start, end=a.end, source="annotation", names=names)
                    if e:
                        entries.append(e)
        reviewed = any(k in a.tags for a in session.annotations for k in KINDS)
        if reviewed:
            continue
        for s in [*suggest_call(call, tag="guidance"), *suggest_call(call, tag="metric")]:
            e = entry_from(call, s.tag, s.fields, speaker=s.speaker, quote=s.text,
                           start=s.start, end=s.end, source="suggested", names=names)
            if e:
                entries.append(e)
    return entries, problems
