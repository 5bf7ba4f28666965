"""After a few files changed, the annotation files of every other call
answer as the remembered corpus kept them, instead of being matched to
their calls again.

Matching 30,000 calls to their annotation files (a listing per folder, a
stat and the catalog's memo per annotated call) was a third of a second
of the command after one file changed, where the walk has just said which
files are as they were. Which annotation file is a call's, and what it
says, depends only on the files of the same name in its folder: its two
possible annotation files (``stem.annotations.yaml``, the whole name's),
and other transcripts of the same stem (``sidecar.sidecar_path``). So a
call keeps its remembered answer unless a file of its folder with its
stem or its whole name was added, removed or changed since; the others
are asked of the memo, as in any load.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from transcripts import corpus as corpus_module
from transcripts.call_overrides import SidecarInfo
from transcripts.catalog.store import SidecarRow
from transcripts.sidecar import SIDECAR_SUFFIX

Remembered = list[tuple[str, str, SidecarRow]]
"""(transcript, its annotation file, what the file said), as remembered."""


def untouched_answers(
    remembered: Remembered,
    unchanged: Iterable[str],
    changed: Iterable[str],
    sidecar_files: list[Path],
    stats: dict[str, os.stat_result],
    info: Callable[[str, SidecarRow], SidecarInfo],
) -> dict[str, SidecarInfo | None]:
    """The remembered answer (an annotation file's, or None for none) of
    each transcript of ``unchanged`` that no change can have touched.
    ``changed``: transcripts added, changed or removed since; the walk's
    annotation files and their ``stats``; ``info`` makes an answer of a
    remembered row."""
    dirty: set[str] = set()
    """The path without its suffix (the stem's), or whole, of every file
    added, removed or changed (a transcript's name always has a suffix)."""
    recent_ns = int(corpus_module.RECENT_SECONDS * 1e9)
    kept = {name: row for _, name, row in remembered}
    seen: set[str] = set()
    for p in sidecar_files:
        name = str(p)
        seen.add(name)
        st, row = stats.get(name), kept.get(name)
        if (st is None or row is None or (row.size, row.mtime_ns) != (st.st_size, st.st_mtime_ns)
                or row.mtime_ns >= row.checked_ns - recent_ns):  # too close to when it was read: read again
            dirty.update(_sidecar_keys(name))
    for name in kept:
        if name not in seen:
            dirty.update(_sidecar_keys(name))
    for path in changed:
        dirty.add(path[: path.rfind(".")])
    by_transcript = {path: (name, row) for path, name, row in remembered}
    out: dict[str, SidecarInfo | None] = {}
    for path in unchanged:  # 30,000 of them: string slices and set lookups only
        if path in dirty or path[: path.rfind(".")] in dirty:
            continue
        got = by_transcript.get(path)
        out[path] = None if got is None else info(got[0], got[1])
    return out


def _sidecar_keys(name: str) -> tuple[str, ...]:
    """``a.annotations.yaml`` is the file of stem ``a``,
    ``a.pdf.annotations.yaml`` of the whole name ``a.pdf``; either may
    also decide for a twin of the same stem (``a.txt``)."""
    base = name[: -len(SIDECAR_SUFFIX)] if name.endswith(SIDECAR_SUFFIX) else name
    dot = base.rfind(".")
    return (base, base[:dot]) if dot > base.rfind(os.sep) else (base,)
