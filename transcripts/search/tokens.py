"""Words as search sees them: one tokeniser for the index, the query and the
highlighting, so a word found in the index is always found again in its
sentence.

A word is a run of letters and digits, with inner apostrophes (``we've``)
and inner ``.``/``,`` before digits (``7.7``, ``2,470``). Words are case-folded
and stripped of accents and of a trailing possessive ``'s``, so ``VeriSign's``
is found by ``verisign``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+|[.,]\d+)*")
ASCII_WORD_RE = re.compile(r"([a-z0-9]++(?:'(?!s\b)[a-z0-9]++|[.,][0-9]++)*+)(?:'s\b)?")
"""``WORD_RE`` + ``normalise`` on lower-case ASCII text: the same words,
found faster (``findall`` returns the word without a possessive ``'s``)."""


def normalise(word: str) -> str:
    """The indexed form of one word as the tokeniser found it."""
    w = word.casefold()
    if not w.isascii():
        w = w.replace("\u2019", "'")
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if w.endswith("'s") and len(w) > 2:
        w = w[:-2]
    return w


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order (for indexing).

    This runs over every word of the corpus when the index is built, so plain
    ASCII text (nearly all of it) takes a fast path with the same result as
    ``normalise`` word by word. On it, most words are a run of letters and
    digits between spaces, perhaps followed by a full stop or a comma, and
    taking those as they are was a quarter cheaper than the regular
    expression alone; the expression reads only the other pieces (no word
    spans a space, so reading piece by piece finds the same words)."""
    if not text.isascii():
        return [normalise(w) for w in WORD_RE.findall(text)]
    out: list[str] = []
    add, find = out.append, ASCII_WORD_RE.findall
    for piece in text.lower().split():
        if piece.isalnum():
            add(piece)
            continue
        bare = piece.rstrip(".,?!;:")
        if bare.isalnum():  # what follows the word is no part of one ('.' before a digit would be)
            add(bare)
        else:
            out += find(piece)
    return out


def word_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, int]]:
    """``(normalised word, start, end)`` for each word of ``text[start:end]``;
    offsets are into ``text`` (for highlighting)."""
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        yield normalise(m.group()), m.start(), m.end()


def is_number(word: str) -> bool:
    return any(c.isdigit() for c in word)


def max_edits(word: str) -> int:
    """Typos forgiven for a query word: none for short words and numbers, one
    for 4-7 letters, two for longer words."""
    if is_number(word) or len(word) < 4:
        return 0
    return 1 if len(word) <= 7 else 2
