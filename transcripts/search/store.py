"""The index of a corpus: built once, kept in the on-disk cache, brought up
to date when transcripts change.

One file per set of transcript paths, under ``cache_dir()/search``. Inside,
each call is a segment keyed by its path and content hash, so opening the
same folder after one transcript was edited re-indexes that transcript
only. Opening a different set of files starts from the closest earlier index
(the one sharing most paths) rather than from nothing.

The cache is an accelerator, never a failure: unreadable, stale or damaged
files are rebuilt; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path
from typing import Sequence

from transcripts import locations
from transcripts.model import Call
from transcripts.search.index import _MAGIC, _PARTS, Progress, SearchIndex

KEEP_FILES = 8
"""Index files kept in the cache folder (the least recently used go)."""


def cache_folder() -> Path:
    return locations.cache_dir() / "search"


def cache_file(calls: Sequence[Call]) -> Path:
    paths = sorted({os.path.abspath(c.path) for c in calls})
    key = hashlib.sha256("\n".join(paths).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_folder() / f"{key}.index"


def load_or_build(
    calls: Sequence[Call],
    progress: Progress | None = None,
    use_cache: bool = True,
) -> SearchIndex:
    """The index of ``calls``, from the cache when it has one, updated for
    what changed, and saved back when anything did."""
    if not use_cache:
        return SearchIndex.build(calls, progress)
    path = cache_file(calls)
    index = SearchIndex.load(path)
    from_elsewhere = False
    if index is None:
        nearest = _nearest_file(calls, path)
        index = SearchIndex.load(nearest) if nearest else None
        from_elsewhere = index is not None
    if index is None:
        index = SearchIndex.build(calls, progress)
        changed = True
    else:
        changed = index.sync(calls, progress) or from_elsewhere
    if changed:
        index.save(path)
        _prune()
    else:
        _touch(path)
    return index


def refresh(index: SearchIndex, calls: Sequence[Call], progress: Progress | None = None) -> bool:
    """Bring ``index`` up to date with ``calls`` (a transcript changed,
    appeared or went away) and save it; returns whether anything changed."""
    changed = index.sync(calls, progress)
    if changed:
        index.save(cache_file(calls))
    return changed


def _header_paths(path: Path) -> set[str]:
    try:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                return set()
            size = struct.unpack(f"<{_PARTS}Q", f.read(8 * _PARTS))[0]
            header = json.loads(f.read(size))
        return {seg[0] for seg in header.get("segments", []) if seg[4]}
    except (OSError, ValueError, KeyError, IndexError, struct.error):
        return set()


def _nearest_file(calls: Sequence[Call], exclude: Path) -> Path | None:
    wanted = {c.path for c in calls}
    best, best_shared = None, 0
    try:
        candidates = [p for p in cache_folder().glob("*.index") if p != exclude]
    except OSError:
        return None
    for p in candidates:
        shared = len(wanted & _header_paths(p))
        if shared > best_shared and shared * 2 >= len(wanted):
            best, best_shared = p, shared
    return best


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune() -> None:
    try:
        files = sorted(cache_folder().glob("*.index"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in files[KEEP_FILES:]:
            p.unlink(missing_ok=True)
    except OSError:
        pass
