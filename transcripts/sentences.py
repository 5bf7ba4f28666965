"""Sentence boundaries inside a paragraph.

Earnings calls are dense with periods that do not end sentences: ``U.S.``,
``J.P. Morgan``, ``C. Eugene Munster``, ``$7.7 billion``, ``Inc.``, ``No. 1``,
``vs.``. A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
brackets) followed by white space, unless the word it ends is an abbreviation
or an initial, or the next word starts in lower case.

This runs over every paragraph of every call, so it is one compiled regular
expression plus a cheap check per candidate boundary.
"""

from __future__ import annotations

import re
from typing import Iterator

_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+(\S))")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALISM = re.compile(r"^\(?(?:[A-Za-z]\.){2,}[\"'”’)\]]*$")
_INITIAL = re.compile(r"^\(?[A-Z]\.$")

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt vs v etc inc co corp ltd llc plc
    dept approx fig jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e a.m p.m u.s u.k cf al
    """.split()
)
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
"""``No. 1`` is an abbreviation; ``the answer is no. We`` ends a sentence."""


def _is_abbreviation(word: str, following: str) -> bool:
    core = word.rstrip("\"'”’)]").lstrip("(\"'“‘[$")
    if not core.endswith("."):
        return False
    if _INITIAL.match(core) or _INITIALISM.match(core):
        return True
    bare = core[:-1].casefold()
    if bare in NUMBER_ABBREVIATIONS:
        return following[0].isdigit()
    return bare in ABBREVIATIONS


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]`` (one paragraph).

    The spans tile the stripped paragraph: only white space lies between one
    span and the next, and none is inside a span's ends.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    s = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.end()
        nxt = m.group(1)
        if nxt[0].islower():
            continue
        if text[m.start()] == ".":
            lo = max(s, m.start() - 40)
            wm = _WORD_BEFORE.search(text, lo, cut)
            if wm and _is_abbreviation(wm.group(1), nxt):
                continue
        yield s, cut
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        yield s, end
