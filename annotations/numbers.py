"""Reading the one number (or range) in a quote, to pre-fill a note's fields.

Analysts tag sentences like "we would look for revenues in Q1 to come in at
approximately $220 million"; typing 220 and "USD million" again is the busy
work this saves. Only an unambiguous quote is pre-filled: exactly one number
or one range. Years ("2004") and quarter names ("Q1") are not amounts; they
become the period instead. The user always confirms or edits the result.

    "$220 million"      -> value 220,   unit "USD million"
    "$5 to $10 million" -> low 5, high 10, unit "USD million"
    "19-20%"            -> low 19, high 20, unit "%"
    "13 cents"          -> value 0.13, unit "USD per share"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SCALES = {
    "thousand": "thousand", "k": "thousand",
    "million": "million", "millions": "million", "mm": "million", "mln": "million", "m": "million",
    "billion": "billion", "billions": "billion", "bn": "billion", "b": "billion",
    "trillion": "trillion",
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"thousand|millions?|billions?|trillion|mm|mln|bn|[kmb](?![a-z])"
_UNIT_AFTER = (
    r"%|percent(?:age points?)?|basis points?|bps|cents?|points?"
    r"|shares|customers|subscribers|employees|users|domains|names|units|certificates"
)

# One amount: optional currency sign, a number, an optional scale, an optional unit.
_AMOUNT = (
    rf"(?P<cur@I@>\$|US\$|USD\s?|€|£)?\s?(?P<num@I@>{_NUM})"
    rf"(?:\s?(?P<scale@I@>{_SCALE}))?"
    rf"(?:\s?(?P<unit@I@>{_UNIT_AFTER}))?"
    rf"(?:\s(?P<ps@I@>per\s(?:diluted\s)?share))?"
)
_A1 = _AMOUNT.replace("@I@", "1")
_A2 = _AMOUNT.replace("@I@", "2")
_RANGE = re.compile(
    rf"(?<![\w.])(?P<between>between\s)?{_A1}"
    rf"\s?(?P<sep>-|–|—|to|and)\s?{_A2}(?![\w])",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?<![\w.]){_A1}(?![\w])", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_QUARTER = re.compile(r"\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth) quarter)\b", re.IGNORECASE)
_YEAR_WORD = re.compile(r"(?<![\w$.,])((?:19|20)\d\d)(?![\w%])")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "£": "GBP"}


@dataclass(slots=True)
class Prefill:
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    unit: str = ""
    period: str = ""

    def fields(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key in ("value", "low", "high"):
            v = getattr(self, key)
            if v is not None:
                out[key] = v
        if self.unit:
            out["unit"] = self.unit
        if self.period:
            out["period"] = self.period
        return out


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _plain(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _unit(m: re.Match, i: int, scale_from: re.Match | None = None, j: int | None = None) -> tuple[str, Decimal]:
    """The unit text and the factor to apply (cents -> dollars)."""
    cur = (m.group(f"cur{i}") or "").strip().lower()
    scale = m.group(f"scale{i}")
    unit = (m.group(f"unit{i}") or "").lower()
    per_share = m.group(f"ps{i}")
    if scale_from is not None and j is not None:  # "$5 to $10 million": the scale is shared
        cur = cur or (scale_from.group(f"cur{j}") or "").strip().lower()
        scale = scale or scale_from.group(f"scale{j}")
        unit = unit or (scale_from.group(f"unit{j}") or "").lower()
        per_share = per_share or scale_from.group(f"ps{j}")
    scale_word = _SCALES.get(scale.lower(), "") if scale else ""
    factor = Decimal(1)
    if unit in ("%", "percent"):
        return "%", factor
    if unit.startswith("percentage point") or unit.startswith("point"):
        return "percentage points", factor
    if unit in ("basis point", "basis points", "bps"):
        return "bps", factor
    if unit in ("cent", "cents"):
        return "USD per share", Decimal("0.01")
    words = []
    if cur:
        words.append(_CURRENCY.get(cur, cur.upper()))
    if scale_word:
        words.append(scale_word)
    if unit:
        words.append(unit)
    if per_share:
        words.append("per share")
    return " ".join(words), factor


def _period(text: str) -> str:
    q = _QUARTER.search(text)
    years = _YEAR_WORD.findall(text)
    quarter = ""
    if q:
        n = q.group(1) or q.group(2) or _ORDINAL[q.group(3).lower()]
        quarter = f"Q{n}"
    year = years[0] if len(set(years)) == 1 else ""
    return " ".join(p for p in (quarter, year) if p)


def _is_amount(m: re.Match, i: int) -> bool:
    """Years and quarter digits are dates, not amounts."""
    num = m.group(f"num{i}")
    decorated = any(m.group(f"{k}{i}") for k in ("cur", "scale", "unit", "ps"))
    if not decorated and _YEAR.match(num):
        return False
    start = m.start(f"num{i}")
    before = m.string[start - 1 : start] if start else ""
    after = m.string[m.end(f"num{i}") : m.end(f"num{i}") + 1]
    if before in ("Q", "q") or (after in ("Q", "q") and not decorated):
        return False
    return True


@dataclass(slots=True)
class Amount:
    """One number or range found in a text, with where it stands."""

    start: int
    end: int
    value: Prefill

    @property
    def is_range(self) -> bool:
        return self.value.low is not None


_PAREN_NEGATIVE = re.compile(r"(?P<cur>\$|US\$|€|£)?\(\s?(?:\$|US\$|€|£)?\s?\d[\d,]*(?:\.\d+)?\s?\)")


def amounts(quote: str) -> list[Amount]:
    """Every amount in ``quote``, in text order: ranges first claim their
    text, then single numbers; years and quarter digits are left out.
    An accountant's negative, ``$(0.06)`` or ``(12.5)``, is read as negative."""
    text = quote.replace("\u2019", "'")
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        if not (_is_amount(m, 1) and _is_amount(m, 2)):
            continue
        if m.group("sep").lower() == "and" and not m.group("between"):
            continue  # "5 stores and 10 kiosks" is two numbers, not a range
        unit1, f1 = _unit(m, 1, m, 2)
        unit2, f2 = _unit(m, 2, m, 1)
        low, high = _number(m.group("num1")) * f1, _number(m.group("num2")) * f2
        if low >= high:  # "10-5" is not a range; "Q3 and 4" neither
            continue
        found.append(Amount(m.start(), m.end(), Prefill(low=_plain(low), high=_plain(high), unit=unit2 or unit1)))
        taken.append((m.start(), m.end()))
    negative_at: dict[int, str] = {}
    for m in _PAREN_NEGATIVE.finditer(text):
        digit = m.start() + next(i for i, c in enumerate(m.group(0)) if c.isdigit())
        negative_at[digit] = _CURRENCY.get((m.group("cur") or "").lower(), "")
    for m in _SINGLE.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or not _is_amount(m, 1):
            continue
        unit, factor = _unit(m, 1)
        number = _number(m.group("num1")) * factor
        if m.start("num1") in negative_at:  # "$(0.06)": the sign stands outside
            number = -number
            unit = unit or negative_at[m.start("num1")]
        found.append(Amount(m.start(), m.end(), Prefill(value=_plain(number), unit=unit)))
    found.sort(key=lambda a: a.start)
    return found


def period_of(text: str) -> str:
    """``Q1 2004``, ``Q1``, ``2004`` or ``""``: the period a text names."""
    return _period(text.replace("\u2019", "'"))


def prefill(quote: str) -> Prefill | None:
    """The fields one number or range in ``quote`` suggests; None when the
    quote holds no amount or more than one."""
    found = amounts(quote)
    if len(found) != 1:
        return None
    result = found[0].value
    result.period = period_of(quote)
    return result
