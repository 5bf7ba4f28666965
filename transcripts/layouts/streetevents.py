"""StreetEvents text exports (Thomson Reuters).

A header block (``Q3 2013 Acme Corp Earnings Conference Call``, ``EVENT
DATE/TIME: ...``), participant lists (``CORPORATE PARTICIPANTS``, `` *
Jane Roe`` over ``   Acme Corp - CFO``), then ``PRESENTATION`` and
``QUESTIONS AND ANSWERS``. Every speaker line sits between two rules of
``-`` or ``=`` and ends with a running number: ``Jane Roe,  Acme Corp - CFO
[3]``. Being between rules is what makes it a speaker line, so a long one
(150 characters of name, company and title) is still one. The closing
``Definitions`` / ``Disclaimer`` blocks are notices.
"""

from __future__ import annotations

import re

from transcripts.layouts import participants as plist
from transcripts.layouts.base import HEAD_WINDOW, Line, Reading, split_lines
from transcripts.layouts.walk import walk, wrap_threshold
from transcripts.names import SUFFIXES, looks_like_name
from transcripts.speaker_lines import SpeakerLine, banner_of, parse_speaker_line

NAME = "streetevents"
_RULE = re.compile(r"^[-=]{10,}$")
_NUMBERED = re.compile(r"\s*\[\d{1,4}\]$")
_NUMBER_OVER_RULE = re.compile(r"\[\d{1,4}\][ \t]*\n[ \t]*[-=]{10}")
"""The end of a numbered speaker line and the rule under it (found from
its first character, ``[``, which keeps scoring every file cheap)."""
_MARKERS = ("EVENT DATE/TIME", "CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS", "StreetEvents")
_CLOSING = re.compile(r"^(?:definitions|disclaimer|copyright\b.*|.*all rights reserved\.?)$", re.I)


def _is_rule(content: str) -> bool:
    return bool(_RULE.match(content))


class StreetEventsLayout:
    name = NAME

    def score(self, text: str) -> float:
        head = text[:HEAD_WINDOW]
        if "----------" not in head and "==========" not in head:
            return 0.0
        heads = len(_NUMBER_OVER_RULE.findall(head))
        if heads == 0:
            return 0.0
        markers = sum(m in head for m in _MARKERS)
        if heads == 1 and not markers:
            return 0.3
        return min(1.0, 0.8 + 0.05 * min(heads, 2) + 0.05 * min(markers, 2))

    def read(self, text: str, path: str) -> Reading:
        lines = split_lines(text)
        reading = Reading(NAME, 0.0)
        self._classify(text, lines, reading)
        heads = sum(ln.kind == "speaker" for ln in lines)
        reading.confidence = 0.95 if heads >= 2 else 0.6
        return walk(text, lines, reading, wrap_threshold(lines))

    def _classify(self, text: str, lines: list[Line], reading: Reading) -> None:
        n = len(lines)
        list_kind: str | None = None
        in_list = False
        closed = False
        pending_name: str | None = None
        rule = [text[ln.start] in "-=" and ln.end - ln.start >= 10 and _is_rule(text[ln.start : ln.end]) for ln in lines]
        for i, ln in enumerate(lines):
            if rule[i]:
                ln.kind = "furniture"
                continue
            content = text[ln.start : ln.end]
            if closed:
                ln.kind = "notice"
                continue
            rule_next = i + 1 < n and rule[i + 1]
            between = (
                i > 0 and rule[i - 1] and rule_next
                # a speaker line touches its rules; speech has a blank line
                # after the rule (unless it carries its running number)
                and (not ln.blank_before and not lines[i + 1].blank_before or bool(_NUMBERED.search(content)))
            )
            heading = between or rule_next or content.isupper()
            section = banner_of(content) if heading and len(content) <= 60 else None
            if section is not None:
                if section == "participants":
                    in_list, list_kind = True, plist.list_kind(content)
                    ln.kind = "skip"  # a heading, not a notice of its own
                else:
                    in_list = False
                    ln.kind, ln.banner = "banner", section
                continue
            if between and _CLOSING.match(content):
                closed = True
                ln.kind = "notice"
                continue
            if between:
                speaker = speaker_line(content)
                if speaker is not None:
                    in_list = False
                    ln.kind, ln.speaker = "speaker", speaker
                    continue
            if in_list:
                ln.kind = "notice"
                if content.startswith("*"):
                    pending_name = content.lstrip("* ").strip()
                elif pending_name:
                    plist.add(reading.participants, plist.as_listed(plist.affiliation(pending_name, content), list_kind))
                    pending_name = None
                continue
            if rule_next and _CLOSING.match(content):
                closed = True
                ln.kind = "notice"


def speaker_line(content: str) -> SpeakerLine | None:
    """``Jane Roe,  Acme Corp - CFO    [3]``, ``Operator   [1]``,
    ``Unidentified Participant``; any length."""
    numbered = bool(_NUMBERED.search(content))
    core = plist.clean(_NUMBERED.sub("", content))
    if not core:
        return None
    short = parse_speaker_line(core) if len(core) <= 120 else None
    if short is not None and short.explicit and (short.name == "Operator" or short.title is None and short.firm is None):
        return short
    name, sep, rest = core.partition(", ")
    if sep and rest.split(",")[0].strip().casefold().rstrip(".") in SUFFIXES:
        suffix, _, rest = rest.partition(",")
        name = f"{name}, {suffix.strip()}"
    name = name.strip()
    if not looks_like_name(name.replace(",", ""), min_tokens=1, max_tokens=7):
        return short if short is not None and short.explicit else None
    if not numbered and short is None and not rest:
        return None
    if not rest.strip():
        return SpeakerLine(name, None, None, True)
    return plist.affiliation(name, rest)
