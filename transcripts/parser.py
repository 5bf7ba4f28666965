"""From transcript text to a ``Call``: lines, speakers, turns, sentences.

The parser works in passes, each small enough to reason about:

1. classify every line (speaker line, bare-name candidate, banner,
   decoration, speech), keeping exact offsets and skipping surrounding white
   space (tabs, trailing spaces) without rewriting the text;
2. decide which bare names are speakers, from structure: the name recurs,
   is announced by the previous speaker, or is followed by a turn of speech;
3. lay out turns and their paragraphs and sentences; what comes before the
   first speaker (or before the first section banner) is kept as notices,
   and so are lists of participants, which lend their titles and firms to
   the speakers they name;
4. sections, roles, firms and Q&A exchanges (``transcripts.roles``).

Speaker lines come in a family of layouts (``transcripts.speaker_lines``):
a line of their own (``Name - Title``, ``Name -- Title``, ``Name, Firm -
Role``, a bare name, ``Name:``) or ``Name: speech`` on one line.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from transcripts.model import Call, Problem, Speaker, Turn
from transcripts.names import fold, name_key, strip_marks, surname, tokens
from transcripts.sentences import SPACE, append_sentences
from transcripts.speaker_lines import (
    INLINE_MAX_PREFIX,
    MAX_SPEAKER_LINE,
    SpeakerLine,
    classify_content,
    inline_speaker,
    title_says_role,
)

UNKNOWN_SPEAKER = "Unknown"
_DECORATION_CHARS = "=-_*#~."
_MIN_WORDS_FOR_SPEECH = 12
"""A bare name followed by a line at least this long opens a turn of speech."""
_ANNOUNCE_WINDOW = 400
"""How far back (characters) to look for the hand-over to a bare name."""
_MAX_ANNOUNCEMENT_CHECKS = 2000
_COURTESY = re.compile(r"\b(?:mr|ms|mrs|dr)\.?\s+$")
_MAX_PARTICIPANT_HEADING_WORDS = 7
"""A line between the speaker lines of a participants list is a heading
("Corporate Participants"), never a sentence of speech."""


@dataclass(slots=True)
class _Line:
    """One line with something on it (blank lines are not kept: nothing
    depends on them, and a file of empty lines should cost nothing)."""

    start: int  # content start (white space skipped)
    end: int  # content end
    line_start: int
    line_end: int
    kind: str  # "speaker", "candidate", "banner", "decoration", "text"
    speaker: SpeakerLine | None = None
    banner: str | None = None
    speech: int = -1
    """For ``Name: speech`` on one line, where the speech starts (and
    ``head_end`` where the name and its colon end)."""
    head_end: int = -1


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        end_of_line = pos + len(raw)
        left = raw.lstrip(SPACE)
        if left:
            start = end_of_line - len(left)
            lines.append(_Line(start, start + len(left.rstrip(SPACE)), pos, end_of_line, "text"))
        pos = end_of_line + 1
    return lines


def _classify(text: str, lines: list[_Line]) -> None:
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


def _next_content(lines: list[_Line], i: int) -> _Line | None:
    return lines[i + 1] if i + 1 < len(lines) else None


def _resolve_candidates(text: str, lines: list[_Line]) -> None:
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
            evidence = _announced(ln.speaker.name, before)
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


def _announced(name: str, before: str) -> bool:
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


def _list_kind(banner: str) -> str | None:
    low = banner.casefold()
    if "conference" in low or "analyst" in low:
        return "analyst"
    return None


def _is_heading(text: str, ln: _Line) -> bool:
    content = text[ln.start : ln.end]
    return content[-1] not in ".?!" and len(content.split()) <= _MAX_PARTICIPANT_HEADING_WORDS


def _speech_follows(text: str, lines: list[_Line], i: int) -> bool:
    """Whether the speaker line ``lines[i]`` opens a turn (speech comes next)
    rather than being an entry of a participants list."""
    nxt = _next_content(lines, i)
    return nxt is not None and nxt.kind in ("text", "candidate") and not _is_heading(text, nxt)


def _is_participant_list(text: str, lines: list[_Line]) -> bool:
    """Speaker lines with nothing but short headings between them: the list
    of who is on the call, printed before the ``Presentation`` banner."""
    for ln in lines:
        if ln.kind in ("text", "candidate") and not _is_heading(text, ln):
            return False
    return True


def parse_text(text: str, path: str = "<text>", call_id: str = "") -> Call:
    """Parse decoded text into a ``Call``.

    ``\\r\\n`` and ``\\r`` line endings are turned into ``\\n`` first (files
    read with ``transcripts.reading`` already are), and every offset of the
    call refers to ``call.text``. Never raises on any text: odd input yields
    odd but valid structure plus warnings, so one strange file cannot stop a
    corpus.
    """
    from transcripts.roles import assign_sections_roles_firms

    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_lines(text)
    _classify(text, lines)
    _resolve_candidates(text, lines)

    layout = _Layout(text, lines)
    first_speaker = next((i for i, ln in enumerate(lines) if ln.kind == "speaker"), None)
    if first_speaker is not None:
        layout.walk(layout.header(first_speaker))
    if not layout.turns:
        layout.one_unknown_turn(
            path,
            "no speaker lines found; the whole text is one turn by Unknown"
            if first_speaker is None
            else "no speech after any speaker line; the whole text is one turn by Unknown",
        )
    layout.apply_participants()

    call = Call(
        id=call_id,
        path=path,
        text=text,
        sha256="",
        turns=layout.turns,
        speakers=list(layout.speakers.values()),
        sentence_starts=layout.starts,
        sentence_ends=layout.ends,
        notices=layout.notices,
        warnings=layout.warnings,
    )
    assign_sections_roles_firms(call, layout.banner_sections)
    for sp in call.speakers:
        sp.turns = 0
    for t in call.turns:
        t.speaker.turns += 1
    return call


class _Layout:
    """Pass 3: from classified lines to turns, notices and participants."""

    def __init__(self, text: str, lines: list[_Line]) -> None:
        self.text = text
        self.lines = lines
        self.notices: list[str] = []
        self.warnings: list[Problem] = []
        self.speakers: dict[str, Speaker] = {}
        self.participants: dict[str, SpeakerLine] = {}
        self.turns: list[Turn] = []
        self.starts: array = array("l")
        self.ends: array = array("l")
        self.banner_sections: list[str | None] = []
        """The banner section (``prepared``/``qa``/None) each turn falls under."""

    def _content(self, ln: _Line) -> str:
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
                        self.participants.setdefault(name_key(ln.speaker.name), ln.speaker)
        self.notices.extend(
            self._content(ln) for ln in lines[:head_end] if ln.kind in ("text", "candidate", "speaker")
        )
        return head_end

    def walk(self, i: int) -> None:
        lines, n = self.lines, len(self.lines)
        current_banner: str | None = None
        in_list = False
        list_kind: str | None = None
        while i < n:
            ln = lines[i]
            if ln.kind == "banner":
                if ln.banner == "participants":
                    in_list, list_kind = True, _list_kind(self._content(ln))
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
                    self.notices.append(self._content(ln))
                i += 1
                continue
            j = i + 1
            spans: list[tuple[int, int]] = [(ln.speech, ln.end)] if ln.speech >= 0 else []
            while j < n and lines[j].kind not in ("speaker", "banner"):
                if lines[j].kind in ("text", "candidate"):
                    spans.append((lines[j].start, lines[j].end))
                j += 1
            head_end = ln.head_end if ln.speech >= 0 else ln.end
            self._add_turn(self._speaker_for(ln.speaker), ln.line_start, head_end, spans)
            self.banner_sections.append(current_banner)
            i = j

    def _list_entry(self, ln: _Line, i: int, list_kind: str | None) -> bool:
        """Take ``ln`` as part of a participants list, if it is one."""
        if ln.kind == "speaker" and ln.speech < 0 and not _speech_follows(self.text, self.lines, i):
            listed = ln.speaker
            if list_kind == "analyst" and listed.title and not listed.firm and not title_says_role(listed.title):
                # "Conference Call Participants" / "Sarah Friar - Goldman Sachs"
                listed = SpeakerLine(listed.name, "Analyst", listed.title, True)
            self.participants.setdefault(name_key(listed.name), listed)
            self.notices.append(self._content(ln))
            return True
        if ln.kind == "decoration":
            return True
        if ln.kind != "speaker" and _is_heading(self.text, ln):
            self.notices.append(self._content(ln))
            return True
        return False

    def _speaker_for(self, sl: SpeakerLine) -> Speaker:
        key = name_key(sl.name)
        sp = self.speakers.get(key)
        if sp is None:
            sp = Speaker(key=key, name=sl.name, title=sl.title, role="unknown", firm=sl.firm)
            self.speakers[key] = sp
        else:
            sp.title = sp.title or sl.title
            sp.firm = sp.firm or sl.firm
        return sp

    def _add_turn(self, speaker: Speaker, line_start: int, line_end: int, paragraphs: list[tuple[int, int]]) -> None:
        starts, ends, text = self.starts, self.ends, self.text
        first = len(starts)
        for ps, pe in paragraphs:
            append_sentences(text, ps, pe, starts, ends)
        if paragraphs:
            start, end = paragraphs[0][0], paragraphs[-1][1]
        else:
            start = end = line_end
        self.turns.append(
            Turn(
                index=len(self.turns),
                speaker=speaker,
                section="prepared",
                line_start=line_start,
                line_end=line_end,
                start=start,
                end=end,
                paragraphs=paragraphs,
                first_sentence=first,
                end_sentence=len(starts),
            )
        )

    def one_unknown_turn(self, path: str, message: str) -> None:
        """Nothing anyone said: the whole text is one turn, so it can still be
        read, searched and annotated."""
        self.warnings.append(Problem(path, message, None, "warning"))
        self.notices.clear()
        self.speakers.clear()
        spans = [(ln.start, ln.end) for ln in self.lines if ln.kind in ("text", "candidate", "speaker")]
        sl = SpeakerLine(UNKNOWN_SPEAKER, None, None, True)
        at = spans[0][0] if spans else 0
        self._add_turn(self._speaker_for(sl), at, at, spans)
        self.banner_sections.append(None)

    def apply_participants(self) -> None:
        """Titles and firms from the participants list, for speakers whose
        own lines do not say."""
        for sp in self.speakers.values():
            listed = self.participants.get(sp.key)
            if listed is not None:
                sp.title = sp.title or listed.title
                sp.firm = sp.firm or listed.firm
