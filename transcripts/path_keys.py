"""The key a corpus knows a file by: its absolute spelling, made without
touching the disk. The catalog, the annotation memos and the stray check
all look files up by it, so they must spell a path the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

_POSIX = os.sep == "/" and os.altsep is None
_NOT_PLAIN_ENDS = ("/", "/.", "/..")


def resolved(path: str | Path) -> str:
    """An absolute spelling of ``path``, without touching the disk (a
    corpus has thousands of files; resolving links costs a stat per part).
    A path already absolute and plain (no ``//``, no ``.`` or ``..`` part,
    no slash at the end: what a walk of an absolute folder gives) is its
    own spelling, and is not normalised again: the stray check asks this of
    40,000 paths at 30,000 calls. A hidden folder on the way (``~/.cache``)
    is plain too."""
    if (_POSIX and type(path) is str and path[:1] == "/" and "//" not in path and "/./" not in path
            and "/../" not in path and not path.endswith(_NOT_PLAIN_ENDS)):
        return path
    return os.path.abspath(path)


def unique_paths(paths: Iterable[str | Path]) -> Iterator[tuple]:
    """Each path with its absolute spelling, once however often it was
    found (named directly and inside a folder)."""
    seen: set[str] = set()
    for p in paths:
        key = resolved(p)
        if key not in seen:
            seen.add(key)
            yield p, key
