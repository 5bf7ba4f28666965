"""Sentence boundaries inside a paragraph.

Earnings calls are dense with periods that do not end sentences: ``U.S.``,
``J.P. Morgan``, ``C. Eugene Munster``, ``$7.7 billion``, ``Inc.``, ``No. 1``,
``vs.``. A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
brackets) followed by white space and a word that does not start in lower
case, unless the period closes an abbreviation or an initial.

This runs over every paragraph of every call (half a million sentences in a
large corpus), so the whole decision lives in one compiled expression: the
abbreviations are fixed-width look-behinds checked only where a period is
followed by white space, and the loop in Python does nothing but yield.
"""

from __future__ import annotations

import re
from typing import Iterator

SPACE = (
    " \t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
)
"""White space for offsets: everything ``str.isspace`` calls space, plus the
zero-width no-break space (a stray byte-order mark) and the zero-width space.
No turn, paragraph or sentence starts or ends with one of these."""

_SP = r"\s\ufeff\u200b"

ABBREVIATIONS = (
    "mr ms dr st jr sr co vs mt cf al "
    "mrs inc ltd llc plc etc fig jan feb mar apr jun jul aug sep oct nov dec "
    "corp dept prof sept intl "
    "approx"
).split()
"""Words that a period after them does not end a sentence. Single letters
(initials, ``U.S.``, ``J.P.``, ``e.g.``, ``a.m.``) are covered separately;
``No.`` only counts before a number (``No. 5``), since "the answer is no."
ends a sentence."""


def _abbreviation_lookbehinds() -> str:
    by_len: dict[int, list[str]] = {}
    for word in ABBREVIATIONS:
        by_len.setdefault(len(word), []).append(word)
    return "".join(
        rf"(?<!\b(?i:{'|'.join(sorted(words))})\.)" for _, words in sorted(by_len.items())
    )


_CLOSERS = "\"'”’)\\]»"
_STARTERS = r"(?:We|I|The|Our|It|This|That|They|So|But|And|Now|Yes|Thank|Thanks)\b"
"""Words that after an initialism (``U.S.``, ``a.m.``) start a new sentence."""
_END = re.compile(
    # cheap test first: the mark is followed (after closing quotes) by space;
    # most periods in a call are decimals ("$7.7") and fail here at once
    # (only from the first mark of a run, and looking a few characters ahead
    # at most, so that no run of dots or quotes is scanned once per period)
    r"[.!?](?<![.!?][.!?])(?=[.!?" + _CLOSERS + r"]{0,8}+[" + _SP + r"])"
    # then the word the period closes: an initial (but "G&A." ends), an
    # abbreviation, or "No." before a number
    r"(?:(?<=&[A-Za-z]\.)|(?<!\b[A-Za-z]\.)"
    # (though "in the U.S. We grew" ends at "U.S.": an initialism, then a
    # word that only starts sentences)
    r"|(?<=\b[A-Za-z]\.[A-Za-z]\.)(?=[" + _SP + r"]+" + _STARTERS + r"))"
    + _abbreviation_lookbehinds()
    + r"(?!(?<=\b[Nn]o\.)[" + _SP + r"]+\d)(?!(?<=\b[Nn]os\.)[" + _SP + r"]+\d)"
    r"[.!?]*[" + _CLOSERS + r"]*"
    # and the next word does not start in lower case
    r"(?=[" + _SP + r"]+(?![a-z])[^" + _SP + r"])"
)


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]`` (one paragraph).

    The spans tile the paragraph with its outer white space removed: only
    white space lies between one span and the next, and no span starts or
    ends with white space.
    """
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    starts: list[int] = []
    ends: list[int] = []
    append_sentences(text, start, end, starts, ends)
    return zip(starts, ends)


def append_sentences(text: str, start: int, end: int, starts, ends) -> None:
    """``sentence_spans`` for the parser's hot loop: appends the spans of one
    paragraph (already stripped of outer white space) straight to the call's
    ``starts``/``ends`` arrays, without a generator or a tuple per
    sentence."""
    if start >= end:
        return
    s = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        starts.append(s)
        ends.append(cut)
        s = cut + 1
        while text[s] in SPACE:
            s += 1
    starts.append(s)
    ends.append(end)


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as strings (for tests and scripts)."""
    return [paragraph[s:e] for s, e in sentence_spans(paragraph, 0, len(paragraph))]
