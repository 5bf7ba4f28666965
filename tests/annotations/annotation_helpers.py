"""Shared helpers for the annotation tests: a parsed sample call in a tmp
folder, and the path of its annotation file."""

from __future__ import annotations

import shutil
from pathlib import Path

from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"


def sample_call(tmp_path: Path, name: str = Q4_2003, text: str | None = None):
    """A copy of a sample transcript (optionally with new text) and its Call."""
    dest = tmp_path / name
    if text is None:
        shutil.copy(SAMPLES / name, dest)
    else:
        dest.write_text(text, encoding="utf-8")
    return dest, parse_file(dest)


def sidecar(transcript: Path) -> Path:
    return sidecar_path(transcript)


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"
"""A guidance sentence of the Q4 2003 sample."""
GROWTH = "up 16% sequentially"


def saved_session(tmp_path: Path):
    """A sample call with one guidance annotation already saved to disk:
    the starting point of the fault and recovery tests."""
    from annotations.session import CallAnnotations

    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(*span_of(call.text, GUIDE), ["guidance"])
    assert s.save().ok
    return path, call, s
