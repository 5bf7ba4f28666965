"""Many calls at once: ``load_corpus`` reads files and folders, keeps going
past bad files, and orders calls by company and period."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from transcripts.metadata import infer
from transcripts.model import Call, Problem
from transcripts.parser import parse_text
from transcripts.reading import TRANSCRIPT_SUFFIXES, TranscriptError, read_transcript_file
from transcripts.sidecar import is_sidecar


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "call"


def call_id_for(call: Call) -> str:
    if call.company and call.fiscal_year and call.quarter:
        return f"{_slug(call.company)}-{call.fiscal_year}-q{call.quarter}"
    return _slug(Path(call.path).stem)


def parse_file(path: str | Path) -> Call:
    """Read and parse one transcript; raises ``TranscriptError`` when it
    cannot be read as one."""
    decoded = read_transcript_file(path)
    call = parse_text(decoded.text, decoded.path)
    call.sha256 = decoded.sha256
    call.encoding = decoded.encoding
    call.warnings[:0] = decoded.warnings
    meta = infer(decoded.path, decoded.text)
    call.company, call.fiscal_year, call.quarter, call.date = (
        meta.company, meta.fiscal_year, meta.quarter, meta.date,
    )
    call.title = f"{call.company or Path(decoded.path).stem} {call.period} earnings call"
    call.id = call_id_for(call)
    return call


def iter_transcript_paths(paths: Iterable[str | Path], errors: list[Problem]) -> Iterator[Path]:
    """Files named directly are taken as they are; folders are walked for
    transcript files (annotation sidecars and hidden files skipped)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                found = sorted(
                    f for f in p.rglob("*")
                    if f.suffix.lower() in TRANSCRIPT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and not is_sidecar(f)
                )
            except OSError as exc:
                errors.append(Problem(str(p), f"cannot read folder: {exc.strerror or exc}"))
                continue
            yield from (f for f in found if f.is_file() or not f.exists())
        elif p.exists():
            yield p
        else:
            errors.append(Problem(str(p), "no such file or folder"))


@dataclass
class Corpus:
    calls: list[Call] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def call(self, call_id: str) -> Call | None:
        for c in self.calls:
            if c.id == call_id:
                return c
        return None


def load_corpus(paths: Iterable[str | Path]) -> Corpus:
    corpus = Corpus()
    for path in iter_transcript_paths(paths, corpus.errors):
        try:
            corpus.calls.append(parse_file(path))
        except TranscriptError as exc:
            corpus.errors.append(exc.problem)
    corpus.calls.sort(key=lambda c: c.sort_key)
    seen: dict[str, int] = {}
    for c in corpus.calls:
        n = seen.get(c.id, 0) + 1
        seen[c.id] = n
        if n > 1:
            c.id = f"{c.id}-{n}"
    return corpus
