"""Whether a call's fiscal year is the calendar year.

Darden's fiscal fourth quarter of 2021 ended in May 2021; a bank's fourth
quarter of 2021 ended in December. Put side by side as "Q4 2021" they read
as one period, and a table of metrics by quarter would put them in one
column. So a call whose fiscal year is not the calendar year is labelled
``FY2021 Q4`` wherever periods meet (``model.period_label``).

The word "fiscal" alone proves nothing (VeriSign's "fourth quarter and
fiscal 2003" is a calendar year). What does:

- the quarter's end, when the call says it: "the fourth quarter ended May
  30, 2021" (a calendar Q4 ends in December);
- the call's date: a calendar quarter's call comes in the three months after
  the quarter ends, so a Q4 call held in June is a fiscal Q4;
- a fiscal year ahead of the calendar: "fiscal 2022" first quarter results
  presented in October 2021.
"""

from __future__ import annotations

import re

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS |= {m[:3]: n for m, n in list(_MONTHS.items())} | {"sept": 9}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QUARTER_ENDED = re.compile(
    r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter"
    r"(?:\s+of\s+(?:fiscal\s+)?(?:year\s+)?\d{4})?,?\s+(?:which\s+|that\s+)?ended\s+(?:on\s+)?"
    r"(?P<m>[A-Z][a-z]{2,8})\.?(?:\s+(?P<d>\d{1,2})\b)?",
    re.I,
)
""""the fourth quarter ended May 30, 2021": only the call's own quarter, in
the past tense (a guidance period "ending March" says nothing)."""
_GRACE_DAYS = 7
"""A 52/53-week year ends on a weekday: a quarter "ended October 2" is the
September quarter."""


def _quarter_ended(text: str, end: int):
    """``_QUARTER_ENDED`` matches, found from each "ended" (a plain search
    for a word is far cheaper than trying the pattern at every position)."""
    places = sorted(at for word in ("ended", "Ended", "ENDED") for at in _all(text, word, end))
    for at in places:
        m = _QUARTER_ENDED.search(text, max(0, at - 60), min(len(text), at + 40))
        if m and m.start() <= at < m.end():
            yield m


def _all(text: str, word: str, end: int):
    at = text.find(word, 0, end)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word), end)


def _end_month(month: int, day: int | None) -> int:
    if day is not None and day <= _GRACE_DAYS:
        return 12 if month == 1 else month - 1
    return month


def _months_after_calendar_end(quarter: int, month: int) -> int:
    """How many months after the calendar quarter's last month ``month`` is."""
    return (month - 3 * quarter) % 12


def is_non_calendar(
    text: str,
    quarter: int | None,
    fiscal_year: int | None,
    date: str | None,
    head_chars: int = 12000,
) -> bool:
    """True when the call shows that its fiscal year is not the calendar
    year; False when it shows nothing (a calendar year is the common case)."""
    if not quarter:
        return False
    for m in _quarter_ended(text, min(len(text), head_chars)):
        month = _MONTHS.get(m.group("m").casefold())
        if month is None or _ORDINALS[m.group("q").casefold()] != quarter:
            continue
        day = int(m.group("d")) if m.group("d") else None
        return _months_after_calendar_end(quarter, _end_month(month, day)) != 0
    if date:
        try:
            year, month = int(date[:4]), int(date[5:7])
        except ValueError:
            return False
        if _months_after_calendar_end(quarter, month) > 3:
            return True
        held_in = year - 1 if quarter == 4 and month <= 3 else year
        return fiscal_year is not None and fiscal_year > held_in
    return False
