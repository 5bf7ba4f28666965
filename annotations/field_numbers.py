"""What a number typed into a note's fields (value, low, high) becomes.

The form used to hand whatever it got to ``float``: ``nan`` and ``inf``
were stored as ``.nan`` / ``.inf`` (and ``--json`` then printed invalid
JSON), ``1e400`` became infinity and ``1,2,3`` became 123. Now:

- a number is read exactly (``220``, ``-5``, ``1,234,567``, ``0.13``,
  ``1e3``); whole numbers stay integers, digit for digit;
- a number that is not finite, or too large to keep exactly, is refused
  (``FieldNumberError``, said to the user; nothing is stored);
- anything else is kept as the text typed (``1,2,3``, ``about 220``):
  never silently turned into some other number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

MAX_FIELD_INT = 10**18
"""Past this, JSON readers (JavaScript, spreadsheets) lose digits."""

_NUMBER = re.compile(
    r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?"
)
_NON_FINITE = re.compile(r"[-+]?(?:nan|inf|infinity)", re.IGNORECASE)


class FieldNumberError(ValueError):
    """A number that cannot be stored; the message says why, in one line."""


def parse_field_number(text: str) -> int | float | str | None:
    """None for nothing typed; raises ``FieldNumberError``."""
    t = text.strip()
    if not t:
        return None
    if _NON_FINITE.fullmatch(t):
        raise FieldNumberError(f"{t!r} is not a finite number")
    if not _NUMBER.fullmatch(t):
        return t  # not a number: kept as typed
    plain = t.replace(",", "")
    try:
        exact = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return t
    if abs(exact) > MAX_FIELD_INT:
        raise FieldNumberError(f"{t!r} is too large a number (at most {MAX_FIELD_INT:,})")
    if exact == exact.to_integral_value() and "." not in plain:
        return int(exact)
    value = float(exact)
    if not math.isfinite(value):  # pragma: no cover - bounded above
        raise FieldNumberError(f"{t!r} is not a finite number")
    return value
