"""The generic reader: the fallback for any text no family claims, and the
reader of the bundled samples and the ``Name -- Title`` dataset layout.

It works in passes, each small enough to reason about:

1. classify every line (speaker line, bare-name candidate, banner,
   decoration, speech), keeping exact offsets and skipping surrounding white
   space (tabs, trailing spaces) without rewriting the text;
2. decide which bare names are speakers, from structure: the name recurs,
   is announced by the previous speaker, or is followed by a turn of speech;
3. lay out turns; what comes before the first speaker (or before the first
   section banner) is kept as notices, and so are lists of participants,
   which lend their titles and firms to the speakers they name.

Speaker lines come in a family of shapes (``transcripts.speaker_lines``):
a line of their own (``Name - Title``, ``Name -- Title``, ``Name, Firm -
Role``, a bare name, ``Name:``) or ``Name: speech`` on one line.
"""

from __future__ import annotations

import re
from typing import Callable

from transcripts.layouts import participants as plist
from transcripts.layouts.base import UNKNOWN_SPEAKER, Line, Reading, TurnDraft, split_lines
from transcripts.model import Problem
from transcripts.names import fold, name_key, strip_marks, surname, tokens
from transcripts.sentences import SPACE
from transcripts.speaker_lines import (
    INLINE_MAX_PREFIX,
    MAX_SPEAKER_LINE,
    SpeakerLine,
    classify_content,
    inline_speaker,
)

NAME = "generic"
_DECORATION_CHARS = "=-_*#~."
_MIN_WORDS_FOR_SPEECH = 12
"""A bare name followed by a line at least this long opens a turn of speech."""
_ANNOUNCE_WINDOW = 400
"""How far back (characters) to look for the hand-over to a bare name."""
_MAX_ANNOUNCEMENT_CHECKS = 2000
_COURTESY = re.compile(r"\b(?:mr|ms|mrs|dr)\.?\s+$")


SpeakerHint = Callable[[str], "SpeakerLine | None"]
"""A layout's own test for a line the generic passes call speech (a
``Name -- Title`` line too long for the general rules)."""


def classify(text: str, lines: list[Line], hint: SpeakerHint | None = None) -> None:
    """Passes 1 and 2: the kind of every line."""
    _classify(text, lines)
    if hint is not None:
        for ln in lines:
            if ln.kind == "text":
                sp = hint(text[ln.start : ln.end])
                if sp is not None:
                    ln.kind, ln.speaker = "speaker", sp
    _resolve_candidates(text, lines)


def _classify(text: str, lines: list[Line]) -> None:
    for ln in lines:
        start, end = ln.start, ln.end
        # A long line of speech (the common case) needs no lookup at all.
        if end - start <= MAX_SPEAKER_LINE or text[start] in _DECORATION_CHARS:
            kind, section, sp = classify_content(text[start:end])
            if kind != "text":
                ln.kind, ln.banner, ln.speaker = kind, section, sp
                continue
        if text.find(":", start + 1, min(end, start + INLINE_MAX_PREFIX)) < 0:
            continue
        found = inline_speaker(text[start:end])
        if found is not None:
            sp, at = found
            speech = start + at
            while text[speech] in SPACE:
                speech += 1
            ln.kind = "speaker" if sp.explicit else "candidate"
            ln.speaker, ln.speech, ln.head_end = sp, speech, start + at


def _next_content(lines: list[Line], i: int) -> Line | None:
    return lines[i + 1] if i + 1 < len(lines) else None


def _resolve_candidates(text: str, lines: list[Line]) -> None:
    """Bare names become speakers only with structural evidence: the name
    recurs (or a speaker line with a title names the same person), it was
    announced in the speech just before, or a turn of speech follows it."""
    candidates = [i for i, ln in enumerate(lines) if ln.kind == "candidate"]
    if not candidates:
        return
    explicit = {ln.speaker.name for ln in lines if ln.kind == "speaker"}
    explicit_keys = {name_key(n) for n in explicit}
    explicit_surnames = {surname(n) for n in explicit}
    counts: dict[str, int] = {}
    for i in candidates:
        k = name_key(lines[i].speaker.name)
        counts[k] = counts.get(k, 0) + 1
    # Thousands of one-off names are a list, not a call: past this many,
    # looking for each one's announcement would only cost time.
    look_for_announcements = len(candidates) <= _MAX_ANNOUNCEMENT_CHECKS
    for i in candidates:
        ln = lines[i]
        key = name_key(ln.speaker.name)
        evidence = counts[key] >= 2 or key in explicit_keys
        if not evidence and surname(ln.speaker.name) in explicit_surnames:
            evidence = True
        if not evidence and look_for_announcements:
            before = fold(strip_marks(text[max(0, ln.line_start - _ANNOUNCE_WINDOW) : ln.line_start]))
            evidence = announced(ln.speaker.name, before)
        if not evidence and ln.speech < 0:
            nxt = _next_content(lines, i)
            evidence = (
                nxt is not None
                and nxt.kind == "text"
                and len(text[nxt.start : nxt.end].split()) >= _MIN_WORDS_FOR_SPEECH
            )
        if evidence:
            ln.kind = "speaker"
        else:
            ln.kind, ln.speaker = "text", None


def announced(name: str, before: str) -> bool:
    """Whether the speech just before (folded) hands over to ``name``: by
    full name ("over to Steven [Gateoff]") or by surname with a courtesy
    title ("back to Mr. Gateoff"). A surname alone is too weak: "Business
    Update" would be announced by any mention of an update."""
    toks = tokens(name)
    if len(toks) < 2:
        return False
    first, last = toks[0], surname(name)
    pos = before.rfind(last)
    while pos >= 0:
        if _is_word_at(before, pos, last):
            lead = before[max(0, pos - 24) : pos]
            if _COURTESY.search(lead) or any(_is_word_at(lead, i, first) for i in _find_all(lead, first)):
                return True
        pos = before.rfind(last, 0, pos)
    return False


def _find_all(text: str, word: str) -> list[int]:
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(pos)
        pos = text.find(word, pos + 1)
    return out


def _is_word_at(text: str, pos: int, word: str) -> bool:
    end = pos + len(word)
    return (pos == 0 or not text[pos - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


def _is_heading(text: str, ln: Line) -> bool:
    return plist.is_heading(text[ln.start : ln.end])


def _speech_follows(text: str, lines: list[Line], i: int) -> bool:
    """Whether the speaker line ``lines[i]`` opens a turn (speech comes next)
    rather than being an entry of a participants list."""
    nxt = _next_content(lines, i)
    return nxt is not None and nxt.kind in ("text", "candidate") and not _is_heading(text, nxt)


def _is_participant_list(text: str, lines: list[Line]) -> bool:
    """Speaker lines with nothing but short headings between them: the list
    of who is on the call, printed before the ``Presentation`` banner."""
    for ln in lines:
        if ln.kind in ("text", "candidate") and not _is_heading(text, ln):
            return False
    return True


class GenericLayout:
    """Any text: the reader of last resort, which never refuses a file."""

    name = NAME

    def score(self, text: str) -> float:
        return 0.5

    def read(self, text: str, path: str) -> Reading:
        return read_generic(text, path)


def read_generic(
    text: str, path: str, start: int = 0, end: int | None = None, name: str = NAME, hint: SpeakerHint | None = None
) -> Reading:
    """Read ``text[start:end]`` (``start`` at a line start) with the generic
    passes; offsets stay those of the whole text."""
    lines = split_lines(text, start, end)
    classify(text, lines, hint)
    walker = _Walker(text, lines, name)
    first_speaker = next((i for i, ln in enumerate(lines) if ln.kind == "speaker"), None)
    if first_speaker is not None:
        walker.walk(walker.header(first_speaker))
    reading = walker.reading
    if not reading.turns:
        one_unknown_turn(
            reading, text, lines, path,
            "no speaker lines found; the whole text is one turn by Unknown"
            if first_speaker is None
            else "no speech after any speaker line; the whole text is one turn by Unknown",
        )
    else:
        reading.confidence = 0.6
    return reading


def one_unknown_turn(reading: Reading, text: str, lines: list[Line], path: str, message: str) -> None:
    """Nothing anyone said: the whole text is one turn, so it can still be
    read, searched and annotated."""
    reading.warnings.append(Problem(path, message, None, "warning"))
    reading.notices.clear()
    reading.turns.clear()
    reading.confidence = 0.1
    spans = [(ln.start, ln.end) for ln in lines if ln.kind in ("text", "candidate", "speaker")]
    at = spans[0][0] if spans else 0
    reading.turns.append(TurnDraft(SpeakerLine(UNKNOWN_SPEAKER, None, None, True), at, at, spans, None))


class _Walker:
    """Pass 3: from classified lines to turns, notices and participants."""

    def __init__(self, text: str, lines: list[Line], name: str) -> None:
        self.text = text
        self.lines = lines
        self.reading = Reading(name, 0.5)

    def _content(self, ln: Line) -> str:
        return self.text[ln.start : ln.end]

    def header(self, first_speaker: int) -> int:
        """Keep what comes before the call proper as notices, and return the
        index of the first line after it: the first speaker line, or the
        first banner when that comes earlier or only a participants list
        precedes it."""
        lines = self.lines
        first_banner = next((i for i, ln in enumerate(lines) if ln.kind == "banner"), None)
        head_end = first_speaker
        if first_banner is not None:
            if first_banner < first_speaker:
                head_end = first_banner
            elif any(ln.kind == "speaker" for ln in lines[first_banner:]) and _is_participant_list(
                self.text, lines[first_speaker:first_banner]
            ):
                head_end = first_banner
                for ln in lines[first_speaker:first_banner]:
                    if ln.kind == "speaker":
                        plist.add(self.reading.participants, ln.speaker)
        self.reading.notices.extend(
            self._content(ln) for ln in lines[:head_end] if ln.kind in ("text", "candidate", "speaker")
        )
        return head_end

    def walk(self, i: int) -> None:
        lines, n = self.lines, len(self.lines)
        notices = self.reading.notices
        current_banner: str | None = None
        in_list = False
        list_kind: str | None = None
        while i < n:
            ln = lines[i]
            if ln.kind == "banner":
                if ln.banner == "participants":
                    in_list, list_kind = True, plist.list_kind(self._content(ln))
                else:
                    current_banner, in_list = ln.banner, False
                i += 1
                continue
            if in_list:
                if self._list_entry(ln, i, list_kind):
                    i += 1
                    continue
                in_list = False
            if ln.kind != "speaker":
                if ln.kind != "decoration":
                    # speech after a banner, before any speaker: a stray paragraph
                    notices.append(self._content(ln))
                i += 1
                continue
            j = i + 1
            spans: list[tuple[int, int]] = [(ln.speech, ln.end)] if ln.speech >= 0 else []
            while j < n and lines[j].kind not in ("speaker", "banner"):
                if lines[j].kind in ("text", "candidate"):
                    spans.append((lines[j].start, lines[j].end))
                j += 1
            head_end = ln.head_end if ln.speech >= 0 else ln.end
            self.reading.turns.append(TurnDraft(ln.speaker, ln.line_start, head_end, spans, current_banner))
            i = j

    def _list_entry(self, ln: Line, i: int, list_kind: str | None) -> bool:
        """Take ``ln`` as part of a participants list, if it is one."""
        if ln.kind == "speaker" and ln.speech < 0 and not _speech_follows(self.text, self.lines, i):
            plist.add(self.reading.participants, plist.as_listed(ln.speaker, list_kind))
            self.reading.notices.append(self._content(ln))
            return True
        if ln.kind == "decoration":
            return True
        if ln.kind != "speaker" and _is_heading(self.text, ln):
            self.reading.notices.append(self._content(ln))
            return True
        return False
