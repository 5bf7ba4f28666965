"""Seeking Alpha transcript pages, as text.

Paragraphs are separated by blank lines. A turn opens with a block holding
the speaker's name and, on newer pages, a title or firm line under it
(``CEO, President & Director``, ``Melius Research LLC``); older pages give
the bare name only. The lists of ``Company Participants`` and ``Conference
Call Participants`` at the top lend titles and firms.

The title line belongs to the speaker, not to the speech, and a short
title or firm line is never a speaker of its own.
"""

from __future__ import annotations

import re

from transcripts.layouts import boilerplate
from transcripts.layouts import participants as plist
from transcripts.layouts.base import HEAD_WINDOW, Line, Reading, is_name_line, split_lines
from transcripts.layouts.generic import announced
from transcripts.layouts.walk import walk
from transcripts.names import fold, name_key, strip_marks
from transcripts.speaker_lines import SpeakerLine, banner_of, parse_speaker_line, title_says_role

NAME = "seeking_alpha"
_SENTENCE_END = re.compile(r"[.?!]['\"”’)]*$")
_ABBREVIATED_END = re.compile(r"\b(?:Inc|Co|Corp|Ltd|L\.P|LLC|N\.A|S\.A|Jr|Sr|plc)\.$", re.I)
_FIRM_WORDS = re.compile(
    r"\b(?:LLC|LLP|Inc|Corp|Co|Ltd|plc|AG|SA|N\.A|Securities|Capital|Partners|Research|Bank|Group|Markets|"
    r"Advisors|Advisers|Management|Investments?|Equities|Asset|Associates|Holdings|Company|&)\b",
)
_BLOCK_NAME = re.compile(r"^[A-Z][^\n]{1,60}$")
_TITLED_BLOCK = re.compile(r"\n\n([A-Z][^\n]{1,50})\n([A-Z][^\n]{1,100})\n\n")


def _is_title_line(content: str) -> bool:
    """A title or firm: short, capitalised, not a sentence."""
    words = len(content.split())
    if len(content) > 160 or words > 22 or words > 12 and not title_says_role(content) or not content[0].isupper():
        return False
    if _SENTENCE_END.search(content) and not _ABBREVIATED_END.search(content):
        return False
    return ":" not in content and banner_of(content) is None


def _firm_or_title(content: str) -> bool:
    return title_says_role(content) or bool(_FIRM_WORDS.search(content))


def _name_of(content: str) -> SpeakerLine | None:
    """A block's first line as a name: ``Operator``, ``Jane Roe``."""
    if len(content) > 60 or not _BLOCK_NAME.match(content):
        return None
    sp = parse_speaker_line(content)
    if sp is not None and sp.explicit and sp.title is None and sp.firm is None:
        return sp  # Operator, Unidentified Analyst, "Jane Doe:"
    if not is_name_line(content):
        return None
    return SpeakerLine(strip_marks(content), None, None, False)


class SeekingAlphaLayout:
    name = NAME

    def score(self, text: str) -> float:
        head = text[:HEAD_WINDOW // 2]
        lists = ("Company Participants" in head) + ("Conference Call Participants" in head)
        blocks = head.count("\n\n")
        if blocks < 6:
            return 0.0
        if lists == 2:
            return 0.75
        if "seeking alpha" in text[:3000].casefold() or "seekingalpha" in text[:3000].casefold():
            return 0.7
        # no lists: blocks of a name over a title or firm line, then speech
        titled: dict[str, int] = {}
        for m in _TITLED_BLOCK.finditer(text, 0, HEAD_WINDOW):
            name, title = m.group(1).strip(), m.group(2).strip()
            if _name_of(name) is not None and _is_title_line(title) and _firm_or_title(title):
                titled[name] = titled.get(name, 0) + 1
        if sum(titled.values()) >= 4 and max(titled.values()) >= 2:
            return 0.7
        return 0.0

    def read(self, text: str, path: str) -> Reading:
        lines = split_lines(text)
        reading = Reading(NAME, 0.85)
        self._participants(text, lines, reading)
        self._heads(text, lines, reading)
        boilerplate.mark_closing(text, lines)
        return walk(text, lines, reading)

    def _participants(self, text: str, lines: list[Line], reading: Reading) -> None:
        kind: str | None = None
        in_list = False
        for ln in lines:
            content = text[ln.start : ln.end]
            section = banner_of(content) if len(content) <= 60 else None
            if section == "participants":
                in_list, kind = True, plist.list_kind(content)
                ln.kind = "skip"
                continue
            if not in_list:
                continue
            entry = plist.entry(content, kind)
            if entry is None:
                in_list = False
                continue
            plist.add(reading.participants, entry)
            ln.kind = "notice"

    def _heads(self, text: str, lines: list[Line], reading: Reading) -> None:
        """Blocks that open a turn: a name (with evidence: listed, recurring,
        announced or titled) and maybe a title or firm line, then speech."""
        n = len(lines)
        candidates: list[tuple[int, SpeakerLine]] = []
        counts: dict[str, int] = {}
        for i, ln in enumerate(lines):
            if ln.kind != "text" or not (ln.blank_before or i == 0):
                continue
            content = text[ln.start : ln.end]
            section = banner_of(content) if len(content) <= 60 else None
            if section in ("prepared", "qa"):
                ln.kind, ln.banner = "banner", section
                continue
            sp = _name_of(content)
            if sp is None or i + 1 >= n:
                continue
            candidates.append((i, sp))
            key = name_key(sp.name)
            counts[key] = counts.get(key, 0) + 1
        listed = reading.participants
        for i, sp in candidates:
            ln = lines[i]
            if ln.kind != "text":
                continue  # already the title line under the name before it
            nxt = lines[i + 1]
            nxt_content = text[nxt.start : nxt.end]
            key = name_key(sp.name)
            titled = not nxt.blank_before and _is_title_line(nxt_content)
            # A title or firm printed as a block of its own under the name.
            titled_apart = (
                nxt.blank_before and i + 2 < n and _is_title_line(nxt_content)
                and _firm_or_title(nxt_content) and name_key(nxt_content) not in listed
                and counts.get(name_key(nxt_content), 0) < 2
            )
            if titled and not _firm_or_title(nxt_content) and name_key(nxt_content) in counts:
                titled = False  # two names in a row: the first said nothing
            evidence = (
                sp.explicit or key in listed or counts[key] >= 2
                or (titled or titled_apart) and len(sp.name.split()) >= 2
                or announced(sp.name, fold(strip_marks(text[max(0, ln.line_start - 400) : ln.line_start])))
            )
            if not evidence:
                continue
            if titled and nxt.kind == "text" or titled_apart and nxt.kind == "text":
                entry = plist.affiliation(sp.name, nxt_content)
                nxt.kind = "head"
                ln.head_end = nxt.end
                sp = entry
            ln.kind, ln.speaker = "speaker", SpeakerLine(sp.name, sp.title, sp.firm, True)
