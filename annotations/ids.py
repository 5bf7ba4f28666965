"""Annotation ids: short, random and unique within their file.

Random rather than sequential so two people annotating the same call in two
checkouts do not both create ``id: 1`` and collide when git merges the files.
At least one letter, so YAML never reads an id as a number.
"""

from __future__ import annotations

import re
import secrets
from typing import Container

_NUMBER_LIKE = re.compile(r"[0-9]+(?:[eE][0-9]+)?")
ID_BYTES = 3  # 6 hex characters: 16 million ids for a file of hundreds


def new_id(taken: Container[str] = ()) -> str:
    size = ID_BYTES
    for attempt in range(1000):
        candidate = secrets.token_hex(size)
        if _NUMBER_LIKE.fullmatch(candidate):  # "123456", or "12e345": a float in YAML 1.2
            continue
        if candidate not in taken:
            return candidate
        if attempt % 10 == 9:  # a crowded file: grow the id instead of looping
            size += 1
    raise RuntimeError("could not make a unique annotation id")
