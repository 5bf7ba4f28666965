"""Motley Fool transcript pages, 2019 to 2025.

Speaker lines are ``Name -- Title`` and ``Name -- Firm -- Analyst`` (from
2023 written without spaces: ``Name--Title``), under ``Prepared Remarks:``
and ``Questions and Answers:`` (``Questions & Answers:``) banners. After
the call come a ``Duration: 62 minutes`` line, the ``Call participants:``
list and the page's footer (recommendations, disclosures, "Stocks
Mentioned"): all notices, and the list lends titles and firms.

The call itself is read by the generic reader, which already knows these
speaker lines; this module finds where the call ends.
"""

from __future__ import annotations

import re

from transcripts.layouts import boilerplate
from transcripts.layouts import participants as plist
from transcripts.layouts.base import HEAD_WINDOW, TAIL_WINDOW, Reading, split_lines
from transcripts.layouts.generic import read_generic
from transcripts.names import looks_like_name
from transcripts.speaker_lines import SpeakerLine, title_says_role

NAME_2019 = "motley_fool_2019"
NAME_2023 = "motley_fool_2023"
_SPACED = re.compile(r"^[A-Z][^\n]{1,60}? -- [^\n]{1,100}$", re.M)
_GLUED = re.compile(r"^[A-Z][^\n]{1,60}?\S--\S[^\n]{1,100}$", re.M)
_MARKERS = ("prepared remarks:", "questions and answers:", "questions & answers:", "call participants:",
            "duration:", "motley fool")


class MotleyFoolLayout:
    name = NAME_2019

    def score(self, text: str) -> float:
        head = text[:HEAD_WINDOW]
        if head.count("--") < 2:
            return 0.0
        ends = (head + text[-TAIL_WINDOW:]).lower()
        markers = sum(m in ends for m in _MARKERS)
        if markers < 2:
            return 0.0
        heads = len(_SPACED.findall(head)) + len(_GLUED.findall(head))
        if heads < 2:
            return 0.0
        return min(0.9, 0.7 + 0.05 * markers)

    def read(self, text: str, path: str) -> Reading:
        glued = len(_GLUED.findall(text, 0, 300_000)) > len(_SPACED.findall(text, 0, 300_000))
        name = NAME_2023 if glued else NAME_2019
        end = call_end(text)
        reading = read_generic(text, path, 0, end, name=name, hint=long_dash_line)
        reading.confidence = 0.9 if len(reading.turns) > 1 else 0.2
        for ln in split_lines(text, end) if end < len(text) else []:
            content = text[ln.start : ln.end]
            reading.notices.append(content)
            entry = plist.entry(content, None)
            if entry is not None:
                plist.add(reading.participants, entry)
        return reading


_DASHES = re.compile(r"\s*--\s*")


def long_dash_line(content: str) -> SpeakerLine | None:
    """``Name -- A Title Too Long For Most Speaker Lines, And Chief
    Financial Officer`` (and ``Name -- Firm -- Analyst``)."""
    if len(content) > 260 or "--" not in content:
        return None
    parts = _DASHES.split(content)
    if len(parts) < 2 or len(parts) > 3 or not all(parts):
        return None
    name, *rest = (p.strip() for p in parts)
    if not looks_like_name(name, min_tokens=2, max_tokens=6) or any(p[-1] in ".?!" for p in rest):
        return None
    if not title_says_role(rest[-1]):
        return None
    firm = rest[0] if len(rest) == 2 else None
    return SpeakerLine(name, rest[-1], firm, True)


def call_end(text: str) -> int:
    """Where what was said ends: the line start of the first closing line
    (``Duration:``, ``Call participants:``, the footer) after the first
    speaker line, or the end of the text."""
    lines = split_lines(text)
    from transcripts.speaker_lines import classify_content

    spoken = False
    for ln in lines:
        content = text[ln.start : ln.end]
        if not spoken:
            spoken = classify_content(content)[0] == "speaker" if len(content) <= 120 else False
            continue
        if boilerplate.is_closing(content):
            return ln.line_start
    return len(text)
