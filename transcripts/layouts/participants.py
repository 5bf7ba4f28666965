"""Lists of who is on the call: entries that lend titles and firms.

A list is printed before the remarks (``Corporate Participants``), at the
very end (``Call participants:``) or, in newer pages, as ``Role — Name``.
Its entries are never turns; they are kept as notices and give their titles
and firms to the speakers they name.
"""

from __future__ import annotations

import html
import re

from transcripts.names import looks_like_name, name_key, strip_marks
from transcripts.speaker_lines import SpeakerLine, parse_speaker_line, title_says_role

MAX_HEADING_WORDS = 7
"""A line between the entries of a participants list is a heading
("Corporate Participants"), never a sentence of speech."""

_RESEARCH = re.compile(r",\s+(?:Research Division|Research Arm)$", re.I)


def list_kind(banner: str) -> str | None:
    """``analyst`` for the list of the analysts on the call."""
    low = banner.casefold()
    if "conference" in low or "analyst" in low:
        return "analyst"
    return None


def is_heading(content: str) -> bool:
    return content[-1] not in ".?!" and len(content.split()) <= MAX_HEADING_WORDS


def as_listed(entry: SpeakerLine, kind: str | None) -> SpeakerLine:
    """In the analysts' list, ``Sarah Friar - Goldman Sachs`` names a firm."""
    if kind == "analyst" and entry.title and not entry.firm and not title_says_role(entry.title):
        return SpeakerLine(entry.name, "Analyst", entry.title, True)
    return entry


def clean(text: str) -> str:
    """Speaker fields as a person would write them (``&amp;`` -> ``&``)."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def affiliation(name: str, line: str) -> SpeakerLine:
    """``Acme Corp - CFO`` or ``Big Bank, Research Division - Analyst`` under
    (or after) a name: the firm and the title. Without a dash the line is a
    title (``CEO, President & Director``) or, failing a role word, a firm
    (``Melius Research LLC``)."""
    line = clean(line)
    firm = title = None
    if " - " in line:
        firm, _, title = line.partition(" - ")
        firm, title = firm.strip() or None, title.strip() or None
    elif title_says_role(line):
        title = line
    else:
        firm, title = line, "Analyst"
    if firm:
        firm = _RESEARCH.sub("", firm).strip(" ,") or firm
    return SpeakerLine(clean(strip_marks(name)), title, firm, True)


def add(participants: dict[str, SpeakerLine], entry: SpeakerLine) -> None:
    participants.setdefault(name_key(entry.name), entry)


_ROLE_NAME = re.compile(r"^(?P<role>[^—–]{2,200}?)\s+(?:—|–|--?)\s+(?P<name>[^—–]{2,80})$")


def role_name_entry(content: str) -> SpeakerLine | None:
    """``Chief Executive Officer — Tim Cook`` (newer Motley Fool pages), and
    ``Analyst — Jane Roe, Big Bank``."""
    m = _ROLE_NAME.match(content)
    if not m:
        return None
    role, who = m["role"].strip(), m["name"].strip()
    firm = None
    if "," in who:
        who, _, firm = who.partition(",")
        who, firm = who.strip(), firm.strip() or None
    if not title_says_role(role) or not looks_like_name(who, min_tokens=1, max_tokens=6):
        return None
    return SpeakerLine(strip_marks(who), role, firm, True)


def entry(content: str, kind: str | None) -> SpeakerLine | None:
    """One list line (``Jane Doe -- CFO``, ``Sarah Friar - Goldman Sachs``)."""
    sp = parse_speaker_line(content) if len(content) <= 120 else None
    if sp is None and " - " in content and len(content) <= 240:
        # a title too long for a speaker line of speech ("Executive Vice
        # President of Global Finance, ... and Chief Financial Officer")
        name, _, title = content.partition(" - ")
        if looks_like_name(name.strip(), min_tokens=2, max_tokens=6) and title_says_role(title) \
                and not title.rstrip().endswith((".", "?", "!")):
            sp = SpeakerLine(strip_marks(name.strip()), clean(title), None, True)
    if sp is None or not sp.explicit or sp.title is None and sp.firm is None:
        return None
    return as_listed(sp, kind)
