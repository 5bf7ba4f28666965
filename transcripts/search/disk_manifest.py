"""What the on-disk index holds (path -> content hash of each call), kept
in a small file beside it, so that a process can tell what to re-index
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
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from transcripts.cache import write_atomic

FILE = "earmark-manifest.json"
FORMAT = 1


def stamp(folder: Path) -> str | None:
    """A hash of the index's ``meta.json`` (None when it cannot be read)."""
    try:
        return hashlib.sha256((folder / "meta.json").read_bytes()).hexdigest()
    except OSError:
        return None


def read(folder: Path) -> dict[str, str] | None:
    """The calls the index holds, when the file describes it as it is now."""
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    now = stamp(folder)
    calls = data.get("calls")
    if now is None or data.get("meta") != now or not isinstance(calls, dict):
        return None
    return calls


def write(folder: Path, meta: str | None, calls: dict[str, str]) -> None:
    """Record ``calls`` as what the index holds in the state ``meta`` names
    (a stamp taken before the calls were read or while this process held
    the writer). Never fails: without the file, the documents answer."""
    if meta is None:
        return
    data = json.dumps({"format": FORMAT, "meta": meta, "calls": calls}, separators=(",", ":"))
    write_atomic(folder / FILE, data.encode("utf-8", "surrogatepass"))
