"""What the on-disk index holds (path -> content hash of each call), kept
in small files beside it, so that a process can tell what to re-index
without reading the index's documents.

Reading every call's manifest document from tantivy costs a block of its
document store each: 0.3 s at 1,000 calls, 9 s at 30,000, paid by every
``earmark search`` and every app start. The file is read in milliseconds.

It is trusted only while it describes the index as it is now: it records a
hash of tantivy's ``meta.json``, which every commit and every segment
merge rewrites, and a reader that finds another hash reads the documents
instead (then writes the file again). So a process killed before writing
it, another process's commit, or a merge finished later make it stale,
and a stale file is never used. The stamp is taken at once after this
process's last commit; another process would have to take the index's
lock and finish a commit of its own (files written and synced) inside
those microseconds for the file to name a state it does not describe.

One changed call must not rewrite the whole (4.6 MB at 30,000 calls, a
tenth of a second of the command after an edit), so a change is a line
appended to a log beside it: the state it was made on, the state it made,
and the calls it set or dropped. A reader follows the lines that chain on
from the whole file's state; a line that does not chain on (another
process's change made on an older view, a line cut short by a kill) is
passed over, and the chain then ends short of the index's state, so the
documents answer, as for any stale file. The log is folded into the whole
file once it would grow past a tenth of the whole's size (a first build's
line would be the whole again).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from transcripts.cache import write_atomic

FILE = "earmark-manifest.json"
LOG = "earmark-manifest.log"
FORMAT = 1
FOLD_SHARE = 10
"""The log is folded into the whole file once it is this fraction of it."""
MIN_CHANGE_BYTES = 64
"""A change takes at least this much of a line (a content hash alone is 64)."""
FOLD_MIN_BYTES = 64 * 1024
"""...and never while it is smaller than this (a small index's whole file
is cheap to write, but folding at every change would rewrite it anyway)."""


def stamp(folder: Path) -> str | None:
    """A hash of the index's ``meta.json`` (None when it cannot be read)."""
    try:
        return hashlib.sha256((folder / "meta.json").read_bytes()).hexdigest()
    except OSError:
        return None


def read(folder: Path) -> dict[str, str] | None:
    """The calls the index holds, when the files describe it as it is now."""
    got = read_with_state(folder)
    return got[0] if got is not None else None


def read_with_state(folder: Path) -> tuple[dict[str, str], str] | None:
    """``read``, with the state (``stamp``) the answer describes."""
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    calls, state = data.get("calls"), data.get("meta")
    if not isinstance(calls, dict) or not isinstance(state, str):
        return None
    state = _follow(folder, calls, state)
    now = stamp(folder)
    if now is None or state != now:
        return None
    return calls, now


def _follow(folder: Path, calls: dict[str, str], state: str) -> str:
    """Apply the log's lines that chain on from ``state`` to ``calls``;
    returns the state reached."""
    try:
        lines = (folder / LOG).read_bytes().decode("utf-8", "surrogatepass").splitlines()
    except (OSError, UnicodeDecodeError):
        return state
    for line in lines:
        try:
            was, made, changes = json.loads(line)
        except (ValueError, TypeError):
            continue  # cut short by a kill, or not ours
        if was != state or not isinstance(changes, dict) or not isinstance(made, str):
            continue
        for path, sha in changes.items():
            if sha is None:
                calls.pop(path, None)
            else:
                calls[path] = sha
        state = made
    return state


def write(folder: Path, meta: str | None, calls: dict[str, str]) -> None:
    """Record ``calls`` as what the index holds in the state ``meta`` names
    (a stamp taken before the calls were read or while this process held
    the writer), and start the log again. Never fails: without the file,
    the documents answer."""
    if meta is None:
        return
    data = json.dumps({"format": FORMAT, "meta": meta, "calls": calls}, separators=(",", ":"))
    if write_atomic(folder / FILE, data.encode("utf-8", "surrogatepass")):
        try:
            os.truncate(folder / LOG, 0)  # its lines chain on from older states: passed over anyway
        except OSError:
            pass


def update(folder: Path, was: str, meta: str | None, changes: dict[str, str | None],
           calls: dict[str, str]) -> None:
    """Record that the change from state ``was`` to ``meta`` set (or, with
    None, dropped) the calls of ``changes``; ``calls``: the whole after it,
    written instead when the log has grown too long. Never fails."""
    if meta is None:
        return
    try:
        whole = (folder / FILE).stat().st_size
        size = (folder / LOG).stat().st_size if (folder / LOG).exists() else 0
    except OSError:
        whole, size = 0, 0
    room = max(FOLD_MIN_BYTES, whole // FOLD_SHARE) - size
    if not whole or len(changes) * MIN_CHANGE_BYTES > room:  # a build: not made into a line only to be dropped
        write(folder, meta, calls)
        return
    line = json.dumps([was, meta, changes], separators=(",", ":")) + "\n"
    if len(line) > room:
        write(folder, meta, calls)
        return
    try:
        with open(folder / LOG, "ab") as f:
            f.write(line.encode("utf-8", "surrogatepass"))
    except OSError:
        write(folder, meta, calls)
