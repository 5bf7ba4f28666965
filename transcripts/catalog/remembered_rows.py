"""The catalog's ``remembered`` table: the finished corpora of loads
(``catalog.remembered``), one row per set of folders, as SQLite holds them.
Every read answers None and every write gives up quietly when the disk or
the file refuses: without a row, a load builds the corpus as before."""

from __future__ import annotations

import io
import pickle
import sqlite3

from transcripts.catalog.store import Catalog


def dumps(value: object) -> bytes:
    """``value`` pickled without the pickler's memo: a remembered corpus is
    plain tuples, lists and strings with no cycles and no identity to keep,
    and the memo (an entry for each of a million objects) was five sixths of
    pickling one, 0.2 s of the command after a change at 30,000 calls. The
    bytes are a tenth of a percent longer (a shared string is written each
    time) and read back as fast."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a cycle would raise ValueError, which callers treat as "not remembered"
    pickler.dump(value)
    return out.getvalue()


def read(catalog: Catalog, key: str) -> tuple[str, bytes, bool] | None:
    """(digest, value, stale) of the corpus remembered under ``key``."""
    try:
        row = catalog.conn.execute("SELECT digest, value, stale FROM remembered WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else (row[0], bytes(row[1]), bool(row[2]))


def read_chunk(catalog: Catalog, key: str, chunk: int) -> bytes | None:
    """One chunk of the extras remembered under ``key``, or None."""
    try:
        row = catalog.conn.execute("SELECT data FROM remembered_extras WHERE key = ? AND chunk = ?",
                                   (key, chunk)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else bytes(row[0])


def extras_signatures(catalog: Catalog, key: str) -> dict[int, str]:
    """chunk -> the signature of the files it holds, under ``key``."""
    try:
        rows = catalog.conn.execute("SELECT chunk, files FROM remembered_extras WHERE key = ?", (key,)).fetchall()
    except sqlite3.DatabaseError:
        return {}
    return {chunk: files for chunk, files in rows}


def write(catalog: Catalog, key: str, digest: str, made_ns: int, value: bytes,
          chunks: dict[int, tuple[str, bytes]], gone: list[int], keep: int) -> None:
    """Keep ``value`` under ``key`` with the extras' ``chunks`` that changed
    (chunk -> (signature, data)) and without those ``gone``, in one
    transaction; only the ``keep`` latest keys stay."""
    try:
        with catalog.conn:
            catalog.conn.execute("INSERT OR REPLACE INTO remembered VALUES (?, ?, ?, ?, 0)",
                                 (key, digest, made_ns, value))
            catalog.conn.executemany("INSERT OR REPLACE INTO remembered_extras VALUES (?, ?, ?, ?)",
                                     [(key, chunk, files, data) for chunk, (files, data) in chunks.items()])
            catalog.conn.executemany("DELETE FROM remembered_extras WHERE key = ? AND chunk = ?",
                                     [(key, chunk) for chunk in gone])
            catalog.conn.execute("DELETE FROM remembered WHERE key NOT IN "
                                 "(SELECT key FROM remembered ORDER BY made_ns DESC LIMIT ?)", (keep,))
            catalog.conn.execute("DELETE FROM remembered_extras WHERE key NOT IN (SELECT key FROM remembered)")
    except sqlite3.Error:
        pass


def refresh(catalog: Catalog, key: str, digest: str, value: bytes) -> None:
    """The corpus remembered under ``key`` and ``digest`` brought up to date
    (its extras are the same)."""
    try:
        with catalog.conn:
            catalog.conn.execute("UPDATE remembered SET value = ?, stale = 0 WHERE key = ? AND digest = ?",
                                 (value, key, digest))
    except sqlite3.Error:
        pass


def mark_stale(catalog: Catalog) -> None:
    """Every remembered corpus is stale: the annotation counts it holds are
    older than the memo's, and the next recall takes the memo's."""
    try:
        with catalog.conn:
            catalog.conn.execute("UPDATE remembered SET stale = 1")
    except sqlite3.Error:
        pass
