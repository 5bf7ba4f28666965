"""Hostile inputs for the fault tests: transcripts, notes, tags and file
names holding terminal control sequences (window title, clear screen,
colours), and a check that none of it reaches a terminal."""

from __future__ import annotations

import re
from pathlib import Path

from annotations.session import CallAnnotations
from tests.conftest import Q4_2003, SAMPLES
from transcripts import parse_file

TITLE = "\x1b]0;PWNED\x07"
"""Sets the terminal's window title (OSC 0 ... BEL)."""
CLEAR = "\x1b[2J"
"""Clears the screen."""
RED = "\x1b[31m"
CSI_C1 = "\x9b2J"
"""The one-byte CSI some terminals take: clears the screen too."""
ATTACK = f"{TITLE}{CLEAR}{RED}{CSI_C1}\x08\x7f"

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must never be sent to a terminal from a file (tab and line feed are
layout)."""

HOSTILE_NAME = f"acme{TITLE}-2024-q3.txt"
ANNOTATED = "deferred revenue"
"""The hostile sentence holds this (it is tagged, so a quote holds the attack)."""


def leaks(text: str) -> list[str]:
    """The control characters in ``text``, shown (empty: none)."""
    return sorted({repr(m.group()) for m in UNSAFE.finditer(text)})


def hostile_transcript(folder: Path, name: str = HOSTILE_NAME) -> Path:
    """The Q4 2003 sample with the attack in a sentence, a speaker's title
    and an analyst's firm, saved under a file name holding it too."""
    text = (SAMPLES / Q4_2003).read_text(encoding="utf-8")
    text = text.replace("related deferred revenue", f"related deferred {ATTACK} revenue metro", 1)
    text = text.replace("Dana Evan - EVP and CFO", f"Dana Evan - EVP{CLEAR} and CFO", 1)
    text = text.replace("Todd Raker - Analyst", f"Todd Raker - Analyst{TITLE}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def annotate_hostile(path: Path) -> CallAnnotations:
    """Tag the hostile sentence, with a hostile note and tag, and save."""
    call = parse_file(path)
    start = call.text.index(ATTACK)
    s = CallAnnotations(call)
    s.add(start - 20, start + len(ATTACK) + 10, tags=["metric", f"risk{CLEAR}"], note=f"see {TITLE} note")
    result = s.save()
    assert result.ok, result.message
    return s
