"""The index's words, kept in a file beside it (as the manifest is), so that
a command's first query finds its words' variants without walking
tantivy's term dictionary.

Walking it costs about 5 microseconds a word and segment (0.1 s for the
22,000 words of 30,000 generated calls, far more for a real archive's
names and figures): a command that asks one query would pay it every
time. The file is written when a build or a change ends, and trusted only
while the index's ``meta.json`` is the one it was written for
(``disk_manifest.stamp``); otherwise the dictionary is walked.
"""

from __future__ import annotations

from pathlib import Path

from transcripts.cache import write_atomic
from transcripts.search.disk_manifest import stamp

FILE = "earmark-words.txt"
FORMAT = "earmark-words 1"


def read(folder: Path) -> list[str] | None:
    """The words, when the file describes the index as it is now."""
    try:
        text = (folder / FILE).read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, body = text.partition("\n")
    fmt, _, meta = head.partition("\t")
    now = stamp(folder)
    if fmt != FORMAT or now is None or meta != now:
        return None
    return body.split("\n") if body else []


def write(folder: Path, meta: str | None, words: list[str]) -> None:
    """Record ``words`` for the state ``meta`` names. Never fails: without
    the file, the dictionary answers. (A word holds no newline: words are
    cut at white space.)"""
    if meta is None:
        return
    text = f"{FORMAT}\t{meta}\n" + "\n".join(words)
    write_atomic(folder / FILE, text.encode("utf-8", "surrogatepass"))
