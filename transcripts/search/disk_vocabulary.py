"""The index's words, kept in a file beside it (as the manifest is), so that
a command's first query finds its words' variants without walking
tantivy's term dictionary.

Walking it costs about 5 microseconds a word and segment (0.1 s for the
22,000 words of 30,000 generated calls, far more for a real archive's
names and figures): a command that asks one query would pay it every
time. The file is written when a build or a change ends, and trusted only
while the index's ``meta.json`` is the one it was written for
(``disk_manifest.stamp``); otherwise the dictionary is walked.

After a change of a few calls the dictionary is not walked again either:
the words become those before it and the added sentences' words. Words of
sentences removed stay behind, as they do in tantivy's own dictionary
until its segments merge (a variant that no sentence holds matches
nothing, so answers do not change); the file counts the calls changed
since the last walk, and past ``MAX_STALE_CALLS`` the dictionary is walked
again.
"""

from __future__ import annotations

from pathlib import Path

from transcripts.cache import write_atomic
from transcripts.search.disk_manifest import stamp

FILE = "earmark-words.txt"
FORMAT = "earmark-words 2"
MAX_CALLS_ADDED = 64
"""A change of more calls than this (a build) walks the dictionary at its end."""
MAX_STALE_CALLS = 256
"""Calls changed or removed since the dictionary was last walked, before
it is walked again (so words of removed sentences never pile up)."""


def read(folder: Path) -> list[str] | None:
    """The words, when the file describes the index as it is now."""
    now = stamp(folder)
    got = _read_for(folder, now) if now is not None else None
    return got[0] if got is not None else None


def _read_for(folder: Path, state: str) -> tuple[list[str], int] | None:
    """The words and the stale count, when the file was written for ``state``."""
    try:
        text = (folder / FILE).read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, body = text.partition("\n")
    parts = head.split("\t")
    if len(parts) != 3 or parts[0] != FORMAT or parts[1] != state or not parts[2].isdigit():
        return None
    return (body.split("\n") if body else []), int(parts[2])


def grown(folder: Path, was: str | None, added: set[str] | None, changed: int) -> tuple[list[str], int] | None:
    """The words after a change of ``changed`` calls made on state ``was``
    that added the words ``added`` (None: not kept), with the new stale
    count; None when the dictionary must be walked instead."""
    if was is None or added is None:
        return None
    got = _read_for(folder, was)
    if got is None or got[1] + changed > MAX_STALE_CALLS:
        return None
    words, stale = got
    new = added.difference(words)
    return (sorted(new.union(words)) if new else words), stale + changed


def write(folder: Path, meta: str | None, words: list[str], stale: int = 0) -> None:
    """Record ``words`` for the state ``meta`` names (``stale``: calls
    changed since the dictionary was walked). Never fails: without the
    file, the dictionary answers. (A word holds no newline: words are cut
    at white space.)"""
    if meta is None:
        return
    text = f"{FORMAT}\t{meta}\t{stale}\n" + "\n".join(words)
    write_atomic(folder / FILE, text.encode("utf-8", "surrogatepass"))
