"""Refinitiv (and Thomson Reuters) StreetEvents transcripts exported as PDF
and run through a text extractor.

Each turn starts with a line holding only a space, then the speaker's full
name, then their affiliation (``Acme Corp - CFO``, ``Big Bank, Research
Division - Analyst``); ``Operator`` has no affiliation. The speech is
hard-wrapped at about 90 columns, so wrapped lines are joined into
paragraphs. Page headers and footers (the vendor's name and address, the
copyright line, the running title with the date, page numbers) are not
speech: they are kept once as notices.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transcripts.layouts import participants as plist
from transcripts.layouts.base import HEAD_WINDOW, Line, Reading, is_name_line, split_lines
from transcripts.layouts.walk import walk, wrap_threshold
from transcripts.names import name_key
from transcripts.speaker_lines import SpeakerLine, banner_of, parse_speaker_line

NAME = "refinitiv"
_TRIPLE = re.compile(r"\n[ \t\f]+\n[ \t]*[A-Z][^\n]{1,60}\n[ \t]*[^\n]{2,120} - [^\n]{1,200}\n")
"""A line holding only white space, a name, an affiliation (found from the
newline, so that scoring stays cheap)."""
_VENDOR_WORDS = ("refinitiv", "thomson reuters", "streetevents", "www.", "contact us", "©", "copyright",
                 "all rights reserved", "republication or redistribution", "registered trademark")
_PAGE = re.compile(r"(?:page )?\d{1,4}(?: of \d{1,4})?$", re.I)
_RUNNING_DATE = re.compile(r"[A-Z]{3,9}\.? \d{1,2}, \d{4} / \d{1,2}:\d{2}\s?[AP]M\b")
"""The running header: ``JULY 30, 2020 / 9:00PM, AAPL.OQ - Q3 2020 ...``."""


_VENDOR_ANY_CASE = re.compile("|".join(re.escape(w) for w in _VENDOR_WORDS), re.I)


def _vendor_words_at(text: str) -> list[int]:
    """Where the vendor's words stand: one fast substring search per word
    (a pattern of alternatives would try every one at every character)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would shift
        return [m.start() for m in _VENDOR_ANY_CASE.finditer(text)]
    out = []
    for word in _VENDOR_WORDS:
        at = low.find(word)
        while at >= 0:
            out.append(at)
            at = low.find(word, at + len(word))
    return out
_DIGIT = re.compile(r"\d")
_PAIR = re.compile(r"\n[A-Z][^\n -]{1,30}(?: [^\n -]{1,30}){1,5}\n[^\n]{2,120} - [^\n]{1,200}(?=\n)")
"""A name line over an affiliation line."""
_AFFILIATION = re.compile(r"^[^\n]{2,120} - [^\n]{1,200}$")
_CLOSING = re.compile(r"^(?:disclaimer|definitions)$", re.I)
_REPEATS = 3
"""A line seen this many times that is not a speaker line is a running
page header or footer."""


def _after_space_line(text: str, ln: Line) -> bool:
    """Whether the raw line just before ``ln`` holds only white space (the
    extractor's mark of a new turn), as opposed to being empty."""
    j = ln.line_start - 1
    if j <= 0 or text[j - 1] not in " \t\f\xa0":
        return False
    k = text.rfind("\n", 0, j)
    raw = text[k + 1 : j]
    return raw != "" and not raw.strip()


def _is_name(content: str) -> bool:
    if parse_speaker_line(content) is not None and len(content.split()) <= 3 and content.split()[0] in (
        "Operator", "Unidentified", "Unknown",
    ):
        return True
    return is_name_line(content, min_tokens=2)


def _special(content: str) -> SpeakerLine | None:
    """``Operator``, ``Unidentified Analyst``: named without affiliation."""
    sp = parse_speaker_line(content)
    if sp is not None and sp.explicit and sp.title is None and sp.firm is None:
        return sp
    return None


class RefinitivLayout:
    name = NAME

    def score(self, text: str) -> float:
        head = text[:HEAD_WINDOW]
        top = head[:300].casefold()  # the vendor's header, not a mention in speech
        vendor = "refinitiv" in top or "streetevents" in top
        if "\n \n" not in head and "\n\f" not in head:
            # an extractor that left no space lines: the vendor's header and
            # name lines over "Company - Title" lines must do
            if not vendor or "=" * 10 in head or "-" * 10 in head:
                return 0.0
            return 0.6 if len(_PAIR.findall(head)) >= 3 else 0.0
        triples = len(_TRIPLE.findall(head))
        if triples >= 2:
            return min(0.95, 0.8 + 0.02 * triples + (0.1 if vendor else 0.0))
        if vendor and triples == 1:
            return 0.6
        return 0.0

    def read(self, text: str, path: str) -> Reading:
        lines = split_lines(text)
        reading = Reading(NAME, 0.9)
        self._heads(text, lines)
        self._furniture(text, lines)
        self._sections(text, lines, reading)
        return walk(text, lines, reading, wrap_threshold(lines))

    def _heads(self, text: str, lines: list[Line]) -> None:
        """Name lines after a space line, with the affiliation under them;
        then name lines with an affiliation of a company already seen."""
        n = len(lines)
        firms: set[str] = set()
        for i, ln in enumerate(lines):
            content = text[ln.start : ln.end]
            if not _after_space_line(text, ln) or len(content) > 60:
                continue
            special = _special(content)
            nxt = text[lines[i + 1].start : lines[i + 1].end] if i + 1 < n else ""
            if special is not None:
                ln.kind, ln.speaker = "speaker", special
            elif _is_name(content) and _AFFILIATION.match(nxt):
                ln.kind, ln.speaker = "speaker", plist.affiliation(content, nxt)
                ln.head_end = lines[i + 1].end
                lines[i + 1].kind = "head"
                firms.add(nxt.partition(" - ")[0].strip())
        if not firms:
            firms = self._recurring_firms(text, lines)
        if not firms:
            return
        # (before the first section banner, such pairs are the participants list)
        opening = next((i for i, ln in enumerate(lines) if ln.kind == "text" and len(ln_text := text[ln.start : ln.end]) <= 60
                        and banner_of(ln_text) in ("prepared", "qa")), 0)
        for i, ln in enumerate(lines[:-1]):
            if ln.kind != "text" or i < opening:
                continue
            nxt = lines[i + 1]
            if ln.end - ln.start > 60 or nxt.kind != "text":
                continue
            content, affiliation = text[ln.start : ln.end], text[nxt.start : nxt.end]
            if ln.end - ln.start <= 30 and content.split()[0] in ("Operator", "Unidentified"):
                special = _special(content)
                if special is not None:
                    ln.kind, ln.speaker = "speaker", special
                    continue
            if " - " in affiliation and affiliation.partition(" - ")[0].strip() in firms \
                    and _AFFILIATION.match(affiliation) and _is_name(content):
                ln.kind, ln.speaker = "speaker", plist.affiliation(content, affiliation)
                ln.head_end = nxt.end
                nxt.kind = "head"

    @staticmethod
    def _recurring_firms(text: str, lines: list[Line]) -> set[str]:
        """Without space lines: the companies of ``Company - Title`` lines
        under name lines, seen at least twice (the executives' company), and
        the analysts' firms (``..., Research Division - Analyst``)."""
        seen: dict[str, int] = {}
        for i, ln in enumerate(lines[:-1]):
            if ln.end - ln.start > 60:
                continue
            nxt = lines[i + 1]
            affiliation = text[nxt.start : nxt.end]
            if " - " in affiliation and _AFFILIATION.match(affiliation) and _is_name(text[ln.start : ln.end]):
                firm = affiliation.partition(" - ")[0].strip()
                seen[firm] = seen.get(firm, 0) + (2 if "research division" in firm.lower() else 1)
        return {firm for firm, n in seen.items() if n >= 2}

    def _furniture(self, text: str, lines: list[Line]) -> None:
        # the vendor's words found in one pass over the text, then their lines
        starts = [ln.start for ln in lines]
        vendor: set[int] = set()
        for at in _vendor_words_at(text):
            i = bisect_right(starts, at) - 1
            if i >= 0 and at < lines[i].end:
                vendor.add(i)
        counts: dict[str, int] = {}
        for ln in lines:
            if ln.kind == "text":
                content = text[ln.start : ln.end]
                counts[content] = counts.get(content, 0) + 1
        for i, ln in enumerate(lines):
            if ln.kind != "text":
                continue
            content = text[ln.start : ln.end]
            if (i in vendor and len(content) <= 200) or _PAGE.match(content) or _RUNNING_DATE.match(content):
                ln.kind = "furniture"
            elif counts[content] >= _REPEATS and len(content) >= 15 and (
                _DIGIT.search(content) or sum(map(str.isupper, content)) > len(content) // 3
            ):
                ln.kind = "furniture"

    def _sections(self, text: str, lines: list[Line], reading: Reading) -> None:
        """Banners, the participants lists (notices that lend titles and
        firms) and the closing disclaimer."""
        known = {name_key(ln.speaker.name): ln.speaker.name for ln in lines if ln.kind == "speaker"}
        in_list, kind = False, None
        closed = False
        prev: str | None = None
        for ln in lines:
            content = text[ln.start : ln.end]
            if closed:
                if ln.kind != "furniture":
                    ln.kind = "notice"
                continue
            if ln.kind not in ("text", "furniture"):
                in_list = in_list and ln.kind != "speaker"
                continue
            section = banner_of(content) if len(content) <= 60 else None
            if section == "participants":
                in_list, kind = True, plist.list_kind(content)
                ln.kind = "skip"
                continue
            if section is not None:
                in_list = False
                ln.kind, ln.banner = "banner", section
                continue
            if _CLOSING.match(content):
                closed = True
                ln.kind = "notice"
                continue
            if in_list and ln.kind == "text":
                ln.kind = "notice"
                entry = self._entry(content, prev, known)
                if entry is not None:
                    plist.add(reading.participants, plist.as_listed(entry, kind))
                prev = None if entry is not None else content
        return None

    @staticmethod
    def _entry(content: str, prev: str | None, known: dict[str, str]) -> SpeakerLine | None:
        """``Jane Roe Acme Corp - CFO`` on one line (the name found among the
        speakers), or ``Acme Corp - CFO`` under a ``Jane Roe`` line."""
        if not _AFFILIATION.match(content):
            return None
        if prev is not None and _is_name(prev):
            return plist.affiliation(prev, content)
        words = content.split()
        for k in range(min(7, len(words) - 1), 1, -1):
            name = " ".join(words[:k])
            if name_key(name) in known:
                return plist.affiliation(known[name_key(name)], " ".join(words[k:]))
        return None
