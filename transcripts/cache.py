"""The on-disk cache of parsed calls, so a corpus opens again in a blink.

Layout, under ``locations.cache_dir() / "calls"``:

- ``index.pickle`` maps a resolved transcript path to ``(size, mtime_ns,
  sha256)``: an unchanged file (same size and mtime) is not even re-hashed.
- ``<fingerprint>/<sha256>-<name-hash>.call`` holds one parsed call. The key
  is the content hash plus the file name (metadata is inferred from the name),
  and the folder is the fingerprint of the parser's source, so an edited
  transcript or a changed parser simply misses and is parsed again.

Entries are written atomically (temporary file + ``os.replace``). Anything
wrong with the cache (missing, corrupt, unreadable, read-only disk) is a miss
or a silently skipped write: the cache may make Earmark faster, never fail.

Calls are stored in a compact form (plain tuples, integer arrays) rather than
pickled as dataclasses: unpickling thousands of slotted dataclass objects goes
through Python-level ``__setstate__`` per object and was the slowest part of a
cache load.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from array import array
from dataclasses import fields
from functools import cache
from pathlib import Path

from transcripts import locations
from transcripts.model import Call, Exchange, Problem, Speaker, Turn

CACHE_FORMAT = 1
"""Bump when the layout of entries or of the index changes."""

_PACKAGE_DIR = Path(__file__).resolve().parent

Stamp = tuple[int, int, str]
"""(size, mtime_ns, sha256) of a transcript file as last seen."""


# -- where -----------------------------------------------------------------


NOT_THE_PARSER = ("catalog", "search")
"""Sub-packages that only read parsed calls: an edit to them keeps every
parsed call (a re-parse of 30,000 calls is minutes). What they build from
the calls has its own fingerprint, of the parser and of their own code
(``code_fingerprint``): the catalog's rows, the search index."""


@cache
def parser_fingerprint() -> str:
    """A short hash of the code that turns a file into a ``Call``.

    Computed from the package's own source (its sub-packages too: the file
    formats) rather than a version constant someone must remember to bump:
    any edit to the parser, the model, a format reader or the metadata rules
    invalidates every cached call, and so does another version of a library
    that extracts text (a new PDFium may read the same PDF differently)."""
    from transcripts.formats import reader_fingerprint

    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    digest.update(reader_fingerprint().encode())
    hash_sources(digest, _PACKAGE_DIR, skip=NOT_THE_PARSER)
    return digest.hexdigest()[:16]


def code_fingerprint(part: str) -> str:
    """The parser's fingerprint and the source of the sub-package ``part``
    (``catalog``, ``search``): what a cache built by that code from parsed
    calls must match."""
    return hashlib.sha256(f"{parser_fingerprint()}:{_source_fingerprint(part)}".encode()).hexdigest()[:16]


@cache
def _source_fingerprint(part: str) -> str:
    digest = hashlib.sha256()
    hash_sources(digest, _PACKAGE_DIR / part)
    return digest.hexdigest()


def hash_sources(digest: "hashlib._Hash", root: Path, skip: tuple[str, ...] = ()) -> None:
    """Feed every Python source under ``root`` (name and bytes, in a fixed
    order) to ``digest``: the fingerprint of a package's code, for caches
    whose answers that code decides. ``skip``: sub-packages left out."""
    for source in sorted(root.rglob("*.py")):
        try:
            if source.relative_to(root).parts[0] in skip:
                continue
            digest.update(source.relative_to(root).as_posix().encode())
            digest.update(source.read_bytes())
        except OSError:
            continue


def cache_root() -> Path:
    return locations.cache_dir() / "calls"


def entry_path(sha256: str, file_name: str) -> Path:
    name_hash = hashlib.sha1(file_name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return cache_root() / parser_fingerprint() / f"{sha256}-{name_hash}.call"


# -- compact form ----------------------------------------------------------


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_TURN_FIELDS = ("index", "speaker", "section", "line_start", "line_end", "start", "end",
                "paragraphs", "first_sentence", "end_sentence")
"""The fields of ``Turn`` the fast rebuild below was written for; another
shape of ``Turn`` takes the general (slower) path."""


_CALL_PARTS = ("turns", "speakers", "exchanges", "warnings")


def encode_call(call: Call) -> bytes:
    """The call as bytes; the inverse of ``decode_call``."""
    speakers = call.speakers
    position = {id(s): i for i, s in enumerate(speakers)}
    exchange_names = _names(Exchange)
    exchanges = []
    for ex in call.exchanges:
        row = [getattr(ex, n) for n in exchange_names]
        row[exchange_names.index("analyst")] = position.get(id(ex.analyst), ex.analyst)
        exchanges.append(tuple(row))
    plain = {n: getattr(call, n) for n in _names(Call) if n not in _CALL_PARTS}
    payload = (
        CACHE_FORMAT,
        plain,
        [_row(s, Speaker) for s in speakers],
        _pack_turns(call.turns, position),
        exchanges,
        [_row(p, Problem) for p in call.warnings],
    )
    return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def _row(obj: object, cls: type) -> tuple:
    return tuple(getattr(obj, n) for n in _names(cls))


def _pack_turns(turns: list[Turn], position: dict[int, int]) -> tuple:
    """Turns as two integer arrays (nine numbers per turn, then the
    paragraph bounds): an array unpickles as one block of memory, where a
    tuple per turn and per paragraph costs an object per number."""
    if _names(Turn) != _TURN_FIELDS or any(id(t.speaker) not in position for t in turns):
        return ("rows", [_row(t, Turn) for t in turns])
    sections: list[str] = []
    ints = array("q")
    bounds = array("q")
    for t in turns:
        if t.section not in sections:
            sections.append(t.section)
        ints.extend((t.index, position[id(t.speaker)], sections.index(t.section), t.line_start,
                     t.line_end, t.start, t.end, t.first_sentence, t.end_sentence, len(t.paragraphs)))
        for start, end in t.paragraphs:
            bounds.append(start)
            bounds.append(end)
    return ("packed", sections, ints, bounds)


def _unpack_turns(packed: tuple, speakers: list[Speaker]) -> list[Turn]:
    if packed[0] == "rows":
        return _rebuild_turns(packed[1], speakers)
    _, sections, ints, bounds = packed
    it = iter(bounds)
    pairs = list(zip(it, it))
    turns = []
    at = 0
    for i, s, sec, ls, le, st, en, fs, es, n in zip(*[iter(ints)] * 10):
        turns.append(Turn(i, speakers[s], sections[sec], ls, le, st, en, pairs[at : at + n], fs, es))
        at += n
    return turns


def decode_call(data: bytes) -> Call:
    """Rebuild a call; raises on anything that is not a current entry."""
    fmt, plain, speaker_rows, packed_turns, exchange_rows, warning_rows = pickle.loads(data)
    if fmt != CACHE_FORMAT:
        raise ValueError("old cache format")
    speakers = [Speaker(*row) for row in speaker_rows]
    turns = _unpack_turns(packed_turns, speakers)
    at_ex = _names(Exchange).index("analyst")
    exchanges = []
    for row in exchange_rows:
        row = list(row)
        if isinstance(row[at_ex], int):
            row[at_ex] = speakers[row[at_ex]]
        exchanges.append(Exchange(*row))
    warnings = [Problem(*row) for row in warning_rows]
    return Call(**plain, turns=turns, speakers=speakers, exchanges=exchanges, warnings=warnings)


def _rebuild_turns(turn_rows: list[tuple], speakers: list[Speaker]) -> list[Turn]:
    """The general path, for a ``Turn`` whose fields changed shape."""
    at = _names(Turn).index("speaker")
    turns = []
    for row in turn_rows:
        row = list(row)
        if isinstance(row[at], int):
            row[at] = speakers[row[at]]
        turns.append(Turn(*row))
    return turns


# -- files -----------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file in the same folder
    and ``os.replace``, so a reader never sees half an entry. False (never
    an exception) when the disk refuses."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def load_entry(sha256: str, file_name: str) -> Call | None:
    """The cached call for this content and name, or None on any miss."""
    try:
        data = entry_path(sha256, file_name).read_bytes()
        return decode_call(data)
    except Exception:  # missing, corrupt or from another version: a miss
        return None


def store_entry(call: Call, file_name: str) -> bool:
    try:
        data = encode_call(call)
    except Exception:  # a call the compact form cannot hold: do without the cache
        return False
    return write_atomic(entry_path(call.sha256, file_name), data)


def store_encoded(data: bytes, sha256: str, file_name: str) -> bool:
    return write_atomic(entry_path(sha256, file_name), data)


# -- the index of files already hashed --------------------------------------


def _index_path() -> Path:
    return cache_root() / f"index-{CACHE_FORMAT}.pickle"


def load_index() -> dict[str, Stamp]:
    try:
        index = pickle.loads(_index_path().read_bytes())
    except Exception:  # no index yet, or a damaged one: start afresh
        return {}
    return index if isinstance(index, dict) else {}


def save_index(index: dict[str, Stamp]) -> bool:
    try:
        data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return False
    return write_atomic(_index_path(), data)


MAX_INDEX_ENTRIES = 100_000
"""Past this many remembered files the index forgets those not loaded now
(files deleted or moved long ago), so it never grows without bound."""

STALE_VERSION_SECONDS = 24 * 3600
"""Entries written by another parser version are removed once they have not
been touched for a day (not at once: two checkouts may share a cache)."""


def trim_index(index: dict[str, Stamp], keep: set[str]) -> dict[str, Stamp]:
    if len(index) <= MAX_INDEX_ENTRIES:
        return index
    return {k: v for k, v in index.items() if k in keep}


def prune_old_versions(now: float | None = None) -> None:
    """Remove entry folders of parser versions unused for a day."""
    import shutil
    import time

    now = time.time() if now is None else now
    try:
        folders = [p for p in cache_root().iterdir() if p.is_dir() and p.name != parser_fingerprint()]
    except OSError:
        return
    for folder in folders:
        try:
            if now - folder.stat().st_mtime > STALE_VERSION_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def known_sha256(index: dict[str, Stamp], resolved: str, st: os.stat_result) -> str | None:
    """The content hash recorded for this file if it has not changed since
    (same size and modification time), else None."""
    stamp = index.get(resolved)
    if stamp and stamp[0] == st.st_size and stamp[1] == st.st_mtime_ns:
        return stamp[2]
    return None
