"""Caption files from speech-to-text (WebVTT ``.vtt`` and SubRip ``.srt``).

A caption file cuts speech into cues of a few seconds each, with timings;
a reader of the call wants turns. The speaker of a cue is its voice tag
(``<v Speaker 0>``, ``<v.loud Jane Roe>``) or a ``Speaker 0:`` /
``[Jane Roe]:`` prefix; a cue with neither continues the previous speaker.
Consecutive cues of one speaker become one turn, rendered as one
``Speaker 0: speech`` line (the diarized layout reads those, and infers
names from the call), timings and styling dropped.
"""

from __future__ import annotations

import html
import re

from transcripts.formats.base import Format, FormatError, Source, first_bytes, source_from_text
from transcripts.reading import decode_bytes

_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.I)
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_PREFIX = re.compile(
    r"^\s*(?:\[(?P<bracket>[^\]\n]{1,40})\]|(?P<name>(?:speaker|spk)[ _]?\d+|[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}))"
    r"\s*:\s+", re.I)
_DASH = re.compile(r"^\s*-\s+")


def _sniff_vtt(data: bytes) -> int:
    return 2 if first_bytes(data).startswith(b"WEBVTT") else 0


def _sniff_srt(data: bytes) -> int:
    head = first_bytes(data, 200).decode("latin-1")
    lines = head.split("\n")
    return 1 if len(lines) > 1 and lines[0].strip().isdigit() and _TIMING.match(lines[1]) else 0


def _cues(text: str) -> list[list[str]]:
    """The payload lines of each cue (the lines after its timing line)."""
    cues: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if _TIMING.match(line):
            if current and current[-1].strip().isdigit():
                current.pop()  # the next cue's number, with no blank line before it
            current = []
            cues.append(current)
        elif not line.strip():
            current = None  # a blank line ends a cue (and skips NOTE/STYLE blocks)
        elif current is not None:
            current.append(line)
    return cues


def _clean(raw: str) -> str:
    text = html.unescape(_TAG.sub("", raw))
    return " ".join(_DASH.sub("", text).split())


def _said(lines: list[str]) -> list[tuple[str | None, str]]:
    """(speaker or None, text) of one cue; a cue with several voice tags
    (two people in one caption) gives one pair per voice."""
    raw = " ".join(lines)
    voices = list(_VOICE.finditer(raw))
    if voices:
        out = [(None, _clean(raw[: voices[0].start()]))] if voices[0].start() else []
        for v, nxt in zip(voices, [*voices[1:], None]):
            out.append((v.group(1).strip(), _clean(raw[v.end() : nxt.start() if nxt else len(raw)])))
        return out
    text = _clean(raw)
    m = _PREFIX.match(text)
    if m:
        return [((m.group("bracket") or m.group("name")).strip(), text[m.end():])]
    return [(None, text)]


def _render(path: str, text: str, kind: str) -> str:
    cues = _cues(text)
    if not cues:
        raise FormatError(path, f"no captions found: {kind} cues need a timing line such as "
                                "'00:00:01.000 --> 00:00:04.000'", 1)
    turns: list[tuple[str | None, list[str]]] = []
    for cue in cues:
        for speaker, said in _said(cue):
            if not said:
                continue
            if turns and (speaker is None or speaker == turns[-1][0]):
                turns[-1][1].append(said)
            else:
                turns.append((speaker, [said]))
    lines = [f"{who}: {' '.join(said)}" if who else " ".join(said) for who, said in turns]
    return "\n".join(lines) + "\n" if lines else ""


def _reader(fmt: str, kind: str):
    def read(path: str, data: bytes) -> Source:
        decoded = decode_bytes(path, data)
        source = source_from_text(path, data, _render(path, decoded.text, kind), fmt, encoding=decoded.encoding)
        source.warnings.extend(decoded.warnings)
        return source

    return read


VTT = Format("vtt", (".vtt",), _sniff_vtt, _reader("vtt", "WebVTT"))
SRT = Format("srt", (".srt",), _sniff_srt, _reader("srt", "SubRip"))
