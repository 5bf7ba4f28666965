"""Find in the calls pane: what the user typed, matched against each call's
company, ticker and period, as toolong and lazygit filter their lists.

Every word typed must match: a word of the company's names (its start, or
a typo forgiven as search forgives it), or the period in any spelling a
user types (``q3``, ``2024``, ``2024q3``, ``q3-2024``, ``fy2021``).

The pane filters its whole list on every key typed, 30,000 calls at a
research team's size: ``CallsFilter`` matches what calls share (a company
and its ticker, a period, a word of an id) once per key, not once per call.
"""

from __future__ import annotations

import re
from typing import Iterable

from transcripts.model import Call
from transcripts.search.query import name_matches, word_matches
from transcripts.search.tokens import words

_PERIOD = re.compile(r"^(?:fy)?(\d{4})[-_ ]?q([1-4])$|^q([1-4])[-_ ]?(?:fy)?(\d{4})$|^([1-4])q(\d{2})$")


def _period_words(call: Call) -> frozenset[str]:
    out: set[str] = set()
    if call.quarter:
        out |= {f"q{call.quarter}", str(call.quarter)}
    if call.fiscal_year:
        y = str(call.fiscal_year)
        out |= {y, f"fy{y}", y[2:]}
    out |= set(call.period.casefold().split())
    return frozenset(out)


def _spelled_period(word: str) -> tuple[str, str] | None:
    """(year, quarter) when ``word`` spells one period (``2024q3``, ``3q24``)."""
    m = _PERIOD.match(word)
    if not m:
        return None
    year = m.group(1) or m.group(4) or f"20{m.group(6)}"
    return year, m.group(2) or m.group(3) or m.group(5)


class CallsFilter:
    """One filter text, applied to many calls."""

    def __init__(self, text: str) -> None:
        self.words = text.casefold().split()
        self._periods = {w: _spelled_period(w) for w in self.words}
        self._period_words: dict[tuple, frozenset[str]] = {}
        self._company: dict[tuple[str, str | None, str | None], bool] = {}
        self._pairs: dict[tuple[str, str], bool] = {}

    def passes(self, call: Call) -> bool:
        """Whether ``call`` matches every word (an empty text: all)."""
        if not self.words:
            return True
        key = (call.quarter, call.fiscal_year, call.fiscal)
        periods = self._period_words.get(key)
        if periods is None:
            periods = self._period_words[key] = _period_words(call)
        return all(self._word_passes(w, call, periods) for w in self.words)

    def _word_passes(self, word: str, call: Call, periods: frozenset[str]) -> bool:
        if word in periods:
            return True
        spelled = self._periods[word]
        if spelled is not None:
            return (str(call.fiscal_year), str(call.quarter)) == spelled
        # The names are the company's, its ticker and the call's id
        # (``transcripts.company_names``): the first two are shared by every
        # call of the company, the id's words by many calls.
        key = (word, call.company, call.ticker)
        found = self._company.get(key)
        if found is None:
            names = [n for n in (call.company, call.ticker) if n]
            found = self._company[key] = (any(word in n.casefold() for n in names)
                                          or name_matches(word, names))
        return found or (bool(call.id) and self._id_passes(word, call.id))

    def _id_passes(self, word: str, call_id: str) -> bool:
        if word in call_id.casefold():
            return True
        for have in words(call_id):
            pair = (word, have)
            found = self._pairs.get(pair)
            if found is None:
                found = self._pairs[pair] = word_matches(word, have)
            if found:
                return True
        return False

    def matching(self, calls: Iterable[Call]) -> list[Call]:
        if not self.words:
            return list(calls)
        passes = self.passes
        return [c for c in calls if passes(c)]


def call_passes(text: str, call: Call) -> bool:
    """Whether ``call`` matches every word of ``text`` (an empty text: all)."""
    return CallsFilter(text).passes(call)
