"""Every annotation of every loaded call, for the screen that lists them all.

Read from the annotation files and the corpus's entries (the metadata of
each call: company, period, speakers, path), never from the calls' text, so
listing a thousand calls costs a thousand small YAML reads, not a thousand
parses. Offsets are the file's own (no re-anchoring without the text); the
app re-finds the annotation by id when one is opened.

Filters are search's filter words (``parse_query``), judged on what the
entry and the annotation say: ``company:``, ``year:``, ``q:`` on the call;
``speaker:``, ``role:``, ``title:`` on the speaker the annotation names
(through ``speaker_matches``, as every engine asks); ``tag:``, ``author:``,
``reviewed:`` and plain words on the annotation. ``section:`` is judged
when the entry knows its turns, and kept otherwise.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from annotations import store
from annotations.authors import people_match, review_of
from annotations.export.filter_words import terms_match
from annotations.model import Annotation
from transcripts.model import Call, Problem, Speaker
from transcripts.search.query import Query, call_matches, speaker_matches
from transcripts.sidecar import sidecar_path

PEOPLE_KEYS = ("speaker", "role", "title")


@dataclass(slots=True)
class Listed:
    """One annotation and the call it belongs to."""

    entry: Call
    """The call's entry (``corpus.entries``): metadata, maybe no text."""
    annotation: Annotation
    file: Path


@dataclass(slots=True)
class Listing:
    items: list[Listed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Annotation files that could not be read (each one line)."""
    files: int = 0
    """Annotation files with at least one annotation."""

    @property
    def calls(self) -> int:
        return len({item.entry.path for item in self.items})


_read_before: dict[str, tuple[tuple[int, int, int], list[Annotation], list[Problem]]] = {}
"""Annotation file -> (its size, mtime and inode when read, what it held):
opening the screen again reads only the files that changed."""


def _load(path: Path, transcript_name: str) -> tuple[list[Annotation], list[Problem]]:
    try:
        st = os.stat(path)
    except OSError:
        _read_before.pop(str(path), None)
        return [], []  # no file: no annotations (a missing file is no problem)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    known = _read_before.get(str(path))
    if known is not None and known[0] == stamp:
        return known[1], known[2]
    loaded = store.load(path, transcript_name)
    problems = [p for p in loaded.problems if p.severity == "error"]
    _read_before[str(path)] = (stamp, loaded.file.annotations, problems)
    return loaded.file.annotations, problems


def read_all(entries: Iterable[Call], live: Mapping[str, list[Annotation]] | None = None) -> Listing:
    """The annotations of ``entries`` in their order (company and period),
    each call's in text order. ``live``: transcript path -> annotations the
    app holds (edits not yet on disk are listed as the user sees them)."""
    out = Listing()
    live = live or {}
    for entry in entries:
        path = sidecar_path(entry.path)
        annotations = live.get(entry.path)
        if annotations is None:
            annotations, problems = _load(path, Path(entry.path).name)
            out.problems.extend(problems)
        if annotations:
            out.files += 1
        out.items.extend(Listed(entry, a, path) for a in annotations)
    return out


def speaker_named(entry: Call, name: str | None) -> Speaker | None:
    """The entry's speaker the annotation names (as saved with it)."""
    if not name:
        return None
    for sp in entry.speakers:
        if sp.name == name:
            return sp
    folded = name.casefold()
    return next((sp for sp in entry.speakers if sp.name.casefold() == folded), None)


def section_at(entry: Call, offset: int) -> str | None:
    """The section of the turn at ``offset``, when the entry knows its turns."""
    turns = getattr(entry, "turns", None)
    if not turns:
        return None
    i = bisect_right([t.start for t in turns], offset) - 1
    return turns[max(i, 0)].section


def predicate(query: Query) -> Callable[[Listed], bool]:
    """Whether a listed annotation passes every filter word of ``query``."""
    filters = list(query.filters)
    terms = list(query.terms)
    people = [f for f in filters if f.key in PEOPLE_KEYS]
    sections = {f.value for f in filters if f.key == "section"}
    tags = {f.value for f in filters if f.key == "tag"}
    about_writers = [f for f in filters if f.key in ("author", "reviewed")]
    # Few calls, speakers and authors against many annotations: each is
    # judged once and remembered.
    calls_ok: dict[str, bool] = {}
    speakers_ok: dict[tuple[str, str | None], bool] = {}
    writers_ok: dict[tuple[str, str | None], bool] = {}

    def keep(item: Listed) -> bool:
        entry, a = item.entry, item.annotation
        ok = calls_ok.get(entry.path)
        if ok is None:
            ok = calls_ok[entry.path] = call_matches(entry, filters)
        if not ok:
            return False
        if tags and not tags & {t.casefold() for t in a.tags}:
            return False
        if about_writers:
            writers = (a.author, review_of(a))
            ok = writers_ok.get(writers)
            if ok is None:
                ok = writers_ok[writers] = people_match(about_writers, *writers)
            if not ok:
                return False
        if people:
            key = (entry.path, a.speaker)
            ok = speakers_ok.get(key)
            if ok is None:
                sp = speaker_named(entry, a.speaker)
                if sp is None:
                    sp = Speaker(key="", name=a.speaker or "", title=None, role="unknown")
                ok = speakers_ok[key] = speaker_matches(entry, sp, people)
            if not ok:
                return False
        if sections:
            section = section_at(entry, a.start)
            if section is not None and section not in sections:
                return False
        return terms_match(terms, a.quote, a.note)

    return keep


def select(listing: Listing, query: Query) -> list[Listed]:
    keep = predicate(query)
    return [item for item in listing.items if keep(item)]
