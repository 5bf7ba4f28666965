"""Plain text (``.txt``, ``.text``, ``.md``): the file's text as it is.

The fallback for every file no other format claims; ``transcripts.reading``
decodes it (byte-order marks, UTF-16, a cp1252 file with a warning) and
refuses what is not text.
"""

from __future__ import annotations

from pathlib import Path

from transcripts.formats.base import Format, Source
from transcripts.reading import decode_bytes


def _sniff(data: bytes) -> int:
    return 0  # text is what is left when no other format recognises the bytes


def read(path: str, data: bytes) -> Source:
    decoded = decode_bytes(path, data)
    fmt = "md" if Path(path).suffix.lower() == ".md" else "txt"
    return Source(decoded.path, decoded.text, fmt, decoded.sha256, decoded.encoding, warnings=decoded.warnings)


FORMAT = Format("txt", (".txt", ".text", ".md"), _sniff, read)
