"""The finished corpus of a load, remembered for the same folders, so that a
warm command walks the folders and answers without building it again.

A warm load from the catalog still did work in proportion to the calls:
every row's metadata decoded from JSON, every entry made, tickers unified,
every annotation file matched to its call, the order and the ids settled.
At 30,000 calls that was about 3 s of every ``earmark`` command. None of it
changes unless a file does, and the walk (which a command must do anyway,
to see files added, changed or removed) says whether one did: the list of
transcripts and annotation files with their sizes and modification times.

So after a load, the finished entries, the errors of their files and the
annotation files' answers are kept in the catalog under the command's
folders (the working folder, the paths as given, ``--follow-links``), with
a digest of what the walk saw. The next load of the same folders that sees
the same walk takes them back: no row decoded, no annotation file opened.
A file stamped too close to when the corpus was remembered could hide an
edit in the same clock tick, so such a walk is never believed (as the
catalog does for each file, ``corpus.RECENT_SECONDS``). Only folders are
remembered: a file named directly has its annotation file outside any walk.
Loads with an unreadable file are not remembered either, because fixing a
permission changes no stamp.

When the walk is not the same (a file edited, added or removed), the
remembered corpus still knows every other file: it keeps, beside each
finished entry, what the corpus changed in it and the file's stamp, so the
load takes each unchanged file's entry as the catalog would give it before
the corpus finished it (``Base``), reads the catalog's rows of the others
only, and finishes the whole as a full load does. At 30,000 calls the rows'
JSON alone was a second of such a load.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
import time
from array import array
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from pathlib import Path

from transcripts import corpus as corpus_module
from transcripts import path_keys
from transcripts.call_overrides import SidecarInfo
from transcripts.catalog import remembered_rows, remembered_sidecars
from transcripts.catalog.remembered_extras import Extras, chunk_of, notice_text, signature, speaker_text
from transcripts.catalog.entry import META_FIELDS, CallEntry
from transcripts.catalog.store import Catalog, CatalogUnavailable, SidecarRow
from transcripts.model import Call, Problem

FORMAT = 2
"""Bump when what is pickled changes shape."""

_PATH, _SHA = META_FIELDS.index("path"), META_FIELDS.index("sha256")
_NUMBERS = tuple(i for i, name in enumerate(META_FIELDS)
                 if name in ("fiscal_year", "quarter", "fiscal", "layout_confidence", "qa_start"))
"""Where two equal values may be of different types (1, 1.0, True); equal
strings or Nones are the same value, so only these are asked their type."""
_meta_of = attrgetter(*META_FIELDS)
"""An entry's ``META_FIELDS`` as one tuple, in one call (asked of every
entry twice when a load after a change is remembered)."""

KEEP = 4
"""Folder sets remembered at once (each about 2.5 KB a call)."""


@dataclass(slots=True)
class Walk:
    """What the folder walk of a load saw."""

    paths: list[str]
    """The transcripts, in walk order, spelled as ``Path`` spells them."""
    stats: dict[str, os.stat_result]
    """The stat of each transcript and annotation file found in a folder."""
    sidecar_files: list[Path]

    def digest(self) -> str | None:
        """What says the folders are as they were: None when any file is
        missing from ``stats`` (a broken link) or was written too recently
        to be believed."""
        names = [*self.paths, *map(str, self.sidecar_files)]
        try:
            seen = [self.stats[name] for name in names]
        except KeyError:
            return None
        recent = time.time_ns() - int(corpus_module.RECENT_SECONDS * 1e9)
        if seen and max(st.st_mtime_ns for st in seen) >= recent:
            return None
        # made in C: at 30,000 calls a repr of every stamp took a tenth of a second
        h = hashlib.sha256(f"{FORMAT}:{len(self.paths)}\0".encode())
        h.update("\0".join(names).encode("utf-8", "surrogateescape"))
        h.update(array("q", [st.st_size for st in seen]).tobytes())
        h.update(array("q", [st.st_mtime_ns for st in seen]).tobytes())
        return h.hexdigest()


def key_of(paths: list, follow_links: bool) -> str | None:
    """The key of a load of ``paths``, or None when one of them is not a
    folder."""
    if not paths or not all(str(p).strip() and os.path.isdir(p) for p in paths):
        return None
    try:
        here = os.getcwd()
    except OSError:
        return None
    return json.dumps([here, [os.fspath(p) for p in paths], follow_links], ensure_ascii=False)


@dataclass(slots=True)
class Recalled:
    entries: list[CallEntry]
    errors: list[Problem]
    sidecars: dict[str, SidecarInfo]


def recall(catalog: Catalog, key: str, digest: str) -> Recalled | None:
    """The corpus remembered under ``key`` when the walk's ``digest`` is
    the one it was remembered with; None otherwise, or when it does not
    read back."""
    row = remembered_rows.read(catalog, key)
    if row is None or row[0] != digest:
        return None
    try:
        fmt, entries, errors, sidecars = pickle.loads(row[1])
        if fmt != FORMAT:
            return None
        if row[2]:  # counts were taken since: the memo has them
            _take_counts(catalog, sidecars)
            value = remembered_rows.dumps((FORMAT, entries, errors, sidecars))
            remembered_rows.refresh(catalog, key, digest, value)
        extras = Extras(catalog.path, key, digest, [(r[0][_PATH], r[0][_SHA]) for r in entries], FORMAT)
        made = [_entry(r, extras, i) for i, r in enumerate(entries)]
        counts = _Counts(catalog.path)
        infos = {path: _info(counts, name, srow) for path, name, srow in sidecars}
    except Exception:  # not ours, or of another version: load as before
        return None
    return Recalled(made, list(errors), infos)


def before_finish(entries: list) -> dict[str, tuple[tuple, int]]:
    """What the corpus's finish may change in each entry (metadata, and
    warnings added at the end), as it is before: ``remember`` keeps it."""
    return {e.path: (_meta_of(e), len(e.warnings)) for e in entries}


def remember(catalog: Catalog, key: str, digest: str, entries: list, errors: list[Problem],
             sidecars: dict[str, SidecarInfo], stats: dict[str, os.stat_result],
             before: dict[str, tuple[tuple, int]]) -> None:
    """Keep a finished corpus for the next load of the same folders;
    ``before``: ``before_finish`` of its entries, taken by path."""
    rows, by_chunk = [], {}
    for e in entries:
        meta = _meta_of(e)
        was, warned = before.get(e.path, (meta, len(e.warnings)))
        st = stats.get(e.path)
        if st is None:
            return  # a file the walk did not see: it could change unseen
        if was == meta and all(type(was[k]) is type(meta[k]) for k in _NUMBERS):
            changed = ()  # nearly every entry: the finish changed nothing in it (1 == 1.0 is told apart by type)
        else:
            changed = tuple((i, v) for i, (v, now) in enumerate(zip(was, meta))
                            if v != now or type(v) is not type(now))
        rows.append((meta, list(e.warnings), e.turn_count, e.sentence_count, e.exchange_count, e.speaker_count,
                     changed, warned, st.st_size, st.st_mtime_ns))
        by_chunk.setdefault(chunk_of(e.path), []).append(e)
    infos = []
    for path, info in sidecars.items():
        st = stats.get(str(info.path))
        if st is None:
            return  # an annotation file the walk did not see: it could change unseen
        infos.append((path, str(info.path), SidecarRow(
            st.st_size, st.st_mtime_ns, time.time_ns(), dict(info.overrides),
            [(p.message, p.line, p.severity) for p in info.problems], info.known_count)))
    try:
        value = remembered_rows.dumps((FORMAT, rows, list(errors), infos))
        old = remembered_rows.extras_signatures(catalog, key)
        chunks = {}
        for chunk, members in by_chunk.items():
            files = signature(members)
            if old.get(chunk) != files:  # only the chunks of files changed are made and written again
                made = {e.path: (e.sha256, speaker_text(e), notice_text(e)) for e in members}
                chunks[chunk] = (files, remembered_rows.dumps((FORMAT, made)))
    except Exception:  # something in a warning that does not pickle: not remembered, no harm
        return
    gone = [chunk for chunk in old if chunk not in by_chunk]
    remembered_rows.write(catalog, key, digest, time.time_ns(), value, chunks, gone, KEEP)


class Base:
    """A corpus remembered for the same folders, whatever walk it was
    remembered with: each file that has not changed since gets its entry as
    the catalog would give it, before the corpus finished it."""

    def __init__(self, rows: list[tuple], extras: Extras, sidecars: list[tuple[str, str, SidecarRow]],
                 catalog_path: Path) -> None:
        self._rows = rows
        self._extras = extras
        self._index = {row[0][_PATH]: i for i, row in enumerate(rows)}
        self._sidecars = sidecars
        self._catalog_path = catalog_path

    def sidecar_answers(self, unchanged: list[str], changed: list[str], sidecar_files: list[Path],
                        stats: dict[str, os.stat_result]) -> dict[str, SidecarInfo | None]:
        """What the annotation files of ``unchanged`` transcripts said, where
        no change can have touched them (``remembered_sidecars``)."""
        present = {*unchanged, *changed}
        gone = [path for path in self._index if path not in present]  # removed since
        return remembered_sidecars.untouched_answers(self._sidecars, unchanged, [*changed, *gone], sidecar_files,
                                                     stats, partial(_info, _Counts(self._catalog_path)))

    def record(self, path: str, st: os.stat_result) -> "Before | None":
        """What stands for the catalog's record of ``path`` (spelled as the
        walk spells it), or None when the file is new or its stamp moved."""
        i = self._index.get(path)
        if i is None:
            return None
        row = self._rows[i]
        return Before(self, i) if (row[8], row[9]) == (st.st_size, st.st_mtime_ns) else None

    def entry(self, i: int, path: str) -> CallEntry:
        meta, warnings, turns, sentences, exchanges, speaker_count, changed, warned = self._rows[i][:8]
        meta = list(meta)
        for k, was in changed:
            meta[k] = was
        meta[_PATH] = path
        extras = self._extras
        return CallEntry(*meta, partial(extras.speakers, i), warnings[:warned], partial(extras.notices, i),
                         turns, sentences, exchanges, speaker_count)


@dataclass(slots=True)
class Before:
    """A remembered file's entry before the corpus finished it: it stands in
    for the catalog's ``CallRecord`` (``entry(path)``)."""

    base: Base
    i: int

    def entry(self, path: str) -> CallEntry:
        return self.base.entry(self.i, path)


def base(catalog: Catalog, key: str) -> Base | None:
    """The corpus remembered under ``key`` to build on, or None."""
    row = remembered_rows.read(catalog, key)
    if row is None:
        return None
    try:
        fmt, entries, _errors, sidecars = pickle.loads(row[1])
        if fmt != FORMAT:
            return None
        extras = Extras(catalog.path, key, row[0], [(r[0][_PATH], r[0][_SHA]) for r in entries], FORMAT)
        return Base(entries, extras, sidecars, catalog.path)
    except Exception:  # not ours, or of another version: the catalog's rows answer
        return None


def _take_counts(catalog: Catalog, sidecars: list[tuple[str, str, SidecarRow]]) -> None:
    """The annotation counts the catalog's memo learned for these files, at
    the same stamps, since the corpus was remembered."""
    known = catalog.sidecar_rows()
    for _, name, row in sidecars:
        if row.count is None:
            memo = known.get(path_keys.resolved(name))
            if memo is not None and memo.count is not None and (memo.size, memo.mtime_ns) == (row.size, row.mtime_ns):
                row.count = memo.count


def _entry(row: tuple, extras: Extras, i: int) -> CallEntry:
    meta, warnings, turns, sentences, exchanges, speaker_count = row[:6]
    # by position (twice as fast as by name, at 30,000 entries): the fields
    # in ``CallEntry``'s order, META_FIELDS first
    return CallEntry(*meta, partial(extras.speakers, i), warnings, partial(extras.notices, i),
                     turns, sentences, exchanges, speaker_count)


def _info(counts: "_Counts", name: str, row: SidecarRow) -> SidecarInfo:
    path = Path(name)
    info = SidecarInfo(path, dict(row.overrides),
                       [Problem(name, message, line, severity) for message, line, severity in row.problems])
    if row.count is not None:
        info.annotation_count = row.count
    else:
        info.counted = partial(counts.counted, path_keys.resolved(path), row)
    return info


class _Counts:
    """Once a count is taken, the catalog's memo of the file learns it, and
    the remembered corpora (which do not hold it) are marked stale, so the
    next recall takes the counts from the memo. One connection for all the
    counts of a command (a listing may take a thousand)."""

    def __init__(self, catalog_path: Path) -> None:
        self._path = catalog_path
        self._catalog: Catalog | None = None
        self._stale = False
        self._lock = threading.Lock()

    def counted(self, key: str, row: SidecarRow, count: int) -> None:
        row.count = count
        with self._lock:
            if self._catalog is None:
                try:
                    self._catalog = Catalog(self._path)
                except CatalogUnavailable:
                    return
            self._catalog.write_sidecars([(key, row)])
            if not self._stale:
                remembered_rows.mark_stale(self._catalog)
                self._stale = True
