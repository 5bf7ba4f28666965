"""The speakers and notices of a remembered corpus: nine tenths of its
bytes (about 2 KB a call, 60 MB at 30,000 calls), so they are kept apart
from the entries, in ``CHUNKS`` chunks by path, and read a chunk at a time
when an entry is first asked for its own.

Most commands never look at them (a listing counts speakers from the count
it keeps). The one that does after a change is the next ``remember``: it
writes again the chunk of each changed file, and so needs the speakers of
that chunk's other calls only. Reading every chunk for them was a fifth of
a second of the command after one changed file at 30,000 calls. A command
that asks for most of them (speakers across calls) gets the rest at once
after a quarter of the chunks.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import threading
import zlib
from pathlib import Path
from typing import Any

from transcripts import path_keys
from transcripts.catalog import remembered_rows
from transcripts.catalog.entry import CallEntry
from transcripts.catalog.store import Catalog, CatalogUnavailable

CHUNKS = 64
"""Chunks by path: after one file changed, one chunk is written again, not
the whole."""

_NONE = ("[]", "[]")
READ_ALL_AFTER = CHUNKS // 4
"""Chunks read one by one before the rest are read at once: the command
after a change of a few files reads those files' chunks only, and one that
asks every call's speakers (identity across calls) reads the rest in one go."""


def chunk_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % CHUNKS


def signature(members: list) -> str:
    """Which files, of which bytes, a chunk holds: the same signature, the
    same speakers and notices (they come from the parse of those bytes)."""
    pairs = sorted((e.path, e.sha256) for e in members)
    return hashlib.sha256("".join(f"{path}\1{sha}\0" for path, sha in pairs)
                          .encode("utf-8", "surrogateescape")).hexdigest()


class Extras:
    """The speakers and notices of a recalled corpus's entries, read by
    chunk on first use. When the remembered corpus was replaced meanwhile
    (its folders changed), each call's own row in the catalog answers, if it
    is still of the same bytes; else the entry has none, and its call still
    opens with its speakers from its parse."""

    def __init__(self, catalog_path: Path, key: str, digest: str, files: list[tuple[str, str]],
                 fmt: int) -> None:
        self._where = (catalog_path, key, digest, fmt)
        self._files = files
        """(path, sha256) of each entry, in order."""
        self._rows: list[tuple[str, Any] | None] = [None] * len(files)
        self._members: dict[int, list[int]] | None = None
        self._read: set[int] = set()
        self._known: dict[str, tuple] | None = None
        self._lock = threading.Lock()

    def speakers(self, i: int) -> str:
        return self._row(i)[0]

    def notices(self, i: int) -> "str | list":
        return self._row(i)[1]

    def _row(self, i: int) -> tuple[str, Any]:
        with self._lock:
            row = self._rows[i]
            if row is None:
                chunk = chunk_of(self._files[i][0])
                if chunk not in self._read:
                    many = len(self._read) >= READ_ALL_AFTER
                    self._read_chunks([c for c in range(CHUNKS) if c not in self._read] if many else [chunk])
                row = self._rows[i]
            return row if row is not None else _NONE

    def _read_chunks(self, chunks: list[int]) -> None:
        self._read.update(chunks)
        if self._members is None:
            self._members = {}
            for j, (name, _sha) in enumerate(self._files):
                self._members.setdefault(chunk_of(name), []).append(j)
        path, key, _digest, fmt = self._where
        try:
            catalog = Catalog(path)
        except CatalogUnavailable:
            return
        try:
            for chunk in chunks:
                self._take_chunk(catalog, key, fmt, chunk, self._members.get(chunk, []))
        except Exception:  # noqa: BLE001 (not ours: the entries go without)
            return
        finally:
            catalog.close()

    def _take_chunk(self, catalog: Catalog, key: str, fmt: int, chunk: int, members: list[int]) -> None:
        kept: dict[str, tuple] = {}
        blob = remembered_rows.read_chunk(catalog, key, chunk)
        if blob is not None:
            got_fmt, made = pickle.loads(blob)
            if got_fmt == fmt:
                kept = made
        missing = []
        for j in members:
            name, sha = self._files[j]
            got = kept.get(name)
            if got is not None and got[0] == sha:
                self._rows[j] = (got[1], got[2])
            else:
                missing.append(j)
        if missing:  # replaced meanwhile: each call's own row answers
            if self._known is None:
                self._known = catalog.speakers_and_notices()
            for j in missing:
                name, sha = self._files[j]
                sha_now, speakers, notices = self._known.get(path_keys.resolved(name), (None, "[]", []))
                self._rows[j] = (speakers, notices) if sha_now == sha else _NONE

    def __reduce__(self):
        """Pickled (an entry sent to another process) without what it read."""
        return (Extras, (*self._where[:3], self._files, self._where[3]))


def speaker_text(entry: "CallEntry | Any") -> str:
    """An entry's speakers as kept: the text it holds when it has not made
    them (a recalled entry reads it from the corpus remembered before)."""
    if isinstance(entry, CallEntry) and entry._speakers is None:
        rows = entry.speaker_rows() if callable(entry.speaker_rows) else entry.speaker_rows
        if isinstance(rows, str):
            return rows
    return json.dumps([(s.key, s.name, s.title, s.role, s.firm, s.turns, s.label, s.inferred)
                       for s in entry.speakers])


def notice_text(entry: "CallEntry | Any") -> str:
    if isinstance(entry, CallEntry) and entry._notices is None:
        rows = entry.notice_rows() if callable(entry.notice_rows) else entry.notice_rows
        if isinstance(rows, str):
            return rows
    return json.dumps(entry.notices)
