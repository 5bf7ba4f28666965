"""Shared pieces of the hostile annotation-YAML fault tests (issue 13):
a sample call in a temporary folder, the CLI, and a file Earmark wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"
Q1_2003 = "001_c59ed768412944d4.txt"
EARMARK = Path(sys.executable).with_name("earmark")


def sample_folder(tmp_path: Path, names: tuple[str, ...] = (Q4_2003, Q1_2003)) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def sample_call(tmp_path: Path, name: str = Q4_2003):
    folder = tmp_path / "one"
    folder.mkdir(exist_ok=True)
    dest = folder / name
    shutil.copy(SAMPLES / name, dest)
    return dest, parse_file(dest)


def sidecar(transcript: Path) -> Path:
    return sidecar_path(transcript)


def earmark(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([str(EARMARK), *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env)


def tagged(transcript: Path, find: str = "VeriSign", tag: str = "metric") -> str:
    """Tag ``find`` with the CLI, as a user would; the annotation file text."""
    done = earmark("tag", transcript, "--find", find, "--tag", tag)
    assert done.returncode == 0, done.stderr
    return sidecar(transcript).read_text(encoding="utf-8")
