"""Where a transcript's annotation file lives, and back: which transcript an
annotation file belongs to. Every command and the app go through these two
functions, so ``tag``, ``show``, ``annotations``, ``check`` and ``export``
agree on both directions.

The rule (one transcript, one annotation file):

- ``calls/acme-2024-q3.txt`` -> ``calls/acme-2024-q3.annotations.yaml``, and
  likewise for any suffix (``acme-q3.pdf`` -> ``acme-q3.annotations.yaml``).
- When another transcript in the same folder has the same stem (``foo.txt``
  and ``foo.md``, ``acme.pdf`` and ``acme.txt``), the short name can belong to
  only one of them. It stays with the transcript its ``transcript:`` key
  names (so files written before the clash keep working); every other one
  uses its whole file name: ``foo.md.annotations.yaml``. With no short file
  yet, each of them uses its whole name. A short file naming none of them
  (an old or hand-made one) goes to the first of them in suffix order
  (``.txt`` before ``.md``), as Earmark always read it.
- A whole-name file, once it exists, is always used (so removing ``foo.md``
  later does not hide the annotations of ``foo.txt``).

This module also holds the one part of the file the domain of calls reads:
the optional ``call:`` block that corrects inferred metadata (see
``call_overrides``). The rest of the file belongs to ``annotations``.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

SIDECAR_SUFFIX = ".annotations.yaml"
MAX_SIDECAR_BYTES = 20 * 1024 * 1024

_OWNER_PEEK_BYTES = 8192
"""``transcript:`` is the second line of every file Earmark writes."""
_TRANSCRIPT_KEY = re.compile(r"^transcript:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _suffixes() -> tuple[str, ...]:
    # Read at call time (transcripts.formats imports the readers, which
    # import this module).
    from transcripts.formats import SUFFIXES

    return tuple(s.lower() for s in SUFFIXES)


def is_sidecar(path: str | Path) -> bool:
    return str(path).endswith(SIDECAR_SUFFIX)


def _is_source_name(name: str) -> bool:
    """A name the folder walk would read as a transcript."""
    return (
        not name.startswith(".")
        and os.path.splitext(name)[1].lower() in _suffixes()
        and not is_sidecar(name)
    )


def short_sidecar(transcript: str | Path) -> Path:
    p = Path(transcript)
    return p.with_name(p.stem + SIDECAR_SUFFIX)


def path_stem(name: str) -> str:
    """``PurePath(name).stem`` without building a path, for loops over
    thousands of names (the short name's rule: ``short_sidecar``)."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def whole_name_sidecar(transcript: str | Path) -> Path:
    p = Path(transcript)
    return p.with_name(p.name + SIDECAR_SUFFIX)


def sidecar_path(transcript: str | Path) -> Path:
    """The annotation file of ``transcript`` (see the module docstring).
    Remembered until the folder changes: every name that decides it (the
    whole-name file, the twins, the short file) comes and goes by changing
    the folder's mtime."""
    p = Path(transcript)
    key = str(p)
    try:
        stamp = os.stat(p.parent).st_mtime_ns
    except OSError:
        stamp = None
    cached = _answers.get(key)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    answer = _sidecar_path(p)
    if stamp is not None and time.time_ns() - stamp > _SETTLE_NS:
        if len(_answers) > 100_000:
            _answers.clear()
        _answers[key] = (stamp, answer)
    return answer


_answers: dict[str, tuple[int, Path]] = {}


def listed_sidecar_path(transcript: str) -> str | None:
    """``sidecar_path(transcript)`` when the folder's listing alone decides
    it, else None (ask ``sidecar_path``): with no whole-name file and no
    other transcript of the same stem, it is the short file. A load asks
    this of every annotated call (3,000 at 30,000 calls), where the three
    stats and four ``Path``s of ``sidecar_path`` were a fifth of a command
    after one file changed."""
    folder, name = os.path.split(transcript)
    i = name.rfind(".")
    if not 0 < i < len(name) - 1:
        return None  # no suffix: sidecar_path's own rule
    listing = _listing(folder or ".")
    if not listing:
        return None  # unreadable (it holds the transcript, so it is not empty)
    whole = name + SIDECAR_SUFFIX
    if whole in listing.get(_stem(whole), ()):
        return None  # a whole-name file: it may be a link, or dangling
    stem = name[:i]
    if any(n != name and _is_source_name(n) for n in listing.get(stem, ())):
        return None  # a twin: the short file's owner decides
    return os.path.join(folder, stem + SIDECAR_SUFFIX)


def _sidecar_path(p: Path) -> Path:
    short = short_sidecar(p)
    if not p.suffix:
        return short  # the whole name is the stem: nothing to tell apart
    whole = whole_name_sidecar(p)
    if whole.exists():
        return whole
    partners = same_stem_sources(p)
    if not partners:
        return short
    if not short.exists():
        return whole
    owner = sidecar_owner(short)
    if owner == p.name:
        return short
    if owner in partners:
        return whole
    first = min([p.name, *partners], key=_suffix_rank)
    return short if first == p.name else whole


def transcript_of_sidecar(sidecar: str | Path) -> Path | None:
    """The transcript an annotation file belongs to (None when it has none):
    the exact inverse of ``sidecar_path``."""
    side = Path(sidecar)
    if not is_sidecar(side.name):
        return None
    base = side.name[: -len(SIDECAR_SUFFIX)]
    candidates: list[Path] = []
    if os.path.splitext(base)[1]:
        candidates.append(side.with_name(base))  # the whole-name form
    names = [n for n in _listing(side.parent).get(base, ()) if _is_source_name(n)]
    candidates += [side.with_name(n) for n in sorted(names, key=_suffix_rank)]
    owner = sidecar_owner(side)
    if owner and "/" not in owner and owner != ".." and owner != ".":
        candidates.append(side.with_name(owner))  # a file named directly, any suffix
    for c in candidates:
        if (c.exists() or c.is_symlink()) and not c.is_dir() and sidecar_path(c) == side:
            return c
    return None


def same_stem_sources(transcript: Path) -> list[str]:
    """Names of the other transcripts in ``transcript``'s folder with its stem."""
    stem = transcript.stem
    return [n for n in _listing(transcript.parent).get(stem, ()) if n != transcript.name and _is_source_name(n)]


def sidecar_owner(sidecar: Path) -> str | None:
    """The ``transcript:`` name an annotation file states (None: no file, or
    no such key). Only the head of the file is read."""
    try:
        if not stat.S_ISREG(os.stat(sidecar).st_mode):
            return None  # a pipe would block the open
        with open(sidecar, "rb") as f:
            head = f.read(_OWNER_PEEK_BYTES)
    except OSError:
        return None
    m = _TRANSCRIPT_KEY.search(head.decode("utf-8", "replace"))
    if not m:
        return None
    value = m.group(1)
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        value = inner.replace("''", "'") if value[0] == "'" else _unescape_double(inner)
    return value or None


def _unescape_double(text: str) -> str:
    try:
        import yaml

        got = yaml.safe_load(f'"{text}"')
        return got if isinstance(got, str) else text
    except Exception:  # an odd hand edit: the raw text is the best guess
        return text


def _stem(name: str) -> str:
    return os.path.splitext(name)[0]


def _suffix_rank(name: str) -> tuple[int, str]:
    suffixes = _suffixes()
    ext = os.path.splitext(name)[1].lower()
    return (suffixes.index(ext) if ext in suffixes else len(suffixes), name)


_SETTLE_NS = 50_000_000
"""A listing is reused only while the folder's mtime is unchanged and was
already this old when listed: a file created in the same clock tick as the
listing (the file system's clock is a few milliseconds coarse) would not
change the mtime, so a folder changed that recently is listed again."""

_listings: dict[str, tuple[int, dict[str, list[str]]]] = {}


def _listing(folder: str | Path) -> dict[str, list[str]]:
    """The names in ``folder``, grouped by stem."""
    key = str(folder)
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return {}
    cached = _listings.get(key)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    names: dict[str, list[str]] = {}
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                names.setdefault(_stem(e.name), []).append(e.name)
    except OSError:
        return {}
    if time.time_ns() - mtime > _SETTLE_NS:
        if len(_listings) > 4096:
            _listings.clear()
        _listings[key] = (mtime, names)
    return names
