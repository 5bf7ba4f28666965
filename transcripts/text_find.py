"""Finding a text a user typed in a call, as a person would expect.

A script that says ``--find "Deferred revenue of"`` means the words, not the
exact bytes: case and the spacing between words (a line break, two spaces, a
tab) do not matter. The match returned is the call's own text, so the
annotation quotes what the transcript says.
"""

from __future__ import annotations

import re


def find_text(text: str, needle: str) -> tuple[int, int] | None:
    """The first span of ``text`` that reads as ``needle`` ignoring case and
    the amount and kind of white space between words; None when there is none
    (or ``needle`` has no words)."""
    words = needle.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None
