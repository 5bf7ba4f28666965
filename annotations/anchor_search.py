"""Looking for an annotation's text in a changed transcript: the three ways
``annotations.anchoring`` has of finding it, each answering "where, and how
sure".

- ``exact``: the occurrences of the quote, each scored by how much of the
  stored context still surrounds it. The score, not the distance, is what
  tells the annotation's own occurrence from the same words said elsewhere.
- ``between_context``: the stored prefix and suffix still stand near the
  old place with something new between them: the quote was edited there.
- ``resembling``: the closest text by rapidfuzz, near the old place (and,
  for long quotes only, anywhere).
"""

from __future__ import annotations

from rapidfuzz import fuzz

FUZZY_THRESHOLD = 85.0
"""partial_ratio score (0-100) a fuzzy match needs: a fixed typo or a changed
word in a sentence scores 90+, an unrelated sentence well under 70."""
MIN_FUZZY_CHARS = 12
"""Shorter quotes ("Thank you.") match too much by accident to be guessed."""
FAR_FUZZY_CHARS = 40
"""Only a quote this long is looked for by resemblance far from its place:
a short phrase ("deferred revenue") recurs all through a call, and the
closest copy of it is another statement, not this one."""
NEAR_WINDOW = 2000
"""How far around the expected place the likely searches look."""
SHORT_WINDOW = 96
"""How far a short quote is looked for by resemblance: its own sentence."""
PIN_CHARS = 16
"""How much of the stored prefix (its end) and suffix (its start) must
still stand around an edited quote for it to count as the same place."""
IN_PLACE_RATIO = 60.0
"""How alike (fuzz.ratio) the text between the pins must be to the quote:
an edited quote scores 80+, a rewritten sentence in its place under 50."""
BOUND_SLACK = 24
"""How far (characters) a fuzzy match's ends may move to fit the quote."""


def context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many context characters still agree next to ``text[start:end]``
    (read outward from the quote, where agreement matters most)."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_tail(before, prefix) + _common_head(after, suffix)


def _common_head(a: str, b: str) -> int:
    if a == b:  # the usual case, at C speed
        return len(a)
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_tail(a: str, b: str) -> int:
    if a == b:
        return len(a)
    return _common_head(a[::-1], b[::-1])


def exact(text: str, quote: str, expected: int, prefix: str, suffix: str) -> tuple[int, int] | None:
    """The occurrence of ``quote`` whose context agrees best (ties: nearest
    ``expected``), as ``(start, agreement)``; None when there is none."""
    best: tuple[int, int] | None = None
    best_at: tuple[int, int] | None = None
    i = text.find(quote)
    while i != -1:
        agreement = context_agreement(text, i, i + len(quote), prefix, suffix)
        key = (-agreement, abs(i - expected))
        if best is None or key < best:
            best, best_at = key, (i, agreement)
        i = text.find(quote, i + 1)
    return best_at


def between_context(text: str, quote: str, expected: int, prefix: str, suffix: str) -> tuple[int, int] | None:
    """The span between the stored context's ends near ``expected``, when
    it reads like the quote (an edit inside the quote itself)."""
    pre, suf = prefix[-PIN_CHARS:], suffix[:PIN_CHARS]
    if len(pre) + len(suf) < PIN_CHARS:
        return None
    longest = 2 * len(quote) + PIN_CHARS
    for p_end in _pin_ends(text, pre, expected):
        if suf:
            q = text.find(suf, p_end, p_end + longest + len(suf))
            if q == -1:
                continue
        else:
            q = len(text)
            if q - p_end > longest:
                continue
        start, end = _strip(text, p_end, q)
        if end > start and fuzz.ratio(quote, text[start:end]) >= IN_PLACE_RATIO:
            return start, end
    return None


def _pin_ends(text: str, pre: str, expected: int) -> list[int]:
    """Where a quote preceded by ``pre`` could start, nearest ``expected``
    first (an empty ``pre``: the text's start)."""
    if not pre:
        return [0]
    lo = max(0, expected - NEAR_WINDOW - len(pre))
    hi = min(len(text), expected + NEAR_WINDOW)
    ends = []
    i = text.find(pre, lo, hi)
    while i != -1:
        ends.append(i + len(pre))
        i = text.find(pre, i + 1, hi)
    return sorted(ends, key=lambda e: abs(e - expected))[:8]


def resembling(text: str, quote: str, expected: int) -> tuple[int, int] | None:
    """The text most like ``quote`` near ``expected`` (then anywhere, for a
    long quote), widened to whole words; None when nothing is close."""
    if len(quote.strip()) < MIN_FUZZY_CHARS:
        return None
    far = len(quote) >= FAR_FUZZY_CHARS
    window = NEAR_WINDOW if far else SHORT_WINDOW
    lo = max(0, expected - window)
    hi = min(len(text), expected + len(quote) + window)
    searches = [(lo, text[lo:hi])]
    if far and (lo > 0 or hi < len(text)):
        searches.append((0, text))
    for base, haystack in searches:
        found = fuzz.partial_ratio_alignment(quote, haystack, score_cutoff=FUZZY_THRESHOLD)
        if found is not None and found.score >= FUZZY_THRESHOLD:
            start, end = _trim(text, base + found.dest_start, base + found.dest_end)
            start, end = _best_bounds(text, quote, start, end)
            if end > start:
                return start, end
    return None


def _best_bounds(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The alignment of a fuzzy match is only as wide as the part that
    matched best, so an edited first or last word ("I'm" -> "I am") falls
    outside it. Try the word boundaries near each end and keep the span
    most like the whole quote (ties: the alignment's own bounds)."""
    lo, hi = max(0, start - BOUND_SLACK), min(len(text), end + BOUND_SLACK)
    starts = {start} | {i for i in range(lo, start + BOUND_SLACK) if i < end and _word_start(text, i)}
    ends = {end} | {i for i in range(end - BOUND_SLACK, hi + 1) if i > start and _word_end(text, i)}
    best = (fuzz.ratio(quote, text[start:end]), start, end)
    for s in starts:
        for e in ends:
            if e - s < 1:
                continue
            score = fuzz.ratio(quote, text[s:e])
            if score > best[0]:
                best = (score, s, e)
    return best[1], best[2]


def _word_start(text: str, i: int) -> bool:
    return not text[i].isspace() and (i == 0 or text[i - 1].isspace())


def _word_end(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and (i == len(text) or text[i].isspace())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words and drop white space at its ends, so
    a highlight never starts or stops inside a word."""
    while start > 0 and start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return _strip(text, start, end)
