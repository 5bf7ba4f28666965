"""From transcript text to a ``Call``: the layout that fits the text reads
it into turns (``transcripts.layouts``), and one builder makes the call.

The families of layouts (StreetEvents, Refinitiv, Seeking Alpha, Motley
Fool, diarized speech-to-text, and the generic reader for everything else,
the bundled samples included) each live in a module of their own.
"""

from __future__ import annotations

from transcripts.layouts import read as read_layout
from transcripts.layouts.base import UNKNOWN_SPEAKER
from transcripts.layouts.build import build_call
from transcripts.model import Call

__all__ = ["UNKNOWN_SPEAKER", "parse_text"]


def parse_text(text: str, path: str = "<text>", call_id: str = "") -> Call:
    """Parse decoded text into a ``Call``.

    ``\\r\\n`` and ``\\r`` line endings are turned into ``\\n`` first (files
    read with ``transcripts.reading`` already are), and every offset of the
    call refers to ``call.text``. Never raises on any text: odd input yields
    odd but valid structure plus warnings, so one strange file cannot stop a
    corpus. ``call.layout`` names the family the text was read as, and
    ``call.layout_confidence`` how well it fitted (0 to 1).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return build_call(text, path, call_id, read_layout(text, path))
