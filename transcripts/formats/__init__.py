"""File formats: from a file's bytes to the call's text.

Each format is a small module with a ``Format`` (name, suffixes, a sniffer
and a reader); adding a format means adding a module and a line to
``FORMATS``. A file is read by the first format whose sniffer is certain of
its bytes (a PDF named ``.txt`` is still a PDF), else by the format its
suffix names, else by the first whose sniffer finds it plausible, else as
plain text.
"""

from __future__ import annotations

from pathlib import Path

from transcripts.formats import captions, html, json_shapes, pdf, plain
from transcripts.formats.base import Format, FormatError, Source, StatedMetadata
from transcripts.reading import TranscriptError

FORMATS: tuple[Format, ...] = (
    pdf.FORMAT,
    captions.VTT,
    html.FORMAT,
    json_shapes.FORMAT,
    captions.SRT,
    plain.FORMAT,
)
"""In the order sniffers are asked: the most certain signatures first."""

SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
"""Every suffix a transcript file may have (lower case, with the dot)."""

FORMAT_NAMES: tuple[str, ...] = ("txt", "md", *(f.name for f in FORMATS if f is not plain.FORMAT))

_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}

__all__ = ["FORMATS", "SUFFIXES", "Format", "FormatError", "Source", "StatedMetadata",
           "choose", "read_source", "reader_fingerprint"]


def choose(path: str | Path, data: bytes) -> Format:
    """The format to read ``data`` (from ``path``) with."""
    maybe = None
    for fmt in FORMATS:
        score = fmt.sniff(data)
        if score >= 2:
            return fmt
        if score and maybe is None:
            maybe = fmt
    named = _BY_SUFFIX.get(Path(path).suffix.lower())
    return named or maybe or plain.FORMAT


def read_source(path: str | Path, data: bytes) -> Source:
    """The call's text from a file's bytes; raises ``TranscriptError`` (a
    ``FormatError`` for what its format cannot read) with a one-line
    message naming the file."""
    if not data:
        raise TranscriptError(str(path), "file is empty")
    return choose(path, data).read(str(path), data)


def reader_fingerprint() -> str:
    """The versions of the libraries that extract text (part of the parse
    cache's key: a new extractor may give other text from the same file)."""
    return pdf.library_version()
