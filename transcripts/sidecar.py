"""Where a transcript's annotation file lives, and the one part of it the
domain of calls reads: the optional ``call:`` block that corrects inferred
metadata. The rest of the file belongs to ``annotations``."""

from __future__ import annotations

from pathlib import Path

SIDECAR_SUFFIX = ".annotations.yaml"
MAX_SIDECAR_BYTES = 20 * 1024 * 1024


def sidecar_path(transcript: str | Path) -> Path:
    p = Path(transcript)
    return p.with_name(p.stem + SIDECAR_SUFFIX)


def is_sidecar(path: str | Path) -> bool:
    return str(path).endswith(SIDECAR_SUFFIX)
