"""The structured fields of a suggested sentence: which metric, what figure
(a value or a low/high range), its unit, the period, and for guidance which
way it moved when the sentence says so.

The figure is the one the metric's name points at: the first amount after
the name (``revenue of $215 to $220 million``), else the nearest before it.
Words that stand for ranges are read too: "low single digits" is 1-3%,
"flat to up slightly" is 0% and up, with the words kept in ``qualifier``.
"""

from __future__ import annotations

import re
from typing import Any

from annotations.numbers import Amount, amounts, period_of

METRICS: tuple[tuple[str, str], ...] = (
    ("EPS", r"\b(?:diluted |adjusted |non-gaap |gaap |core )*(?:earnings|loss|income) per (?:diluted )?share\b|\beps\b"),
    ("FFO", r"\b(?:core |normalized |adjusted )?ffo\b|\bfunds from operations\b"),
    ("same-store sales", r"\b(?:same[- ]store|comparable(?:[- ]store)?|comp(?:arable)?) sales\b|\bcomps\b"),
    ("gross margin", r"\bgross margins?\b"),
    ("operating margin", r"\boperating margins?\b"),
    ("EBITDA margin", r"\bebitda margins?\b"),
    ("EBITDA", r"\b(?:adjusted )?ebitda\b"),
    ("operating income", r"\boperating (?:income|profit)\b"),
    ("pre-tax income", r"\bpre-?tax (?:income|profit|earnings)\b"),
    ("net income", r"\bnet (?:income|earnings|loss)\b"),
    ("free cash flow", r"\bfree cash flow\b"),
    ("operating cash flow", r"\b(?:operating cash flow|cash flow from operations)\b"),
    ("net interest income", r"\bnet interest income\b"),
    ("net interest margin", r"\bnet interest margin\b"),
    ("capital expenditures", r"\bcap(?:ital )?ex(?:penditures?)?\b|\bcapital (?:budget|spending)\b"),
    ("tax rate", r"\btax rate\b"),
    ("gross profit", r"\bgross profit\b"),
    ("deferred revenue", r"\bdeferred revenues?\b"),
    ("revenue", r"\b(?:total |net |organic )?(?:revenues?|net sales|sales|turnover)\b"),
    ("bookings", r"\bbookings\b|\border intake\b|\borders\b"),
    ("backlog", r"\bbacklog\b"),
    ("dividend", r"\bdividends?\b"),
    ("share repurchases", r"\b(?:share )?repurchases?\b|\bbuybacks?\b"),
    ("cash", r"\bcash(?: and (?:cash )?equivalents)?\b"),
    ("margin", r"\bmargins?\b"),
    ("earnings", r"\bearnings\b"),
)
"""Canonical metric names and how calls say them, most specific first."""

_METRICS = [(name, re.compile(p, re.IGNORECASE)) for name, p in METRICS]

_WORDED_RANGES: tuple[tuple[str, float, float | None], ...] = (
    (r"\blow[- ]single[- ]digits?\b", 1, 3),
    (r"\bmid[- ]single[- ]digits?\b", 4, 6),
    (r"\bhigh[- ]single[- ]digits?\b", 7, 9),
    (r"\blow[- ]double[- ]digits?\b", 10, 13),
    (r"\bmid[- ]teens\b", 14, 16),
    (r"\bhigh[- ]teens\b", 17, 19),
    (r"\blow[- ]teens\b", 11, 13),
    (r"\bflat to (?:up )?(?:slightly|modestly) (?:up|higher)\b|\bflat to up(?: slightly| modestly)?\b", 0, None),
    (r"\bflat to (?:slightly |modestly )?down\b", None, 0),
    (r"\b(?:roughly |about |essentially )?flat\b", 0, 0),
)
_WORDED = [(re.compile(p, re.IGNORECASE), lo, hi) for p, lo, hi in _WORDED_RANGES]

_DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("raised", r"\b(?:rais(?:e|ed|ing)|increas(?:e|ed|ing) (?:our|the) (?:full[- ]year )?(?:guidance|outlook)|above (?:our|the) (?:prior|previous))\b"),
    ("lowered", r"\b(?:lower(?:ed|ing)?|reduc(?:e|ed|ing)|cut(?:ting)?) (?:our |the )?(?:full[- ]year )?(?:guidance|outlook|forecast|expectations?)\b"),
    ("maintained", r"\b(?:reaffirm(?:ed|ing|s)?|maintain(?:ed|ing|s)?|reiterat(?:e|ed|ing)|unchanged|remains? unchanged)\b"),
)
_DIRECTION = [(d, re.compile(p, re.IGNORECASE)) for d, p in _DIRECTIONS]

_NEXT_QUARTER = re.compile(r"\bnext quarter\b", re.IGNORECASE)
_FULL_YEAR = re.compile(r"\b(?:full[- ]year|for the (?:full )?year|fiscal (?:year )?((?:19|20)\d\d)|fy\s?((?:19|20)?\d\d))\b", re.IGNORECASE)
_QUARTER_ONLY = re.compile(r"^Q([1-4])$")


def metric_of(text: str) -> tuple[str, int, int] | None:
    """The metric a text speaks of first, and where its name stands."""
    hits = [(m.start(), -len(m.group(0)), name, m.end()) for name, rx in _METRICS for m in [rx.search(text)] if m]
    if not hits:
        return None
    start, _, name, end = min(hits)
    return name, start, end


_FORWARD = re.compile(r"\b(?:expect|expects|expected|anticipate|anticipates|look for|forecast|project|projecting|plan to|targeting|see)\b", re.IGNORECASE)


def _figure(text: str, found: list[Amount], name: tuple[int, int] | None, guidance: bool) -> Amount | None:
    """The amount the metric's name points at: one just before the name
    ("$270 million of revenue") or the first after it ("revenue of $270
    million"); for guidance a range wins when there is one."""
    if not found:
        return None
    if guidance:
        ranges = [a for a in found if a.is_range]
        if ranges:
            # "compared to our previous guidance of $60 to $70 million, we
            # expect $50 to $60 million": the promise follows the verb.
            verb = _FORWARD.search(text)
            after_verb = [a for a in ranges if verb and a.start >= verb.start()]
            after = [a for a in ranges if name is None or a.start >= name[0]]
            return (after_verb or after or ranges)[0]
    if name is None:
        return found[0]
    start, end = name
    before = [a for a in found if a.end <= start and start - a.end <= 12]
    if before:
        return before[-1]
    later = [a for a in found if a.start >= end]
    return later[0] if later else found[-1]


def _label(quarter: int, year: int, fiscal: bool) -> str:
    """A quarter as the app spells it (``transcripts.model.period_label``):
    ``Q1 2004``, or ``FY2021 Q4`` for a fiscal year that is not the calendar's."""
    return f"FY{year} Q{quarter}" if fiscal else f"Q{quarter} {year}"


def _period(text: str, call_quarter: int | None, call_year: int | None, guidance: bool, fiscal: bool = False) -> str:
    """The period the figure is for. A quarter named without its year is
    the next such quarter for guidance and the last one for a result; "next
    quarter" and "full year" are read against the call's own period."""
    said = period_of(text)
    m = _QUARTER_ONLY.match(said)
    if m and call_year:
        q = int(m.group(1))
        year = call_year
        if guidance and call_quarter and q <= call_quarter:
            year += 1
        elif not guidance and call_quarter and q > call_quarter:
            year -= 1
        return _label(q, year, fiscal)
    if said:
        if said.isdigit():
            return f"FY{said}"
        q_said, _, y_said = said.partition(" ")
        return _label(int(q_said[1:]), int(y_said), fiscal) if y_said else said
    if guidance and _NEXT_QUARTER.search(text) and call_quarter and call_year:
        q, y = (1, call_year + 1) if call_quarter == 4 else (call_quarter + 1, call_year)
        return _label(q, y, fiscal)
    fy = _FULL_YEAR.search(text)
    if fy:
        year = fy.group(1) or fy.group(2)
        if year:
            return f"FY{year if len(year) == 4 else '20' + year}"
        if not call_year:
            return "full year"
        # An outlook given on the fourth quarter's call is for the year ahead.
        return f"FY{call_year + 1 if guidance and call_quarter == 4 else call_year}"
    if not guidance and call_quarter and call_year:
        return _label(call_quarter, call_year, fiscal)
    return ""


def extract_fields(
    text: str, *, guidance: bool, call_quarter: int | None = None, call_year: int | None = None, fiscal: bool = False,
) -> dict[str, Any]:
    """The fields of a suggestion, keys in the annotation file's order
    (``metric value low high unit period``) plus ``qualifier`` and
    ``direction`` when the words give them."""
    fields: dict[str, Any] = {}
    metric = metric_of(text)
    if metric:
        fields["metric"] = metric[0]
    found = amounts(text)
    figure = _figure(text, found, (metric[1], metric[2]) if metric else None, guidance)
    worded = next(((rx, lo, hi) for rx, lo, hi in _WORDED if rx.search(text)), None)
    if figure is not None:
        fields.update({k: v for k, v in figure.value.fields().items() if k != "period"})
        if fields.get("metric") == "EPS" and fields.get("unit") == "USD":
            fields["unit"] = "USD per share"
    elif worded is not None:
        rx, lo, hi = worded
        if lo is not None and lo == hi:
            fields["value"] = lo
        else:
            if lo is not None:
                fields["low"] = lo
            if hi is not None:
                fields["high"] = hi
        fields["unit"] = "%"
        fields["qualifier"] = rx.search(text).group(0)
    period = _period(text, call_quarter, call_year, guidance, fiscal)
    if period:
        fields["period"] = period
    if guidance:
        direction = next((d for d, rx in _DIRECTION if rx.search(text)), None)
        if direction:
            fields["direction"] = direction
    return fields
