"""Motley Fool transcript pages from 2025: ``Name:Speech``.

Each turn is a paragraph that starts with the speaker's name and a colon,
with no space after it (``Tim Cook:Thank you, Suhasini.``); there are no
section banners. Before the call the page prints ``DATE``, ``CALL
PARTICIPANTS`` written ``Role — Name``, then "Takeaways", "Risks",
"Summary" and an "Industry glossary" (whose ``Term: definition`` lines are
not speakers); after it, the usual footer. All of that is notices, and the
participants lend their titles.
"""

from __future__ import annotations

import re

from transcripts.layouts import boilerplate
from transcripts.layouts import participants as plist
from transcripts.layouts.base import HEAD_WINDOW, Line, Reading, is_name_line, split_lines
from transcripts.layouts.walk import walk
from transcripts.names import name_key, strip_marks
from transcripts.sentences import SPACE
from transcripts.speaker_lines import SpeakerLine, parse_speaker_line

NAME = "motley_fool_2025"
_HEAD = re.compile(r"^(?P<name>[A-Z][^:\n]{0,60}?)\s*:(?=[^\s\d/])", re.M)
"""``Name:Speech``, glued: what tells this layout apart."""
_ANY_HEAD = re.compile(r"(?P<name>[A-Z][^:\n]{0,60}?)\s*:[ \t]*(?=[^\s\d/])")
"""Within the call, a space after the colon is tolerated."""
_GLUED_COLON = re.compile(r":(?=[^\s\d/])")
"""Found from the colon: cheap to count in any text."""
_TRANSCRIPT_START = re.compile(r"^(?:full )?(?:conference call )?transcript:?$", re.I)


def _name(head: str) -> SpeakerLine | None:
    sp = parse_speaker_line(head + ":")
    if sp is not None and sp.explicit and (sp.name == "Operator" or sp.title is None):
        return SpeakerLine(sp.name, sp.title, sp.firm, True)
    if not is_name_line(head):
        return None
    return SpeakerLine(strip_marks(head), None, None, True)


class MotleyFool2025Layout:
    name = NAME

    def score(self, text: str) -> float:
        counts: dict[str, int] = {}
        text = text[: HEAD_WINDOW * 2]  # the preamble (takeaways, glossary) can be long
        for m in _GLUED_COLON.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if m.start() - line_start <= 60:
                name = text[line_start : m.start()].strip()
                if name[:1].isupper():
                    counts[name] = counts.get(name, 0) + 1
        recurring = sum(c for c in counts.values() if c >= 2)
        if recurring < 3:
            return 0.0
        marker = "Motley Fool" in text or "CALL PARTICIPANTS" in text
        return 0.85 + (0.1 if marker else 0.0)

    def read(self, text: str, path: str) -> Reading:
        lines = split_lines(text)
        reading = Reading(NAME, 0.9)
        start = self._start(text, lines)
        counts: dict[str, int] = {}
        heads: list[tuple[Line, SpeakerLine, int]] = []
        for ln in lines[:start]:
            entry = plist.role_name_entry(text[ln.start : ln.end])
            if entry is not None:
                plist.add(reading.participants, entry)
        for ln in lines[start:]:
            m = _ANY_HEAD.match(text, ln.start, ln.end)
            if m is None:
                continue
            sp = _name(m["name"].strip())
            if sp is None:
                continue
            heads.append((ln, sp, m.end()))
            counts[name_key(sp.name)] = counts.get(name_key(sp.name), 0) + 1
        for ln, sp, at in heads:
            key = name_key(sp.name)
            if counts[key] < 2 and key not in reading.participants and sp.name != "Operator" \
                    and len(sp.name.split()) < 2:
                continue
            while at < ln.end and text[at] in SPACE:
                at += 1
            ln.kind, ln.speaker, ln.speech, ln.head_end = "speaker", sp, at, at
        for ln in lines[:start]:
            ln.kind = "notice" if ln.kind == "text" else ln.kind
        boilerplate.mark_closing(text, lines)
        return walk(text, lines, reading)

    def _start(self, text: str, lines: list[Line]) -> int:
        """Index of the first line of the call; the lines before it are the
        page's preamble, whose ``Role — Name`` entries lend titles."""
        first_head = next((i for i, ln in enumerate(lines) if _HEAD.match(text, ln.start, ln.end)
                           and _name(_HEAD.match(text, ln.start, ln.end)["name"].strip()) is not None), len(lines))
        start = first_head
        for i, ln in enumerate(lines[:first_head]):
            content = text[ln.start : ln.end]
            if _TRANSCRIPT_START.match(content):
                start = i + 1
        return start
