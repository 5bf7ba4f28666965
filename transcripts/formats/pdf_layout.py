"""From the lines on a PDF's pages to a transcript's text.

A PDF holds lines placed on pages, not paragraphs: each page repeats a
running header and footer (the vendor, a copyright line, the page number)
and speech is hard-wrapped at the page's width. A reader of the call wants
neither, so this module

1. drops the running header and footer: lines at the top or bottom of a
   page that recur on many pages (digits aside, so ``Page 3 of 12`` recurs)
   and never occur in the body, plus lone page numbers. The first page's
   header is kept once, at the start: it often names the company and the
   period (``AAPL.OQ - Q1 2020 Apple Inc Earnings Call``); a first page with
   a title block of its own and no running header keeps just that block;
2. joins wrapped lines into paragraphs, one paragraph a line, as the plain
   text transcripts are written. A paragraph ends where the gap to the next
   line is wider than the page's usual line pitch, where a line stops well
   short of the page's usual width, or where the next line looks like a
   speaker line; speaker lines therefore stay lines of their own.

Nothing here knows the PDF library: the extractor hands over ``PdfPage``
objects, so the rules are tested on plain data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page may be furniture."""
RECUR_SHARE = 0.5
"""A line is running furniture when it recurs on at least this share of the
pages (and on two at least)."""
GAP_FACTOR = 1.35
"""A line further below the previous one than this many usual line pitches
starts a new paragraph."""
SHORT_SHARE = 0.8
"""A line narrower than this share of a full line ends its paragraph."""
MIN_FULL_SHARE = 0.6
"""A full line spans at least this share of the page's text width (so a
page of only short lines still has short lines)."""

_CONTROL = re.compile(r"[\x00-\x01\x03-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_INLINE_SPEAKER = re.compile(r"^[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}:\s")
_SENTENCE_END = re.compile(r"[.?!;,:\"\u201d)\]]$")
_SOFT_HYPHEN = "\x02"
"""PDFium marks a word hyphenated at the end of a line with U+0002."""


@dataclass(slots=True)
class PdfLine:
    text: str
    left: float
    top: float
    """Distance from the top of the page to the top of the line (points)."""
    bottom: float
    right: float
    """Where the line's last character ends."""


@dataclass(slots=True)
class PdfPage:
    lines: list[PdfLine]
    width: float = 612.0
    height: float = 792.0


def clean(text: str) -> str:
    """One line's text with runs of white space made one space and control
    characters (never meant to be shown; some would drive a terminal)
    removed; a hyphenation mark is kept only where it means one, at the end."""
    hyphenated = text.rstrip().endswith(_SOFT_HYPHEN)
    text = " ".join(_CONTROL.sub("", text).replace(_SOFT_HYPHEN, "").split())
    return text + _SOFT_HYPHEN if hyphenated and text else text


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _edges(page: PdfPage) -> tuple[list[int], list[int]]:
    """The lines at the top and at the bottom of the page: up to
    ``EDGE_LINES`` each, and never more than a quarter of a short page."""
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    n = min(EDGE_LINES, max(1, len(order) // 4))
    return order[:n], order[n:][-n:]


def furniture(pages: list[PdfPage]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(page, line) positions of running headers and of footers (with
    page numbers) to drop."""
    edge_pages: dict[str, set[int]] = {}
    where: list[tuple[list[int], list[int]]] = []
    for p, page in enumerate(pages):
        top, bottom = _edges(page)
        where.append((top, bottom))
        for i in {*top, *bottom}:
            edge_pages.setdefault(_key(page.lines[i].text), set()).add(p)
    body_keys = set()
    for p, page in enumerate(pages):
        edge = {*where[p][0], *where[p][1]}
        body_keys.update(_key(ln.text) for i, ln in enumerate(page.lines) if i not in edge)
    needed = max(2, math.ceil(RECUR_SHARE * len(pages)))
    headers: set[tuple[int, int]] = set()
    footers: set[tuple[int, int]] = set()
    for p, page in enumerate(pages):
        for band, out in ((where[p][0], headers), (where[p][1], footers)):
            for i in band:
                text = page.lines[i].text
                key = _key(text)
                if _PAGE_NUMBER.match(text):
                    footers.add((p, i))  # a page number is dropped wherever it sits
                elif len(edge_pages[key]) >= needed and key not in body_keys:
                    out.add((p, i))
    return headers, footers


def _pitch(pages: list[PdfPage]) -> float:
    """The usual step from one line to the next within a paragraph: the
    lower quartile of all steps, since paragraph gaps only make steps longer."""
    steps = sorted(b.top - a.top for page in pages for a, b in zip(page.lines, page.lines[1:])
                   if 0 < b.top - a.top)
    return steps[len(steps) // 4] if steps else 0.0


def _full_width(pages: list[PdfPage], lines: list[PdfLine]) -> float:
    """The width (points) of a full line: the 90th percentile, since most
    lines of speech run to the margin, and at least a good part of the
    page's text width."""
    widths = sorted(ln.right - ln.left for ln in lines)
    if not widths:
        return 0.0
    left = min(ln.left for ln in lines)
    page_text = min(p.width for p in pages) - 2 * max(left, 0.0)
    return max(widths[int(len(widths) * 0.9)], MIN_FULL_SHARE * page_text)


def _looks_like_speaker(prev: str, line: PdfLine, short: float) -> bool:
    """A short line after a finished sentence, itself unfinished and
    capitalised (``Jane Roe - CFO``, ``Operator``), or ``Name: speech``."""
    if _INLINE_SPEAKER.match(line.text):
        return True
    return (line.right - line.left < short and bool(_SENTENCE_END.search(prev))
            and line.text[:1].isupper() and not _SENTENCE_END.search(line.text))


def compose(pages: list[PdfPage]) -> str:
    """The text of the transcript on ``pages``: furniture dropped, wrapped
    lines joined, one paragraph or speaker line a line."""
    for page in pages:
        page.lines = [ln for ln in (PdfLine(clean(ln.text), ln.left, ln.top, ln.bottom, ln.right)
                                    for ln in page.lines) if ln.text.strip(_SOFT_HYPHEN)]
    headers, footers = furniture(pages)
    title: list[str] = []
    flow: list[tuple[int, PdfLine]] = []
    for p, page in enumerate(pages):
        for i, ln in enumerate(page.lines):
            if (p, i) in footers:
                continue
            if (p, i) in headers:
                if p == 0:  # the first page's own header, kept once as the heading
                    title.append(ln.text.rstrip(_SOFT_HYPHEN))
                continue
            flow.append((p, ln))
    pitch = _pitch(pages)
    short = _full_width(pages, [ln for _, ln in flow]) * SHORT_SHARE
    paragraphs: list[str] = []
    current = ""
    for k, (p, ln) in enumerate(flow):
        text = ln.text
        if current:
            prev_page, prev = flow[k - 1]
            gap = pitch and prev_page == p and ln.top - prev.top > GAP_FACTOR * pitch
            indented = prev_page == p and ln.left - prev.left > 12
            stripped = current.rstrip(_SOFT_HYPHEN)
            if current.endswith(_SOFT_HYPHEN) and not gap:
                current = stripped + text
            elif gap or indented or prev.right - prev.left < short or _looks_like_speaker(stripped, ln, short):
                paragraphs.append(stripped)
                current = text
            else:
                current = f"{current} {text}"
        else:
            current = text
    if current:
        paragraphs.append(current.rstrip(_SOFT_HYPHEN))
    return "\n".join(title + paragraphs) + "\n" if (title or paragraphs) else ""
