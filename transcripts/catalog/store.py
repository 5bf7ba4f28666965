"""The catalog file: one SQLite database under ``locations.cache_dir()``.

Keyed by the resolved transcript path, it remembers each file's stamp
(size, mtime_ns, sha256, when it was checked) and either the call's record
(metadata, speakers, turns, exchanges) or the error that file gave, so a
bad file is reported on every start without being parsed again.

The rows belong to one parser (``cache.parser_fingerprint()``): when the
parser changes, every row is dropped and rebuilt rather than mixed with
rows of another version. WAL and a busy timeout let the app and a command
line read and write it at the same time. A damaged file is moved aside and
rebuilt; a folder that cannot hold it means no catalog (the corpus then
loads as it did before it existed). Neither is ever a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from transcripts import cache, locations
from transcripts.catalog.entry import CallRecord, TurnEntry
from transcripts.model import Problem

SCHEMA_VERSION = 5
"""Bump when the tables change shape: the rows are rebuilt."""

BUSY_TIMEOUT_MS = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT, checked_ns INTEGER NOT NULL, error TEXT
);
CREATE TABLE IF NOT EXISTS calls (path TEXT PRIMARY KEY, meta TEXT NOT NULL, speakers TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    path TEXT NOT NULL, idx INTEGER NOT NULL, speaker TEXT NOT NULL, section TEXT NOT NULL,
    line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, first_sentence INTEGER NOT NULL, end_sentence INTEGER NOT NULL,
    PRIMARY KEY (path, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sidecars (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, checked_ns INTEGER NOT NULL,
    info TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS memos (
    kind TEXT NOT NULL, path TEXT NOT NULL, stamp TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS remembered (
    key TEXT PRIMARY KEY, digest TEXT NOT NULL, made_ns INTEGER NOT NULL, value BLOB NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS remembered_extras (
    key TEXT NOT NULL, chunk INTEGER NOT NULL, files TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (key, chunk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exchanges (
    path TEXT NOT NULL, position INTEGER NOT NULL, analyst TEXT NOT NULL,
    first_turn INTEGER NOT NULL, end_turn INTEGER NOT NULL, PRIMARY KEY (path, position)
) WITHOUT ROWID;
"""

_PER_CALL = ("calls", "turns", "exchanges")

_DROPPED_WITH_THE_PARSER = ("files", *_PER_CALL, "sidecars", "memos", "remembered", "remembered_extras")

_GONE_TABLES = ("speakers",)
"""Tables of earlier schemas (speakers now sit in their call's row: reading
them as 14 rows a call was a third of a warm start)."""


@dataclass(slots=True)
class FileRow:
    """What the catalog knows of one file."""

    size: int
    mtime_ns: int
    sha256: str | None
    checked_ns: int
    error: Problem | None
    record: CallRecord | None = None


@dataclass(slots=True)
class SidecarRow:
    """What the catalog remembers of one annotation file (see
    ``transcripts.catalog.sidecar_memo``): its ``call:`` corrections, its
    warnings as (message, line, severity), and its annotation count."""

    size: int
    mtime_ns: int
    checked_ns: int
    overrides: dict
    problems: list[tuple]
    count: int | None
    """None until someone asked (counting parses the whole file)."""


def _key(path: str) -> bytes:
    """A path as the catalog keys it: its bytes, so a file name that is not
    UTF-8 (its bad bytes held as surrogates) is a key like any other."""
    return path.encode("utf-8", "surrogateescape")


def _path(key: bytes | str) -> str:
    return key.decode("utf-8", "surrogateescape") if isinstance(key, bytes) else key


def catalog_path() -> Path:
    return locations.cache_dir() / "catalog.sqlite3"


class CatalogUnavailable(Exception):
    """No catalog can be used here (the folder cannot hold one)."""


class Catalog:
    """An open catalog. ``notes`` holds one-line warnings about it (a
    damaged file that was rebuilt), for the caller to show."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or catalog_path()
        self.notes: list[Problem] = []
        self.conn = self._open()

    # -- opening -----------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CatalogUnavailable(str(exc)) from None
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            self._set_aside(exc)
            try:
                return self._connect()
            except sqlite3.Error as again:
                raise CatalogUnavailable(str(again)) from None
        except (sqlite3.Error, OSError) as exc:
            raise CatalogUnavailable(str(exc)) from None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            with conn:
                conn.executescript(_SCHEMA)
            self._check_version(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self, exc: Exception) -> None:
        """Move a damaged catalog out of the way (kept for a post-mortem,
        one generation) and say so in one line."""
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            try:
                if suffix:
                    part.unlink(missing_ok=True)
                elif part.exists():
                    os.replace(part, f"{self.path}.damaged")
            except OSError:
                pass
        self.notes.append(Problem(str(self.path), f"the catalog was damaged ({exc}); rebuilt it", None, "warning"))

    def _check_version(self, conn: sqlite3.Connection) -> None:
        """Rows of another parser, schema or catalog code are dropped, all
        of them."""
        wanted = f"{SCHEMA_VERSION}:{cache.code_fingerprint('catalog')}"
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is not None and row[0] == wanted:
            return
        with conn:  # dropped, not emptied: another schema's tables may have other columns
            for table in (*_DROPPED_WITH_THE_PARSER, *_GONE_TABLES):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.executescript(_SCHEMA)
        with conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?)", (wanted,))

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    # -- reading -----------------------------------------------------------

    def rows(self, paths: Iterable[str] | None = None) -> dict[str, FileRow]:
        """Every file's row (with its call's record, but not its turns),
        or only those of ``paths``; an unreadable catalog reads as empty."""
        wanted = set(paths) if paths is not None else None
        out: dict[str, FileRow] = {}
        try:
            files, calls = self._all_or(wanted)
            for key, size, mtime, sha, checked, error in files:
                path = _path(key)
                if wanted is not None and path not in wanted:
                    continue
                problem = Problem(*json.loads(error)) if error else None
                out[path] = FileRow(size, mtime, sha, checked, problem)
            for key, meta, speakers in calls:
                row_ = out.get(_path(key))
                if row_ is not None and row_.error is None:
                    row_.record = CallRecord(json.loads(meta), speakers, [], [])
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:  # damaged pages or rows
            self.close()
            self._set_aside(exc)
            try:
                self.conn = self._connect()
            except sqlite3.Error as again:
                raise CatalogUnavailable(str(again)) from None
            return {}
        return out

    FEW = 256
    """Up to this many paths are asked for one by one; more, and one scan
    of the tables is quicker (one changed file of 30,000 was a scan of both,
    a tenth of a second)."""

    def _all_or(self, wanted: set[str] | None) -> tuple[Iterable[tuple], Iterable[tuple]]:
        files_sql = "SELECT path, size, mtime_ns, sha256, checked_ns, error FROM files"
        calls_sql = "SELECT path, meta, speakers FROM calls"
        if wanted is None or len(wanted) > self.FEW:
            return self.conn.execute(files_sql), self.conn.execute(calls_sql)
        keys = [(_key(p),) for p in wanted]
        files = [r for k in keys for r in self.conn.execute(files_sql + " WHERE path = ?", k)]
        calls = [r for k in keys for r in self.conn.execute(calls_sql + " WHERE path = ?", k)]
        return files, calls

    def stamps(self) -> dict[str, tuple[int, int]]:
        """Each file's (size, mtime_ns) as last read: enough to tell which
        files changed since, without reading any record."""
        try:
            cur = self.conn.execute("SELECT path, size, mtime_ns FROM files")
            return {_path(key): (size, mtime) for key, size, mtime in cur}
        except sqlite3.DatabaseError:
            return {}

    def sidecar_rows(self) -> dict[str, SidecarRow]:
        """Every annotation file's row; one that does not read back whole
        is left out (it is read again, and its row replaced)."""
        out: dict[str, SidecarRow] = {}
        try:
            for key, size, mtime, checked, info in self.conn.execute(
                    "SELECT path, size, mtime_ns, checked_ns, info FROM sidecars"):
                try:
                    data = json.loads(info)
                    out[_path(key)] = SidecarRow(size, mtime, checked, dict(data["overrides"]),
                                                 [tuple(p) for p in data["problems"]],
                                                 None if data["count"] is None else int(data["count"]))
                except (ValueError, TypeError, KeyError):
                    continue
        except sqlite3.DatabaseError:
            return {}
        return out

    def write_sidecars(self, rows: Iterable[tuple[str, SidecarRow]]) -> bool:
        try:
            with self.conn:
                self.conn.executemany(
                    "INSERT OR REPLACE INTO sidecars VALUES (?, ?, ?, ?, ?)",
                    [(_key(path), r.size, r.mtime_ns, r.checked_ns,
                      json.dumps({"overrides": r.overrides, "problems": r.problems, "count": r.count}))
                     for path, r in rows])
        except (sqlite3.Error, ValueError, TypeError):
            return False
        return True

    def memos(self, kind: str) -> dict[str, tuple[str, str]]:
        """What a package above remembers of each file under ``kind``:
        path -> (the stamp it was true for, its value), both text the
        package wrote. Gone with the parser, like every row here."""
        try:
            cur = self.conn.execute("SELECT path, stamp, value FROM memos WHERE kind = ?", (kind,))
            return {_path(key): (stamp, value) for key, stamp, value in cur}
        except sqlite3.DatabaseError:
            return {}

    def write_memos(self, kind: str, items: Iterable[tuple[str, str, str]]) -> bool:
        """Remember (path, stamp, value) under ``kind``, in one transaction."""
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO memos VALUES (?, ?, ?, ?)",
                                      [(kind, _key(path), stamp, value) for path, stamp, value in items])
        except (sqlite3.Error, ValueError):
            return False
        return True

    def speakers_and_notices(self) -> dict[str, tuple[str | None, str, list]]:
        """Resolved path -> (sha256, speakers text, notices) of every call."""
        out: dict[str, tuple[str | None, str, list]] = {}
        try:
            for key, sha, speakers, meta in self.conn.execute(
                    "SELECT f.path, f.sha256, c.speakers, c.meta FROM files f JOIN calls c ON c.path = f.path"):
                try:
                    notices = json.loads(meta)["notices"]
                except (ValueError, TypeError, KeyError):
                    notices = []
                out[_path(key)] = (sha, speakers, notices)
        except sqlite3.DatabaseError:
            return {}
        return out

    def turns(self, path: str) -> list[TurnEntry]:
        """The turns of one call, offsets only (no text is read)."""
        cur = self.conn.execute(
            'SELECT idx, speaker, section, line_start, line_end, start, "end", first_sentence, end_sentence '
            "FROM turns WHERE path = ? ORDER BY idx", (_key(path),))
        return [TurnEntry(*row) for row in cur]

    # -- writing -----------------------------------------------------------

    def write(self, items: Iterable[tuple[str, tuple[int, int, str | None], CallRecord | Problem]]) -> bool:
        """Record a batch of (resolved path, (size, mtime_ns, sha256),
        record or error) in one transaction: a kill loses at most this batch,
        never leaves half of it. False when the disk refused."""
        now = time.time_ns()
        try:
            with self.conn:
                for name, (size, mtime, sha), what in items:
                    path = _key(name)
                    self._forget(path)
                    error = None
                    if isinstance(what, Problem):
                        error = json.dumps([what.path, what.message, what.line, what.severity])
                    self.conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", (path, size, mtime, sha, now, error))
                    if isinstance(what, CallRecord):
                        self._insert_record(path, what)
        except (sqlite3.Error, ValueError):  # the disk refused, or a value SQLite cannot hold
            return False
        return True

    def _insert_record(self, path: bytes, rec: CallRecord) -> None:
        c = self.conn
        c.execute("INSERT INTO calls VALUES (?, ?, ?)", (path, json.dumps(rec.meta),
                  rec.speakers if isinstance(rec.speakers, str) else json.dumps(rec.speakers)))
        c.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(path, *t) for t in rec.turns])
        c.executemany("INSERT INTO exchanges VALUES (?, ?, ?, ?, ?)",
                      [(path, i, *e) for i, e in enumerate(rec.exchanges)])

    def _forget(self, path: bytes) -> None:
        for table in ("files", *_PER_CALL):
            self.conn.execute(f"DELETE FROM {table} WHERE path = ?", (path,))

    def touch(self, items: Iterable[tuple[str, int, int]]) -> None:
        """A file whose stamp changed but whose bytes did not (a ``touch``,
        a copy): remember the new stamp so it is not hashed again."""
        now = time.time_ns()
        try:
            with self.conn:
                self.conn.executemany("UPDATE files SET size = ?, mtime_ns = ?, checked_ns = ? WHERE path = ?",
                                      [(size, mtime, now, _key(path)) for path, size, mtime in items])
        except (sqlite3.Error, ValueError):
            pass


def open_catalog() -> Catalog | None:
    """The user's catalog, or None where none can be kept."""
    try:
        return Catalog()
    except CatalogUnavailable:
        return None
