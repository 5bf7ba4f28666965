"""What one line of a transcript is: a speaker line, a section banner,
decoration, or speech.

Speaker lines come in a family of layouts::

    Operator                                   (also "Operator:", "Operator   [1]")
    Stratton Sclavos - Chairman and CEO        (the samples)
    Jane Doe -- Chief Financial Officer        (a common dataset style)
    Sarah Friar, Goldman Sachs - Analyst       (a newswire style)
    Todd Raker - Credit Suisse - Analyst
    Jane Doe, Chief Financial Officer          (only with a title naming a role)
    Jane Doe:                                  (a name and a colon)
    Unidentified Participant
    Steven Gateoff                             (a bare name)
    Jane Doe: Thank you, operator.             (the name and the speech on one line)

A bare name is only a *candidate*: whether it is a speaker depends on the
structure around it, which ``transcripts.parser`` decides. Lines that look
like ``Name - Something`` but read like speech ("Okay - thanks", "Revenue -
up 5%") are not speaker lines unless the part after the dash names a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transcripts.names import (
    NOT_NAME_WORDS,
    SUFFIXES,
    looks_like_bare_name,
    looks_like_name,
    strip_marks,
)

_SEPARATOR = re.compile(r"\s+(?:-{1,2}|–|—)\s+|\s*(?:--|–|—)\s*")
_OPERATOR = re.compile(
    r"^(?:the\s+)?(?:conference\s+)?(?:operator|moderator|coordinator)\s*(?::|-{1,2}|–|—)?$", re.I
)
"""Also ``Operator --`` (the ``Name -- Title`` layout with no title)."""
_UNIDENTIFIED = re.compile(
    r"^(?:an?\s+)?(?:unidentified|unknown|unnamed)\s+(?:company\s+)?"
    r"(?:participant|speaker|analyst|representative|executive|caller|audience member|"
    r"male|female|person|corporate participant)(?:\s+speaker)?\s*:?$",
    re.I,
)
_REF_MARK = re.compile(r"\s*[\[(](?:\d{1,3}|\d{1,2}:\d\d(?::\d\d)?)[\])]$")
"""A numbered reference or a time stamp after a speaker line (``Operator
[1]``, ``Jane Doe - CFO [00:12:34]``), as some transcript services print
them."""
_EMPHASIS = "*_"
"""Markdown emphasis around a speaker line (``**Jane Doe - CFO**``)."""
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
    "participants": re.compile(
        r"^(?:(?:corporate|company|conference[\s-]+call|call|executive|analyst|other)\s+)?participants$"
        r"|^(?:executives|analysts)$",
        re.I,
    ),
}
"""``participants`` is not a section of the call: it heads the list of who is
on the call (before the remarks, or at the very end), whose speaker lines are
not turns."""
_DECORATION = re.compile(r"^[\s=\-_*#~.]{3,}$")
_TITLE_BAD = re.compile(r"[?!]|\.\s|\.$")
_ANALYST = re.compile(r"\banalyst\b", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:analyst|ceo|cfo|coo|cto|cio|cmo|evp|svp|vp|chief|president|chairman|chairwoman|chair|"
    r"director|officer|treasurer|controller|founder|head|secretary|counsel|manager|vice|"
    r"executive|investor relations|ir|finance|partner|principal|participant|shareholder|"
    r"investor|host|moderator|representative|member|strategist|economist|associate)\b",
    re.I,
)
MAX_SPEAKER_LINE = 120


@dataclass(slots=True, frozen=True)
class SpeakerLine:
    name: str
    title: str | None
    firm: str | None
    explicit: bool
    """True when the layout itself says this is a speaker (a title, a firm,
    ``Operator``); False for a bare name, which needs structural evidence."""


def banner_of(content: str) -> str | None:
    """``prepared``, ``qa`` or ``participants`` when the line is a banner."""
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
    if len(content) > MAX_SPEAKER_LINE:
        return None
    if content.endswith(("]", ")")):
        content = _REF_MARK.sub("", content)
    if content[:1] in ("*", "_"):
        content = content.strip(_EMPHASIS).strip()
        if not content:
            return None
    if _OPERATOR.match(content):
        return SpeakerLine("Operator", None, None, True)
    if _UNIDENTIFIED.match(content):
        return SpeakerLine(" ".join(content.rstrip(":").split()), None, None, True)
    if content.endswith(":"):
        head = content[:-1].strip()
        if looks_like_bare_name(head):
            return SpeakerLine(strip_marks(head), None, None, True)
        if _SEPARATOR.search(head):
            return parse_speaker_line(head)
        return None
    parts = _SEPARATOR.split(content)
    if len(parts) >= 2:
        return _separated(parts)
    if "," in content:
        return _comma_title(content)
    if looks_like_bare_name(content):
        return SpeakerLine(strip_marks(content), None, None, False)
    return None


def _separated(parts: list[str]) -> SpeakerLine | None:
    """``Name - Title``, ``Name -- Title``, ``Name, Firm - Role``,
    ``Name - Firm - Role``."""
    left, rest = parts[0].strip(), [p.strip() for p in parts[1:]]
    if not all(rest) or any(_TITLE_BAD.search(p) and not _is_dotted_ok(p) for p in rest):
        return None
    firm = None
    name = left
    if "," in left:
        head, _, tail = left.partition(",")
        tail = tail.strip()
        if tail.casefold() in SUFFIXES:  # "John Smith, Jr."
            name = f"{head.strip()} {tail}"
        else:
            name, firm = head.strip(), tail or None
    if not looks_like_name(name, min_tokens=1, max_tokens=6):
        return None
    if len(rest) >= 2:
        firm = firm or " - ".join(rest[:-1])
        title = rest[-1]
    else:
        title = rest[0]
    if len(title) > 80 or len(title.split()) > 12:
        return None
    if not _ROLE_WORDS.search(" ".join(rest)):
        # Without a word that names a role, the line has to look much more
        # like "Person - Something" than like speech ("Okay - thanks",
        # "Revenue - up 5%", "Good Morning - Everyone").
        words = {w.strip(".").casefold() for w in strip_marks(name).split()}
        if len(words) < 2 or words & NOT_NAME_WORDS or not title[0].isupper():
            return None
    return SpeakerLine(strip_marks(name), _clean_title(title), firm, True)


def _comma_title(content: str) -> SpeakerLine | None:
    """``Jane Doe, Chief Financial Officer``: only with a title that names a
    role, so that "Thanks, Gene" or "Okay, Great" stay speech."""
    name, _, title = content.partition(",")
    name, title = name.strip(), title.strip()
    if not title or _TITLE_BAD.search(title) and not _is_dotted_ok(title):
        return None
    if len(title.split()) > 8 or not _ROLE_WORDS.search(title):
        return None
    if not looks_like_bare_name(name):
        return None
    return SpeakerLine(strip_marks(name), _clean_title(title), None, True)


INLINE_MAX_PREFIX = 80


@lru_cache(maxsize=16384)
def _inline_prefix(prefix: str) -> SpeakerLine | None:
    prefix = prefix.strip()
    if not prefix or prefix[-1] in ".?!,;":
        return None
    sp = parse_speaker_line(prefix)
    if sp is None and looks_like_bare_name(prefix):
        sp = SpeakerLine(strip_marks(prefix), None, None, False)
    return sp


def inline_speaker(content: str) -> tuple[SpeakerLine, int] | None:
    """``Operator: Good day, everyone.`` or ``Jane Doe - CFO: Thank you.``:
    the speaker and the index in ``content`` where the speech starts. A bare
    name before the colon is only a candidate (``Bottom Line: we grew``)."""
    colon = content.find(":", 1, INLINE_MAX_PREFIX)
    after = colon + 1
    while 0 < after < len(content) and content[after] in _EMPHASIS:  # "**Jane Doe:** Thanks"
        after += 1
    if colon < 0 or after >= len(content) or not content[after].isspace():
        return None
    sp = _inline_prefix(content[:colon].strip(_EMPHASIS))
    if sp is None:
        return None
    return sp, after


@lru_cache(maxsize=16384)
def classify_content(content: str) -> tuple[str, str | None, SpeakerLine | None]:
    """``(kind, section, speaker_line)`` for one stripped line: kind is
    ``banner`` (with its section), ``decoration``, ``speaker`` (explicit),
    ``candidate`` (a bare name) or ``text``.

    Cached: speaker lines repeat dozens of times in a call and across the
    calls of a company, and long lines are rejected before any pattern runs.
    """
    if len(content) > MAX_SPEAKER_LINE:
        return ("decoration", None, None) if is_decoration(content) else ("text", None, None)
    if "\t" in content:
        content = " ".join(content.split())
    section = banner_of(content)
    if section:
        return "banner", section, None
    if is_decoration(content):
        return "decoration", None, None
    sp = parse_speaker_line(content)
    if sp is None:
        return "text", None, None
    return ("speaker" if sp.explicit else "candidate"), None, sp


def _is_dotted_ok(text: str) -> bool:
    """Titles and firms may hold initialisms (``S.G. Cowen``, ``Sr. VP``)."""
    stripped = re.sub(r"\b(?:[A-Za-z]\.){1,}|\b(?:Sr|Jr|Inc|Co|Corp|Ltd|Mgr|Dir|Vice Pres)\.", "", text)
    return not _TITLE_BAD.search(stripped)


def title_says_role(title: str | None) -> bool:
    """Whether a title names a role (``CFO``, ``Analyst``) rather than, say,
    a firm."""
    return bool(title and _ROLE_WORDS.search(title))


def title_says_analyst(title: str | None) -> bool:
    return bool(title and _ANALYST.search(title))
