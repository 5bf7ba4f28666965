"""Every name a company goes by in a corpus: its name as the calls say it,
its ticker (``DRI`` for Darden Restaurants) and the call's id.

A folder often mixes ``DRI_q4_2021.txt`` files whose text names "Darden
Restaurants" with ones whose text never says the name. Once one call ties a
ticker to a name, every call filed under that ticker is that company: the
calls pane groups them together, and ``company:darden`` and ``company:dri``
find all of them.
"""

from __future__ import annotations

import re
from typing import Iterable

from transcripts.model import Call

_TICKER = re.compile(r"^[A-Z]{1,5}(?:[.\-][A-Z]{1,2})?$")
"""``DRI``, ``BRK.B``: a file name whose company part is only a ticker."""


def is_ticker(company: str | None) -> bool:
    return bool(company) and _TICKER.match(company) is not None


def company_names(call: Call) -> list[str]:
    """The names a ``company:`` filter matches for ``call``."""
    return [n for n in (call.company, call.ticker, call.id) if n]


def unify_tickers(calls: Iterable[Call]) -> list[Call]:
    """Calls whose company is only a ticker take the name another call of
    the same ticker gave (the most common one, on a disagreement); returns
    the calls that changed (their id and title are the caller's to redo)."""
    calls = list(calls)
    changed: list[Call] = []
    named: dict[str, dict[str, int]] = {}
    for c in calls:
        if c.ticker and c.company:
            counts = named.setdefault(c.ticker.casefold(), {})
            counts[c.company] = counts.get(c.company, 0) + 1
    if not named:
        return changed
    for c in calls:
        if c.ticker is None and is_ticker(c.company):
            counts = named.get(c.company.casefold())
            if counts:
                c.ticker = c.company
                c.company = max(counts, key=lambda n: (counts[n], n))
                changed.append(c)
    return changed
