"""What every file format reader shares: the text it produces and its errors.

A format reader turns a file's bytes into the call's text: the one string
that the reader shows, that turns are cut from and that annotation offsets
index. Whatever structure the file states outright (a JSON file's symbol
and quarter, a caption file's speakers) is either rendered into that text,
in a layout the parser reads well, or handed over as metadata; nothing the
file states is guessed at again later.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

from transcripts.model import Problem
from transcripts.reading import TranscriptError, normalise_newlines


class FormatError(TranscriptError):
    """A file that is not readable in its format; one line for the user,
    naming the file (and the line, where there is one)."""


@dataclass(slots=True)
class StatedMetadata:
    """What a file says about its call in so many words (a JSON field, an
    HTML ``<title>``); it wins over what is inferred from names and text."""

    company: str | None = None
    symbol: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    date: str | None = None
    title: str | None = None
    """A title the file gives outside the text (an HTML page's ``<title>``)."""


@dataclass(slots=True)
class Source:
    """A file read in its format: the call's text and what the file states."""

    path: str
    text: str
    format: str
    sha256: str
    """Of the file's bytes: annotations record the source, not the text."""
    encoding: str = "utf-8"
    metadata: StatedMetadata = field(default_factory=StatedMetadata)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Format:
    """One file format: its name (as ``calls --json`` says it), the suffixes
    that name it, how sure its bytes make us (``sniff``: 0 no, 1 could be,
    2 certainly) and its reader."""

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], int]
    read: Callable[[str, bytes], Source]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters other than tabs and newlines:
    text a format reader renders is shown in a terminal, where an escape
    character from a file could drive the screen."""
    return _CONTROL.sub("", text)


def source_from_text(path: str, data: bytes, text: str, fmt: str, **extra) -> Source:
    """A ``Source`` for ``text`` made from ``data``: line endings normalised
    (offsets are defined on ``\\n`` only), control characters removed, an
    empty result refused."""
    text = printable(normalise_newlines(text))
    if not text.strip():
        raise FormatError(path, f"no transcript text found in this {fmt.upper()} file")
    return Source(path, text, fmt, hashlib.sha256(data).hexdigest(), **extra)


def first_bytes(data: bytes, n: int = 1024) -> bytes:
    """The start of the file without a byte-order mark or leading white
    space: where the signatures that sniffing looks for sit."""
    head = data[: n + 3]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()
