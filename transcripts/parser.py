"""From transcript text to a ``Call``: lines, speakers, turns, sentences.

The parser works in passes, each small enough to reason about:

1. classify every line (speaker line, bare-name candidate, banner,
   decoration, speech), keeping exact offsets and skipping surrounding white
   space (tabs, trailing spaces) without rewriting the text;
2. decide which bare names are speakers, from structure: the name recurs,
   is announced by the previous speaker, or is followed by a turn of speech;
3. lay out turns and their paragraphs and sentences; what comes before the
   first speaker (or before the first section banner) is kept as notices;
4. sections, roles, firms and Q&A exchanges (``transcripts.roles``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from transcripts.model import Call, Problem, Speaker, Turn
from transcripts.names import name_key, strip_marks, surname, fold
from transcripts.sentences import sentence_spans
from transcripts.speaker_lines import (
    SpeakerLine,
    banner_of,
    is_decoration,
    parse_speaker_line,
)

UNKNOWN_SPEAKER = "Unknown"
_WS = " \t\f\v\u00a0\u3000\ufeff"
_MIN_WORDS_FOR_SPEECH = 12


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    start: int  # content start (white space skipped)
    end: int  # content end
    line_start: int
    line_end: int
    kind: str  # "speaker", "candidate", "banner", "decoration", "text", "blank"
    speaker: SpeakerLine | None = None
    banner: str | None = None


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    n = len(text)
    number = 0
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        number += 1
        s, e = pos, nl
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        lines.append(_Line(number, s, e, pos, nl, "blank" if s == e else "text"))
        pos = nl + 1
    return lines


def _classify(text: str, lines: list[_Line]) -> None:
    for ln in lines:
        if ln.kind == "blank":
            continue
        content = text[ln.start : ln.end]
        if "\t" in content:
            content = " ".join(content.split())
        section = banner_of(content)
        if section:
            ln.kind, ln.banner = "banner", section
            continue
        if is_decoration(content):
            ln.kind = "decoration"
            continue
        sp = parse_speaker_line(content)
        if sp is not None:
            ln.kind = "speaker" if sp.explicit else "candidate"
            ln.speaker = sp


def _next_content(lines: list[_Line], i: int) -> _Line | None:
    for j in range(i + 1, len(lines)):
        if lines[j].kind != "blank":
            return lines[j]
    return None


def _resolve_candidates(text: str, lines: list[_Line]) -> None:
    """Bare names become speakers only with structural evidence."""
    candidates = [ln for ln in lines if ln.kind == "candidate"]
    if not candidates:
        return
    explicit_keys = {name_key(ln.speaker.name) for ln in lines if ln.kind == "speaker"}
    explicit_surnames = {surname(ln.speaker.name) for ln in lines if ln.kind == "speaker"}
    counts: dict[str, int] = {}
    for ln in candidates:
        k = name_key(ln.speaker.name)
        counts[k] = counts.get(k, 0) + 1
    index = {id(ln): i for i, ln in enumerate(lines)}
    for ln in candidates:
        key = name_key(ln.speaker.name)
        evidence = counts[key] >= 2 or key in explicit_keys
        if not evidence and surname(ln.speaker.name) in explicit_surnames:
            evidence = True
        if not evidence:
            # announced: the speech just before names this person
            before = fold(strip_marks(text[max(0, ln.line_start - 600) : ln.line_start]))
            last = surname(ln.speaker.name)
            evidence = bool(last) and re.search(r"\b" + re.escape(last) + r"\b", before) is not None
        if not evidence:
            nxt = _next_content(lines, index[id(ln)])
            evidence = (
                nxt is not None
                and nxt.kind == "text"
                and len(text[nxt.start : nxt.end].split()) >= _MIN_WORDS_FOR_SPEECH
            )
        ln.kind = "speaker" if evidence else "text"
        if not evidence:
            ln.speaker = None


def parse_text(text: str, path: str = "<text>", call_id: str = "") -> Call:
    """Parse decoded, newline-normalised text into a ``Call``.

    Never raises on any text: odd input yields odd but valid structure plus
    warnings, so one strange file cannot stop a corpus.
    """
    from transcripts.roles import assign_sections_roles_firms

    lines = _split_lines(text)
    _classify(text, lines)
    _resolve_candidates(text, lines)
    warnings: list[Problem] = []

    first_banner = next((i for i, ln in enumerate(lines) if ln.kind == "banner"), None)
    first_speaker = next((i for i, ln in enumerate(lines) if ln.kind == "speaker"), None)

    notices: list[str] = []
    speakers: dict[str, Speaker] = {}
    turns: list[Turn] = []
    starts: array = array("l")
    ends: array = array("l")
    banner_sections: list[str | None] = []

    def speaker_for(sl: SpeakerLine) -> Speaker:
        key = name_key(sl.name)
        sp = speakers.get(key)
        if sp is None:
            sp = Speaker(key=key, name=sl.name, title=sl.title, role="unknown", firm=sl.firm)
            speakers[key] = sp
        else:
            if sl.title and not sp.title:
                sp.title = sl.title
            if sl.firm and not sp.firm:
                sp.firm = sl.firm
        return sp

    if first_speaker is None:
        body = [ln for ln in lines if ln.kind in ("text", "candidate")]
        warnings.append(
            Problem(path, "no speaker lines found; the whole text is one turn by Unknown", None, "warning")
        )
        unknown = Speaker(key=name_key(UNKNOWN_SPEAKER), name=UNKNOWN_SPEAKER, title=None, role="unknown")
        speakers[unknown.key] = unknown
        at = body[0].start if body else 0
        turn = _make_turn(text, 0, unknown, at, at, body, starts, ends)
        turns.append(turn)
        banner_sections.append(None)
    else:
        head_end = first_speaker if first_banner is None else min(first_banner, first_speaker)
        for ln in lines[:head_end]:
            if ln.kind in ("text", "candidate", "speaker"):
                notices.append(text[ln.start : ln.end])
        current_banner: str | None = None
        i = head_end
        n = len(lines)
        while i < n:
            ln = lines[i]
            if ln.kind == "banner":
                current_banner = ln.banner
                i += 1
                continue
            if ln.kind != "speaker":
                if ln.kind not in ("blank", "decoration"):
                    # speech before any speaker after a banner: a stray paragraph
                    notices.append(text[ln.start : ln.end])
                i += 1
                continue
            j = i + 1
            body: list[_Line] = []
            while j < n and lines[j].kind not in ("speaker", "banner"):
                if lines[j].kind in ("text", "candidate"):
                    body.append(lines[j])
                j += 1
            sp = speaker_for(ln.speaker)
            turns.append(_make_turn(text, len(turns), sp, ln.line_start, ln.end, body, starts, ends))
            banner_sections.append(current_banner)
            i = j

    call = Call(
        id=call_id,
        path=path,
        text=text,
        sha256="",
        turns=turns,
        speakers=list(speakers.values()),
        sentence_starts=starts,
        sentence_ends=ends,
        notices=notices,
        warnings=warnings,
    )
    assign_sections_roles_firms(call, banner_sections)
    for sp in call.speakers:
        sp.turns = 0
    for t in call.turns:
        t.speaker.turns += 1
    return call


def _make_turn(
    text: str,
    index: int,
    speaker: Speaker,
    line_start: int,
    line_end: int,
    body: list,
    starts: array,
    ends: array,
) -> Turn:
    first = len(starts)
    paragraphs: list[tuple[int, int]] = []
    for ln in body:
        paragraphs.append((ln.start, ln.end))
        for s, e in sentence_spans(text, ln.start, ln.end):
            starts.append(s)
            ends.append(e)
    if paragraphs:
        start, end = paragraphs[0][0], paragraphs[-1][1]
    else:
        start = end = line_end
    return Turn(
        index=index,
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
