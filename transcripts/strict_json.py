"""JSON that every parser accepts.

Python's ``json`` writes ``NaN`` and ``Infinity`` for non-finite floats,
which strict parsers (JavaScript's ``JSON.parse``, jq, most languages)
refuse, so one ``.nan`` a user typed into a file could break a script
reading ``--json``. Everything Earmark prints or exports as JSON goes
through here: non-finite numbers become ``null`` (they are refused on input,
so only a hand-edited file can hold one), and the encoder runs with
``allow_nan=False`` so nothing else slips through."""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(value: Any, **options: Any) -> str:
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:  # a non-finite number somewhere: rare, so checked only then
        return json.dumps(finite(value), allow_nan=False, **options)
