"""Shared set-up of the file-system fault tests (``test_fs_*``): sample
transcripts in temporary folders, the CLI run in this process, and the
annotations on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from transcripts.sidecar import sidecar_path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"
Q1_2003 = "001_c59ed768412944d4.txt"
GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"
GROWTH = "up 16% sequentially"


def sample(folder: Path, name: str, source: str = Q4_2003) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / name
    shutil.copy(SAMPLES / source, dest)
    return dest


def quotes(yaml_path: Path) -> list[str]:
    doc = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    return [a["quote"] for a in doc.get("annotations") or []]


def on_disk(transcript: Path) -> list[str]:
    side = sidecar_path(transcript)
    return quotes(side) if side.exists() else []


def sentences(path: Path, n: int) -> list[str]:
    """``n`` distinct sentences of a transcript, to tag one each."""
    from transcripts.corpus import parse_file

    call = parse_file(path)
    out: list[str] = []
    for s, e in zip(call.sentence_starts, call.sentence_ends):
        text = call.text[s:e]
        if len(text) > 30 and "\n" not in text and call.text.count(text) == 1 and text not in out:
            out.append(text)
        if len(out) == n:
            return out
    raise AssertionError("not enough sentences")
