"""How a file was read, and signs that it was read wrongly.

``earmark check`` says, for each call, its format, the layout family it was
read as and how well the text fitted; and it warns where the reading looks
off: the whole file is one turn, a "speaker" says nothing, or a turn starts
with what looks like a title line (a layout was missed, so a speaker's
title or firm became speech).
"""

from __future__ import annotations

import re
from pathlib import Path

from transcripts.model import Call, Problem
from transcripts.speaker_lines import title_says_role

_FIRM = re.compile(r"\b(?:LLC|LLP|Inc|Corp|Ltd|plc|Securities|Capital Markets|Research|Partners|& Co)\.?$")
_MAX_TITLE_WORDS = 12


def file_format(call: Call) -> str:
    """The file format the call was read from (``txt``, ``pdf``, ...)."""
    stated = getattr(call, "format", None)
    if stated:
        return str(stated)
    suffix = Path(call.path).suffix.lower().lstrip(".")
    return "txt" if suffix in ("", "text") else suffix


def how_read(call: Call) -> str:
    """``read as txt, layout refinitiv (confidence 0.90), 42 turns``."""
    turns = call.turn_count
    return (f"read as {file_format(call)}, layout {call.layout} (confidence {call.layout_confidence:.2f}), "
            f"{turns} turn{'s' if turns != 1 else ''}")


def how_read_json(call: Call) -> dict:
    return {"path": call.path, "format": file_format(call), "layout": call.layout,
            "confidence": call.layout_confidence, "turns": call.turn_count}


def _looks_like_title(line: str, call: Call, turn_index: int) -> bool:
    sp = call.turns[turn_index].speaker
    if line in (sp.title, sp.firm):
        return True
    if line[-1] in ".?!,;:" or len(line.split()) > _MAX_TITLE_WORDS or not line[0].isupper():
        return False
    return title_says_role(line) or bool(_FIRM.search(line))


def reading_problems(call: Call) -> list[Problem]:
    """Warnings about how the call was read (none for a clean reading)."""
    out: list[Problem] = []
    already_one_turn = any("one turn" in w.message for w in call.warnings)
    if len(call.turns) == 1 and not already_one_turn and len(call.text) > 2000:
        out.append(Problem(call.path, f"read as a single turn by {call.turns[0].speaker.name}; "
                                      "the speaker lines of this layout were not recognised", None, "warning"))
    silent = {s.key for s in call.speakers}
    for t in call.turns:
        if t.paragraphs:
            silent.discard(t.speaker.key)
    for t in call.turns:
        if t.speaker.key in silent:
            silent.discard(t.speaker.key)
            out.append(Problem(call.path, f"speaker {t.speaker.name!r} says nothing (a list entry or a "
                                          "heading read as a speaker?)", call.line_of(t.line_start), "warning"))
    for t in call.turns:
        if len(t.paragraphs) < 2:
            continue
        first = call.text[t.paragraphs[0][0] : t.paragraphs[0][1]]
        if len(first) <= 100 and _looks_like_title(first, call, t.index):
            out.append(Problem(call.path, f"turn {t.index} by {t.speaker.name} begins with what looks like "
                                          f"a title line: {first!r}", call.line_of(t.paragraphs[0][0]), "warning"))
    return out
