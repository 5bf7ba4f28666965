"""One transcript file into a ``Call``: parsed from its bytes, or taken from
the parsed-call cache when those bytes were parsed before.

Apart from the corpus (``transcripts.corpus``, many files at once) because
the app opens one call before any folder is loaded, and that call must not
wait for the corpus's machinery, nor for the parser when the cache has it.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from transcripts import cache
from transcripts.model import Call, Problem
from transcripts.reading import read_bytes, size_limit

if TYPE_CHECKING:
    from transcripts.formats import Source


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "call"


def call_id_for(call: Call) -> str:
    """``verisign-2003-q4`` when the period is known, else the file's stem."""
    if call.company and call.fiscal_year and call.quarter:
        return f"{_slug(call.company)}-{call.fiscal_year}-q{call.quarter}"
    return _slug(Path(call.path).stem)


def title_for(call: Call) -> str:
    return f"{call.company or Path(call.path).stem} {call.period} earnings call"


def parse_bytes(path: str | Path, data: bytes) -> Call:
    """Parse transcript bytes read from ``path`` (whose name may say the
    company and period) in their file format (``transcripts.formats``);
    raises ``TranscriptError`` for what cannot be read as a transcript."""
    # The readers and layouts are imported by the first parse: a warm
    # command parses nothing, and their patterns were a fifth of its start.
    from transcripts.formats import read_source
    from transcripts.parser import parse_text

    source = read_source(path, data)
    call = parse_text(source.text, source.path)
    call.sha256 = source.sha256
    call.encoding = source.encoding
    call.format = source.format
    call.warnings[:0] = source.warnings
    _apply_metadata(call, source)
    call.title = title_for(call)
    call.id = call_id_for(call)
    return call


def _apply_metadata(call: Call, source: "Source") -> None:
    """What the file states outright (a JSON ``symbol`` and ``quarter``)
    wins; then the file name and the call's words; then a title the file
    gives outside the text (an HTML page's ``<title>``); a ticker names
    the company when nothing else does."""
    from transcripts.metadata import from_text, infer

    stated = source.metadata
    meta = infer(source.path, source.text)
    if stated.title and not (meta.company and meta.fiscal_year and meta.quarter):
        titled = from_text(stated.title)
        meta.company = meta.company or titled.company
        meta.fiscal_year = meta.fiscal_year or titled.fiscal_year
        meta.quarter = meta.quarter or titled.quarter
    call.company = stated.company or meta.company or stated.symbol
    call.fiscal_year = stated.fiscal_year or meta.fiscal_year
    call.quarter = stated.quarter or meta.quarter
    call.date = stated.date or meta.date
    call.fiscal, call.ticker = meta.fiscal, meta.ticker or stated.symbol
    call.period_source, call.period_confidence = meta.period_source, meta.period_confidence
    call.period_evidence = meta.period_evidence
    if stated.fiscal_year or stated.quarter:
        call.period_source, call.period_confidence = "file", "high"
    call.warnings.extend(Problem(source.path, c, None, "warning") for c in meta.warnings)


def parse_file(path: str | Path) -> Call:
    """Read and parse one transcript (no cache, no annotation file); raises
    ``TranscriptError`` when it cannot be read as one."""
    data, _ = read_bytes(path)
    return parse_bytes(path, data)


def read_call(path: str | Path) -> Call:
    """One transcript as ``parse_file`` gives it, from the parsed-call cache
    when these very bytes, under this name, were parsed by this parser
    before: the app's first call on a warm start. A parse took 0.4 s of
    the app's first paint (most of it importing the parser); the cached
    call takes milliseconds. Raises ``TranscriptError`` as ``parse_file``."""
    data, _ = read_bytes(path)
    call = cache.load_entry(hashlib.sha256(data).hexdigest(), Path(path).name)
    if call is None:
        return parse_bytes(path, data)
    adopt_path(call, Path(path))
    return call


def hash_file(path: Path, st: os.stat_result) -> str | None:
    """The sha256 of a file the cache may know, or None when it is too big
    to be a transcript or cannot be read."""
    if st.st_size > size_limit(path) or not path.is_file():
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def adopt_path(call: Call, path: Path) -> None:
    """A cached call was parsed from the same bytes and name, maybe at
    another path: make it name the file the user gave now."""
    old, new = call.path, str(path)
    if old != new:
        call.path = new
        for w in call.warnings:
            if w.path == old:
                w.path = new
