"""Turning a file on disk into transcript text, or a clear reason why not.

The text keeps every character of the file except a leading byte-order mark
and ``\\r``/``\\r\\n`` line endings (turned into ``\\n``): the offsets of
annotations and search hits are indices into exactly this string, so nothing
else (tabs, trailing spaces) may be rewritten here. The parser skips such
white space instead.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from transcripts.model import Problem

MAX_TRANSCRIPT_BYTES = 16 * 1024 * 1024
"""A long call is about 150 KB; anything over this limit is almost certainly
not a transcript (a data dump, a log), and parsing it would stall a corpus."""

MAX_PDF_BYTES = 64 * 1024 * 1024
"""A PDF carries its fonts and pictures (a logo on every page), so the same
call weighs far more as a PDF than as text."""

TRANSCRIPT_SUFFIXES = (".txt", ".text", ".md")


def size_limit(path: str | Path) -> int:
    """The largest file read as one transcript, by what its name says it is."""
    return MAX_PDF_BYTES if str(path).lower().endswith(".pdf") else MAX_TRANSCRIPT_BYTES


class TranscriptError(Exception):
    """A file that cannot be read as a transcript; the message is for users."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(str(path), message, line)

    def __str__(self) -> str:
        return str(self.problem)


@dataclass(slots=True)
class DecodedText:
    path: str
    text: str
    sha256: str
    encoding: str
    size: int
    warnings: list[Problem] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or an Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))  # counted in C, not per byte in Python
    return control > max(8, len(sample) // 100)


def decode_bytes(path: str, data: bytes) -> DecodedText:
    """Decode transcript bytes; raises ``TranscriptError`` for what is not text."""
    if not data:
        raise TranscriptError(path, "file is empty")
    warnings: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a byte-order mark (Windows "Unicode" text): text, not binary
        try:
            return _finish(path, data, data.decode("utf-16"), "utf-16", warnings)
        except UnicodeDecodeError:
            pass
    kind = _binary_kind(data)
    if kind or _looks_binary(data):
        what = f"it looks like {kind}" if kind else "it contains binary data"
        raise TranscriptError(path, f"not a text file ({what})")
    encoding = "utf-8"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        warnings.append(
            Problem(
                path,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on this line is the first bad one); "
                f"read as {encoding}",
                line,
                "warning",
            )
        )
    return _finish(path, data, text, encoding, warnings)


def _finish(path: str, data: bytes, text: str, encoding: str, warnings: list[Problem]) -> DecodedText:
    if text.startswith("\ufeff"):
        text = text[1:]
    elif encoding != "utf-8" and text.startswith("ï»¿"):  # a UTF-8 mark on a cp1252 file
        text = text[3:]
    text = normalise_newlines(text)
    if not text.strip():
        raise TranscriptError(path, "file has no text (only white space)")
    digest = hashlib.sha256(data).hexdigest()
    return DecodedText(str(path), text, digest, encoding, len(data), warnings)


def read_bytes(path: str | Path) -> tuple[bytes, os.stat_result]:
    """The raw bytes of a transcript, refusing oversized files before
    reading them; raises ``TranscriptError`` with a message for users."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        message = "broken link: the file it points to is missing" if p.is_symlink() else "file not found"
        raise TranscriptError(str(p), message) from None
    except OSError as exc:
        raise TranscriptError(str(p), f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise TranscriptError(str(p), "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):  # a pipe or device would block or never end
        raise TranscriptError(str(p), "not a regular file (a pipe, socket or device); skipped")
    limit = size_limit(p)
    if st.st_size > limit:
        raise TranscriptError(
            str(p),
            f"file is {st.st_size / 1e6:.1f} MB, over the {limit // 2**20} MB "
            "limit for one transcript; skipped",
        )
    try:
        with open(p, "rb") as f:
            return f.read(), st
    except IsADirectoryError:
        raise TranscriptError(str(p), "is a folder, not a file") from None
    except PermissionError:
        raise TranscriptError(str(p), "permission denied; cannot read the file") from None
    except OSError as exc:
        raise TranscriptError(str(p), f"cannot read: {exc.strerror or exc}") from None


def read_transcript_file(path: str | Path) -> DecodedText:
    """Read and decode one transcript; raises ``TranscriptError``."""
    data, _ = read_bytes(path)
    return decode_bytes(str(path), data)
