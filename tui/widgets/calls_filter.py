"""Find in the calls pane: what the user typed, matched against each call's
company, ticker and period, as toolong and lazygit filter their lists.

Every word typed must match: a word of the company's names (its start, or
a typo forgiven as search forgives it), or the period in any spelling a
user types (``q3``, ``2024``, ``2024q3``, ``q3-2024``, ``fy2021``).
"""

from __future__ import annotations

import re

from transcripts.company_names import company_names
from transcripts.model import Call
from transcripts.search.query import name_matches

_PERIOD = re.compile(r"^(?:fy)?(\d{4})[-_ ]?q([1-4])$|^q([1-4])[-_ ]?(?:fy)?(\d{4})$|^([1-4])q(\d{2})$")


def _period_words(call: Call) -> set[str]:
    out: set[str] = set()
    if call.quarter:
        out |= {f"q{call.quarter}", str(call.quarter)}
    if call.fiscal_year:
        y = str(call.fiscal_year)
        out |= {y, f"fy{y}", y[2:]}
    out |= set(call.period.casefold().split())
    return out


def _word_matches(word: str, call: Call, periods: set[str]) -> bool:
    if word in periods:
        return True
    m = _PERIOD.match(word)
    if m:
        year = m.group(1) or m.group(4) or (f"20{m.group(6)}" if m.group(6) else None)
        quarter = m.group(2) or m.group(3) or m.group(5)
        return str(call.fiscal_year) == year and str(call.quarter) == quarter
    names = company_names(call)
    if any(word in n.casefold() for n in names):
        return True
    return name_matches(word, names)


def call_passes(text: str, call: Call) -> bool:
    """Whether ``call`` matches every word of ``text`` (an empty text: all)."""
    words = text.casefold().split()
    if not words:
        return True
    periods = _period_words(call)
    return all(_word_matches(w, call, periods) for w in words)
