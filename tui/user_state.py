"""What Earmark keeps per user, outside the annotation files: marks, the
reading position of each call, the last call read in each folder, and the
search history.

One small JSON file (``state.json`` in the user data directory, see
``transcripts.locations``). It is state, not a document: losing it costs
a reading position, never an annotation. So it is read tolerantly (a
damaged file gives one warning line and a fresh start, and is kept beside
as ``state.json.damaged`` before anything replaces it; an entry of the
wrong shape is dropped alone, the rest kept) and written atomically.

Several apps may run at once (two terminals on one folder). Each save
re-reads the file under a lock and writes back what is there with only
this app's own changes laid over it, entry by entry, so one app never
wipes the marks or positions another saved meanwhile.

No Textual here: the file logic is tested on its own.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations import atomic_write, file_lock
from transcripts import locations

STATE_FILE = "state.json"
VERSION = 1
HISTORY_LIMIT = 100
"""Search queries kept (most recent first)."""
ENTRY_LIMIT = 2000
"""Positions kept per section (the oldest go first): a big archive read
call by call for years must not grow the file without end."""

SECTIONS = ("marks", "positions", "last_call")
"""Sections of ``{key: entry}``; each entry is a JSON object with ``at``
(seconds since the epoch) that says which of two versions is newer."""


def state_path() -> Path:
    return locations.data_dir() / STATE_FILE


def folder_key(paths: list[str]) -> str:
    """The key of "this folder" for where-you-left-off: the paths the app
    was opened on, absolute and sorted (``earmark a b`` is ``earmark b a``)."""
    return "\n".join(sorted(os.path.abspath(p) for p in paths))


def call_key(path: str) -> str:
    """A call's key: its file's absolute path (ids may change with a parser)."""
    return os.path.abspath(path)


@dataclass
class _Read:
    data: dict[str, Any]
    problem: str | None = None
    damaged: bool = False


def _entries(raw: Any) -> dict[str, dict[str, Any]]:
    """The well-formed entries of a section; the others are dropped."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for key, entry in raw.items():
        if isinstance(key, str) and isinstance(entry, dict) and isinstance(entry.get("at", 0), (int, float)):
            out[key] = entry
    return out


def _history(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        return []
    return [e for e in raw if isinstance(e, dict) and isinstance(e.get("query"), str)
            and isinstance(e.get("at", 0), (int, float))]


def _read(path: Path) -> _Read:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _Read({})
    except OSError as exc:
        return _Read({}, f"{path}: cannot be read ({exc.strerror or exc}); starting with no saved places")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        where = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return _Read({}, f"{path}{where}: damaged (not JSON); starting fresh, the old file is kept as "
                         f"{path.name}.damaged", damaged=True)
    if not isinstance(data, dict):
        return _Read({}, f"{path}: damaged (not a JSON object); starting fresh, the old file is kept as "
                         f"{path.name}.damaged", damaged=True)
    return _Read(data)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Every known section in its expected shape; unknown keys kept as they are."""
    out = dict(data)
    out["version"] = VERSION
    for name in SECTIONS:
        out[name] = _entries(data.get(name))
    out["search_history"] = _history(data.get("search_history"))
    return out


@dataclass
class UserState:
    """The user's state as this app sees it: what was on disk at the last
    read, with this app's changes laid over it."""

    path: Path
    data: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    """One line for the user: the file was damaged or unreadable."""
    save_problem: str | None = None
    """One line: the last save failed (the state stays in memory)."""
    _changed: dict[str, set[str]] = field(default_factory=dict)
    _new_queries: list[dict[str, Any]] = field(default_factory=list)
    _damaged: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> "UserState":
        path = path if path is not None else state_path()
        read = _read(path)
        return cls(path, _clean(read.data), read.problem, _damaged=read.damaged)

    # -- reading -----------------------------------------------------------

    def section(self, name: str) -> dict[str, dict[str, Any]]:
        return self.data[name]

    def get(self, name: str, key: str) -> dict[str, Any] | None:
        return self.data[name].get(key)

    def history(self) -> list[str]:
        """Search queries, most recent first, no repeats."""
        return [e["query"] for e in self.data["search_history"]]

    def refresh(self) -> None:
        """Take in what other apps saved meanwhile (this app's unsaved
        changes stay on top)."""
        read = _read(self.path)
        if read.problem is None:
            self.data = self._merged(_clean(read.data))

    # -- changing ------------------------------------------------------------

    def put(self, name: str, key: str, entry: dict[str, Any]) -> None:
        entry = {**entry, "at": time.time()}
        self.data[name][key] = entry
        self._changed.setdefault(name, set()).add(key)

    @property
    def dirty(self) -> bool:
        return bool(self._changed or self._new_queries)

    def add_query(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        entry = {"query": query, "at": time.time()}
        self._new_queries.append(entry)
        self.data["search_history"] = _merge_history(self.data["search_history"], [entry])

    # -- saving ------------------------------------------------------------

    def save(self) -> bool:
        """Write the file: what is on disk now, this app's changes over it.
        False (and ``save_problem`` set) when it could not be written."""
        if not self.dirty and not self._damaged:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with file_lock.locked(self.path, timeout=1.0):
                read = _read(self.path)
                if read.damaged:
                    self._keep_damaged()
                merged = self._merged(_clean(read.data))
                # ASCII: a file name that is not UTF-8 (a surrogate escape) is kept as \udcXX.
                text = json.dumps(merged, ensure_ascii=True, indent=1, sort_keys=True) + "\n"
                atomic_write.replace_file(self.path, text.encode("utf-8"))
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.save_problem = f"{self.path}: could not save marks and places ({reason})"
            return False
        self.data = merged
        self._changed.clear()
        self._new_queries.clear()
        self._damaged = False
        self.save_problem = None
        return True

    def _keep_damaged(self) -> None:
        """The damaged file goes aside (never lost), once."""
        aside = self.path.with_name(self.path.name + ".damaged")
        if not aside.exists():
            os.replace(self.path, aside)

    def _merged(self, disk: dict[str, Any]) -> dict[str, Any]:
        out = dict(disk)
        for name in SECTIONS:
            section = dict(disk[name])
            for key in self._changed.get(name, ()):
                mine = self.data[name].get(key)
                if mine is not None:
                    section[key] = mine
            out[name] = _newest(section, ENTRY_LIMIT)
        out["search_history"] = _merge_history(disk["search_history"], self._new_queries)
        return out


def _newest(section: dict[str, dict[str, Any]], limit: int) -> dict[str, dict[str, Any]]:
    if len(section) <= limit:
        return section
    keep = sorted(section, key=lambda k: section[k].get("at", 0), reverse=True)[:limit]
    return {k: section[k] for k in keep}


def _merge_history(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most recent first, each query once (its latest use), at most HISTORY_LIMIT."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in [*old, *new]:
        seen = latest.get(entry["query"])
        if seen is None or entry.get("at", 0) >= seen.get("at", 0):
            latest[entry["query"]] = entry
    ordered = sorted(latest.values(), key=lambda e: e.get("at", 0), reverse=True)
    return ordered[:HISTORY_LIMIT]
