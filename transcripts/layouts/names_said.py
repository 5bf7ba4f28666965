"""Names said on a call, for voices that came without one.

"I'll turn it over to our CFO, Jane Roe", "Our next question comes from Bob
Smith with UBS", "This is Jane Roe": each gives a name (and maybe a title
or a firm) to the voice that speaks next, or to the one speaking.
"""

from __future__ import annotations

import re

from transcripts.names import NOT_NAME_WORDS

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"[{_UP}](?:[^\W\d_]|['’\-])+"
_NAME = rf"(?P<name>{_WORD}(?:\s+[{_UP}]\.)?(?:\s+(?:de |van |von |Van |De )?{_WORD}){{1,2}})"
_TITLE_WORDS = r"(?:[A-Z][\w&.\-]*|of|and|&|the|for)"
_TITLE = rf"(?P<title>{_TITLE_WORDS}(?:,?\s+{_TITLE_WORDS}){{0,15}})"
_HAND = r"(?:turn(?:ing)?|hand(?:ing)?|pass(?:ing)?)\s+(?:the\s+)?(?:call|it|things|conference|floor|line|this)?\s*(?:back\s+)?over\s+to\s+|over\s+to\s+|introduce\s+"
_HANDED_TITLE_FIRST = re.compile(rf"(?:{_HAND})(?:our|my|the company's)\s+{_TITLE},\s+{_NAME}")
_HANDED_NAME_FIRST = re.compile(
    rf"(?:{_HAND})(?:(?:our|my)\s+)?{_NAME}(?:,\s+(?:our\s+|the\s+)?{_TITLE})?"
)
_QUESTION_FROM = re.compile(
    rf"(?:question|questions)\s+(?:today\s+)?(?:comes|is|will come|come)\s+from\s+(?:the\s+line\s+of\s+)?{_NAME}",
)
_GO_TO = re.compile(rf"(?:go (?:next |first )?to|we have|next is|move on to)\s+{_NAME}")
_OWN = re.compile(rf"\b(?:[Tt]his is|[Mm]y name is|I'm|I am|it's)\s+{_NAME}")


def _ok(name: str) -> bool:
    from transcripts.speaker_lines import title_says_role

    words = {w.strip(".").casefold() for w in name.split()}
    return not (words & NOT_NAME_WORDS) and not title_says_role(name)


def _title_ok(title: str | None) -> str | None:
    if not title:
        return None
    title = re.split(r"\.(?:\s|$)", title)[0].strip()
    from transcripts.speaker_lines import title_says_role

    return title if title_says_role(title) else None


def handed_to(words: str) -> tuple[str, str | None] | None:
    """The name (and title) the speaker hands the call to at the end of
    what they said."""
    tail = words[-400:]
    best = None
    for rx in (_HANDED_TITLE_FIRST, _HANDED_NAME_FIRST):
        for m in rx.finditer(tail):
            if _ok(m["name"]) and (best is None or m.start() > best[0]):
                best = (m.start(), m["name"], _title_ok(m.groupdict().get("title")))
    return (best[1], best[2]) if best else None


def question_from(words: str) -> tuple[str, None, str | None] | None:
    """The analyst the operator announces, and their firm."""
    from transcripts.roles import firm_from_intro

    found = None
    for m in _QUESTION_FROM.finditer(words):
        if _ok(m["name"]):
            found = m["name"]
    if found is None:
        return None
    return found, None, firm_from_intro(words, found)


def introduced(words: str) -> tuple[str] | None:
    found = None
    for m in _GO_TO.finditer(words[-300:]):
        if _ok(m["name"]):
            found = m["name"]
    return (found,) if found else None


def said_own_name(words: str) -> str | None:
    """"This is Jane Roe" near the start of what someone says."""
    m = _OWN.search(words[:200])
    if m and _ok(m["name"]):
        return m["name"]
    return None
