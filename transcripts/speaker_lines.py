"""What one line of a transcript is: a speaker line, a section banner,
decoration, or speech.

Speaker lines come in a family of layouts::

    Operator
    Stratton Sclavos - Chairman and CEO        (the samples)
    Jane Doe -- Chief Financial Officer        (a common dataset style)
    Sarah Friar, Goldman Sachs - Analyst       (a newswire style)
    Todd Raker - Credit Suisse - Analyst
    Steven Gateoff                             (a bare name)

A bare name is only a *candidate*: whether it is a speaker depends on the
structure around it, which ``transcripts.parser`` decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transcripts.names import looks_like_bare_name, looks_like_name, strip_marks

_SEPARATOR = re.compile(r"\s+(?:-{1,2}|–|—)\s+|\s*(?:--|–|—)\s*")
_OPERATOR = re.compile(r"^(?:the\s+)?(?:conference\s+)?(?:operator|moderator|coordinator)\s*:?$", re.I)
_BANNERS = {
    "prepared": re.compile(
        r"^(?:presentation|prepared remarks|management discussion(?: section)?|"
        r"opening remarks|management remarks)$",
        re.I,
    ),
    "qa": re.compile(
        r"^(?:questions?\s*(?:and|&)\s*answers?(?: session)?|question-and-answer(?: session)?|"
        r"q\s*&\s*a(?: session)?|q and a)$",
        re.I,
    ),
}
_DECORATION = re.compile(r"^[\s=\-_*#~.]{3,}$")
_TITLE_BAD = re.compile(r"[?!]|\.\s|\.$")
_ANALYST = re.compile(r"\banalyst\b", re.I)


@dataclass(slots=True, frozen=True)
class SpeakerLine:
    name: str
    title: str | None
    firm: str | None
    explicit: bool
    """True when the layout itself says this is a speaker (a title, a firm,
    ``Operator``); False for a bare name, which needs structural evidence."""


def banner_of(content: str) -> str | None:
    """``prepared`` or ``qa`` when the line is a section banner."""
    core = content.strip(" \t=-_*#:[]").strip()
    if len(core) > 40:
        return None
    for section, rx in _BANNERS.items():
        if rx.match(core):
            return section
    return None


def is_decoration(content: str) -> bool:
    return bool(_DECORATION.match(content))


def _clean_title(title: str) -> str | None:
    title = " ".join(title.split()).strip(" ,;:")
    return title or None


def parse_speaker_line(content: str) -> SpeakerLine | None:
    """Read ``content`` (a stripped line) as a speaker line, or None."""
    if len(content) > 120:
        return None
    if _OPERATOR.match(content):
        return SpeakerLine("Operator", None, None, True)
    if content.endswith(":") and looks_like_name(content[:-1].strip()):
        return SpeakerLine(strip_marks(content[:-1]), None, None, True)
    parts = _SEPARATOR.split(content)
    if len(parts) >= 2:
        left, rest = parts[0].strip(), [p.strip() for p in parts[1:]]
        if not all(rest) or any(_TITLE_BAD.search(p) and not _is_dotted_ok(p) for p in rest):
            return None
        firm = None
        if "," in left:
            name, _, firm = left.partition(",")
            name, firm = name.strip(), firm.strip() or None
        else:
            name = left
        if not looks_like_name(name, min_tokens=1, max_tokens=6):
            return None
        if len(rest) >= 2:
            # Name - Firm - Role
            firm = firm or " - ".join(rest[:-1])
            title = rest[-1]
        else:
            title = rest[0]
        if len(title) > 80 or len(title.split()) > 12:
            return None
        return SpeakerLine(strip_marks(name), _clean_title(title), firm, True)
    if looks_like_bare_name(content):
        return SpeakerLine(strip_marks(content), None, None, False)
    return None


def _is_dotted_ok(text: str) -> bool:
    """Titles and firms may hold initialisms (``S.G. Cowen``, ``Sr. VP``)."""
    stripped = re.sub(r"\b(?:[A-Za-z]\.){1,}|\b(?:Sr|Jr|Inc|Co|Corp|Ltd|Mgr|Dir|Vice Pres)\.", "", text)
    return not _TITLE_BAD.search(stripped)


def title_says_analyst(title: str | None) -> bool:
    return bool(title and _ANALYST.search(title))
