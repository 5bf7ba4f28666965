"""The guidance ledger: what management promised, and what came of it.

Each guidance figure (a metric, a period, a point or a range) is matched
1. to what a later call reported for that metric and period: ``beat``,
   ``in range`` or ``miss``, with the difference; and
2. to the guidance given before it for the same metric and period:
   ``raised``, ``lowered``, ``maintained``, or ``new`` when there was none.

For a cost (capital expenditures, a tax rate, expenses) coming in below the
guide is the good side, so ``beat`` and ``miss`` turn around; ``position``
(``above`` / ``within`` / ``below``) says where the figure fell either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from annotations.ledger.entries import Entry, gather, number_text
from annotations.ledger.metrics import MetricNames, load_metric_names, metrics_file

COSTS = frozenset({"capital expenditures", "tax rate", "expenses", "operating expenses", "restructuring charges"})
IN_LINE = 0.005
"""A point guide met within half a percent is ``in line``."""


@dataclass(slots=True)
class LedgerRow:
    guidance: Entry
    actual: Entry | None = None
    outcome: str = ""
    """``beat``, ``in range``, ``in line``, ``miss``, or "" with no actual yet."""
    position: str = ""
    difference: float | None = None
    """Actual minus the nearest end of the range (or the point)."""
    previous: Entry | None = None
    change: str = "new"

    def to_json(self) -> dict:
        g = self.guidance
        out = {
            "company": g.company, "metric": g.metric, "period": g.period, "unit": g.unit,
            "value": g.value, "low": g.low, "high": g.high,
            "call": g.call, "speaker": g.speaker, "quote": g.quote, "start": g.start, "end": g.end,
            "source": g.source, "change": self.change,
            "previous": _brief(self.previous), "actual": _brief(self.actual),
            "outcome": self.outcome or None, "position": self.position or None,
            "difference": self.difference,
        }
        return out


def _brief(e: Entry | None) -> dict | None:
    if e is None:
        return None
    return {"call": e.call, "value": e.value, "low": e.low, "high": e.high, "unit": e.unit,
            "speaker": e.speaker, "quote": e.quote, "start": e.start, "end": e.end, "source": e.source}


def _same_line(a: Entry, b: Entry) -> bool:
    return (a.company.casefold(), a.metric.casefold(), a.period) == (b.company.casefold(), b.metric.casefold(), b.period) \
        and (a.unit == b.unit or not a.unit or not b.unit)


def _compare(guide: Entry, actual: Entry) -> tuple[str, str, float | None]:
    got = actual.midpoint
    if got is None:
        return "", "", None
    low = guide.low if guide.value is None else guide.value
    high = guide.high if guide.value is None else guide.value
    if low is None:
        low = high
    if high is None:
        high = low
    if guide.value is not None and abs(got - guide.value) <= abs(guide.value) * IN_LINE:
        return "in line", "within", _round(got - guide.value)
    if got > high:
        position, diff = "above", got - high
    elif got < low:
        position, diff = "below", got - low
    else:
        return "in range", "within", _round(got - (low + high) / 2)
    good = (position == "above") != (guide.metric.casefold() in COSTS)
    return ("beat" if good else "miss"), position, _round(diff)


def _round(x: float) -> float:
    return round(x, 6)


_PERIOD = re.compile(r"^(?:Q([1-4])\s+|FY\s?)?((?:19|20)\d\d)(?:\s+Q([1-4]))?$", re.IGNORECASE)


def period_key(period: str) -> tuple[int, int, str]:
    """Chronological order of ``Q1 2004``, ``FY 2003``, ``FY2021 Q4``: a
    full year sorts after its fourth quarter; anything else last."""
    m = _PERIOD.match(period.strip())
    if not m:
        return (9999, 9, period)
    quarter = m.group(1) or m.group(3)
    return (int(m.group(2)), int(quarter) if quarter else 5, period)


def build_ledger(entries: Iterable[Entry]) -> list[LedgerRow]:
    entries = list(entries)
    guides = sorted(
        (e for e in entries if e.kind == "guidance"),
        key=lambda e: (e.company.casefold(), period_key(e.period), e.metric, e.call_order, e.start),
    )
    actuals = [e for e in entries if e.kind == "metric"]
    rows: list[LedgerRow] = []
    for g in guides:
        row = LedgerRow(g)
        earlier = [p for p in guides if p.call_order < g.call_order and _same_line(p, g)]
        if earlier:
            row.previous = earlier[-1]
            before, now = row.previous.midpoint, g.midpoint
            if before is not None and now is not None:
                row.change = "raised" if now > before else "lowered" if now < before else "maintained"
        elif g.direction:
            row.change = g.direction  # said so on the call, against a guide we do not hold
        later = [a for a in actuals if a.call_order > g.call_order and _same_line(a, g)]
        if later:
            later.sort(key=lambda a: (a.source != "annotation", a.call_order, a.start))
            row.actual = later[0]
            row.outcome, row.position, row.difference = _compare(g, row.actual)
        rows.append(row)
    return rows


__all__ = [
    "COSTS", "Entry", "LedgerRow", "MetricNames", "build_ledger", "gather",
    "load_metric_names", "metrics_file", "number_text",
]
