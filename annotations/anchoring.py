"""Finding annotations again after their transcript changed.

An annotation remembers its offsets, the quoted text and a little context on
either side. When the transcript is edited (a typo fixed, a paragraph added,
speakers renamed), offsets go stale but the words mostly survive, so the
search goes from most to least certain:

1. the quote still sits at its offsets                 -> ``anchored``
2. the exact quote occurs elsewhere: the occurrence     -> ``moved``
   closest to where it is expected (its old place
   shifted by how far the previous annotations moved),
   context breaking ties
3. a close match near the expected place, then          -> ``fuzzy``
   anywhere (rapidfuzz), above ``FUZZY_THRESHOLD``
4. nothing good enough                                  -> ``orphaned``

Orphans keep their stored offsets and quote; they are listed for the user and
never dropped. Nothing here writes a file: the new places are only saved when
the user next edits that call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz

from annotations.model import Annotation

CONTEXT_CHARS = 32
FUZZY_THRESHOLD = 85.0
"""partial_ratio score (0-100) a fuzzy match needs: a fixed typo or a changed
word in a sentence scores 90+, an unrelated sentence well under 70."""
MIN_FUZZY_CHARS = 12
"""Shorter quotes ("Thank you.") match too much by accident to be guessed."""
NEAR_WINDOW = 2000
"""How far around the expected place the cheap, likely fuzzy search looks
before searching the whole text."""


@dataclass(slots=True)
class Placement:
    start: int
    end: int
    status: str


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix stored with an annotation."""
    return text[max(0, start - chars) : start], text[end : end + chars]


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many context characters still agree next to ``text[start:end]``
    (read outward from the quote, where agreement matters most)."""
    score = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(before), reversed(prefix)):
        if a != b:
            break
        score += 1
    after = text[end : end + len(suffix)]
    for a, b in zip(after, suffix):
        if a != b:
            break
        score += 1
    return score


def _exact(text: str, quote: str, expected: int, prefix: str, suffix: str) -> int | None:
    best: tuple[int, int] | None = None
    best_at: int | None = None
    i = text.find(quote)
    while i != -1:
        key = (abs(i - expected), -_context_score(text, i, i + len(quote), prefix, suffix))
        if best is None or key < best:
            best, best_at = key, i
        elif i > expected:  # occurrences only get further away from here on
            break
        i = text.find(quote, i + 1)
    return best_at


def _fuzzy(text: str, quote: str, expected: int) -> tuple[int, int] | None:
    if len(quote.strip()) < MIN_FUZZY_CHARS:
        return None
    lo = max(0, expected - NEAR_WINDOW)
    hi = min(len(text), expected + len(quote) + NEAR_WINDOW)
    for base, haystack in ((lo, text[lo:hi]), (0, text)):
        found = fuzz.partial_ratio_alignment(quote, haystack, score_cutoff=FUZZY_THRESHOLD)
        if found is not None and found.score >= FUZZY_THRESHOLD:
            start, end = _trim(text, base + found.dest_start, base + found.dest_end)
            return _best_bounds(text, quote, start, end)
        if base == 0 and lo == 0 and hi == len(text):
            break  # the window was already the whole text
    return None


BOUND_SLACK = 24
"""How far (characters) a fuzzy match's ends may move to fit the quote."""


def _best_bounds(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The alignment of a fuzzy match is only as wide as the part that
    matched best, so an edited first or last word ("I'm" -> "I am") falls
    outside it. Try the word boundaries near each end and keep the span
    most like the whole quote (ties: the alignment's own bounds)."""
    lo, hi = max(0, start - BOUND_SLACK), min(len(text), end + BOUND_SLACK)
    starts = {start} | {i for i in range(lo, start + BOUND_SLACK) if i < end and _word_start(text, i)}
    ends = {end} | {i for i in range(end - BOUND_SLACK, hi + 1) if i > start and _word_end(text, i)}
    best = (fuzz.ratio(quote, text[start:end]), 0, start, end)
    for s in starts:
        for e in ends:
            if e - s < 1:
                continue
            score = fuzz.ratio(quote, text[s:e])
            if score > best[0]:
                best = (score, 0, s, e)
    return best[2], best[3]


def _word_start(text: str, i: int) -> bool:
    return not text[i].isspace() and (i == 0 or text[i - 1].isspace())


def _word_end(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and (i == len(text) or text[i].isspace())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words and drop white space at its ends, so
    a highlight never starts or stops inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def place(text: str, a: Annotation, shift: int = 0) -> Placement:
    """Where annotation ``a`` belongs in ``text``; ``shift`` is how far the
    annotations before it moved (where it is expected)."""
    quote = a.quote
    if 0 <= a.start <= a.end <= len(text) and text[a.start : a.end] == quote:
        return Placement(a.start, a.end, "anchored")
    expected = max(0, a.start + shift)
    at = _exact(text, quote, expected, a.prefix, a.suffix) if quote else None
    if at is not None:
        return Placement(at, at + len(quote), "moved")
    found = _fuzzy(text, quote, expected)
    if found is not None and found[1] > found[0]:
        return Placement(found[0], found[1], "fuzzy")
    return Placement(a.start, a.end, "orphaned")


def anchor_all(text: str, annotations: Iterable[Annotation], refresh_context: bool = False) -> int:
    """Re-place every annotation in ``text``, in place: offsets, status, and
    (for found ones, when ``refresh_context`` or they moved) quote and
    context. A fuzzy match keeps the quote it replaced under
    ``previous_quote``, for review. Returns how many are not ``anchored``."""
    shift = 0
    unsettled = 0
    for a in sorted(annotations, key=lambda x: (x.start, x.end)):
        p = place(text, a, shift)
        a.status = p.status
        if p.status == "orphaned":
            unsettled += 1
            continue
        shift = p.start - a.start
        if p.status != "anchored":
            unsettled += 1
        if p.status == "fuzzy":
            a.extra.setdefault("previous_quote", a.quote)
            a.quote = text[p.start : p.end]
        a.start, a.end = p.start, p.end
        if refresh_context or p.status != "anchored":
            a.prefix, a.suffix = context(text, p.start, p.end)
    return unsettled
