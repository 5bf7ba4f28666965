"""Many calls at once: ``load_corpus`` reads files and folders, keeps going
past bad files, and orders calls by company and period.

Speed matters because analysts open whole folders of calls: what is known of
each call without its text comes from the catalog (``transcripts.catalog``),
and a call's text is read when it is opened (``Corpus.full``). Without a
catalog, ``transcripts.plain_load`` reads every file (from the parsed-call
cache where it can, in worker processes when there are many). What applies
to a corpus however it was read (tickers, the annotation files'
corrections, order and ids) is ``finish`` here; how a path is spelled as a
key is ``transcripts.path_keys``.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from transcripts.catalog.entry import CallEntry
from transcripts.catalog.full_calls import FullCalls, LazyCalls
from transcripts.company_names import unify_tickers
from transcripts.call_overrides import SidecarInfo, read_sidecar_info
from transcripts.model import Call, Problem
from transcripts.file_parse import call_id_for, parse_bytes, parse_file, read_call, title_for  # noqa: F401 (the API)
from transcripts.path_keys import resolved
from transcripts.sidecar import SIDECAR_SUFFIX, path_stem, sidecar_path

Progress = Callable[[int, int], None]
"""``progress(done, total)``: files handled so far, out of all found."""

Growing = Callable[["Corpus"], None]
"""``growing(corpus)``: the calls loaded so far, while a first run parses
(see ``load_corpus``)."""

SidecarReader = Callable[[str], "SidecarInfo | None"]
"""Reads a transcript's annotation file for the corpus: ``read_sidecar_info``,
or the catalog's memo of it (``transcripts.catalog.sidecar_memo``)."""

PARALLEL_THRESHOLD = 50
"""Below this many files to parse, one process is faster than a pool."""

RECENT_SECONDS = 2.0
"""A file modified this recently is re-hashed on the next load even if its
size and mtime look unchanged: file systems stamp times coarsely, so an edit
within the same tick could otherwise go unseen (git calls this "racy")."""


# -- the corpus ------------------------------------------------------------


@dataclass(repr=False)
class Corpus:
    entries: list = field(default_factory=list)
    """Every call's metadata (id, path, sha256, company, fiscal_year,
    quarter, fiscal, ticker, title, date, speakers, ...), for code that
    needs no text: listing, filtering, identity, search bookkeeping.

    From the catalog these are light ``CallEntry`` objects with the same
    attribute names as ``Call``; a corpus loaded without the cache (or a
    call read again after its file changed) has the ``Call`` itself here.
    ``full`` gives the whole call of either."""
    errors: list[Problem] = field(default_factory=list)
    """Files that could not be loaded, one error each."""
    sidecars: dict[str, SidecarInfo] = field(default_factory=dict)
    """Annotation files found next to the calls, by call path."""
    sidecar_files: list[Path] = field(default_factory=list)
    """Every annotation file met while finding the calls."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the loading itself (a damaged catalog rebuilt)."""
    opener: FullCalls | None = None
    """Opens the text of entries on demand; None when every entry is a Call."""
    loading: "Loading | None" = None
    """Set while the corpus is handed over part-loaded (a first run still
    parsing, see ``load_corpus``); None once every call is in."""

    def __repr__(self) -> str:
        """One short line: a corpus is handed to workers, whose description
        is the repr of their arguments, and the dataclass's own repr of
        30,000 entries took 0.8 s of the UI thread at every search."""
        loading = f", loading {self.loading.done:,}/{self.loading.total:,}" if self.loading is not None else ""
        return (f"Corpus({len(self.entries):,} calls, {len(self.errors):,} errors, "
                f"{len(self.sidecar_files):,} annotation files{loading})")

    @property
    def calls(self) -> Sequence[Call]:
        """Every call, whole (DESIGN.md's contract for scripts): a lazy
        corpus opens each one as it is read, so the app and the commands
        read ``entries`` and open only the calls they show."""
        if self.opener is None:
            return self.entries
        return LazyCalls(self.entries, self.full)

    @calls.setter
    def calls(self, calls: Iterable[Call]) -> None:
        """A script (or the app) that puts other calls in the corpus: they
        become its entries, whole."""
        self.entries = list(calls)

    def full(self, entry: Call | CallEntry) -> Call:
        """The whole parsed call (text, turns, sentences) of an entry of
        ``entries``; raises ``TranscriptError`` if its file can no longer
        be read."""
        if isinstance(entry, Call) or self.opener is None:
            return entry  # type: ignore[return-value]
        return self.opener.get(entry)

    def entry(self, call_id: str) -> Call | CallEntry | None:
        for c in self.entries:
            if c.id == call_id:
                return c
        return None

    def entry_by_path(self, path: str | Path) -> Call | CallEntry | None:
        """The entry read from ``path`` (however the path is spelled)."""
        wanted = resolved(path)
        for c in self.entries:
            if c.path == str(path) or resolved(c.path) == wanted:
                return c
        return None

    def call(self, call_id: str) -> Call | None:
        found = self.entry(call_id)
        return None if found is None else self.full(found)

    def by_path(self, path: str | Path) -> Call | None:
        """The call read from ``path`` (however the path is spelled)."""
        found = self.entry_by_path(path)
        return None if found is None else self.full(found)

    def annotation_count(self, call: Call | CallEntry) -> int:
        info = self.sidecars.get(call.path)
        return info.annotation_count if info else 0

    @property
    def stray_sidecars(self) -> list[Path]:
        """Annotation files whose transcript is not here (renamed, moved,
        deleted, replaced by a folder): no call loaded, and no file that
        failed to load, has them as its annotation file."""
        if not self.sidecar_files:
            return []
        sidecars = self.sidecars
        read = {sidecars[c.path].path for c in self.entries if c.path in sidecars}
        if all(p in read for p in self.sidecar_files):
            return []  # the usual case: each is the file a call's load read as its own
        # Only the loaded files that could own each annotation file are
        # asked (its name is theirs, or their stem's): one call in ten has
        # one, and asking every call costs three stats each.
        by_folder: dict[str, dict[str, list[str]]] = {}
        for path in [*(c.path for c in self.entries), *(e.path for e in self.errors)]:
            folder, name = os.path.split(resolved(path))
            names = by_folder.setdefault(folder, {})
            names.setdefault(name, []).append(path)
            names.setdefault(path_stem(name), []).append(path)
        out: dict[str, Path] = {}
        for p in self.sidecar_files:
            key = resolved(p)
            folder, side = os.path.split(key)
            owners = by_folder.get(folder, {}).get(side[: -len(SIDECAR_SUFFIX)], ())
            if not any(resolved(self._sidecar_of(owner)) == key for owner in owners):
                out.setdefault(key, p)
        return list(out.values())

    def _sidecar_of(self, path: str) -> Path:
        """The annotation file of a loaded file: the one its load read, or,
        for a file that had none, where it would be."""
        info = self.sidecars.get(path)
        return info.path if info is not None else sidecar_path(path)

    @property
    def warnings(self) -> list[Problem]:
        return [w for c in self.entries for w in c.warnings]

    @property
    def problems(self) -> list[Problem]:
        """Every error and warning, for ``earmark check``."""
        return [*self.notes, *self.errors, *self.warnings]

    # -- search ------------------------------------------------------------

    def search(self, query: str, limit: int = 20, **options) -> list:
        """Fuzzy search across the calls (DESIGN.md): a list of
        ``transcripts.search.Hit``, best first. The index is built on first
        use (or loaded from the cache) and kept with the corpus; see
        ``transcripts.search.Searcher.run`` for the options."""
        from transcripts.search import searcher_for

        return searcher_for(self).search(query, limit, **options)


@dataclass(frozen=True)
class Loading:
    """What is known of a load still under way: how far it is, and every
    file it will hold (search keeps one index per folder the files share,
    so it must know the whole set before it indexes part of it)."""

    done: int
    total: int
    paths: tuple[str, ...]


# -- loading ---------------------------------------------------------------


def load_corpus(
    paths: Iterable[str | Path],
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    workers: int | None = None,
    follow_links: bool = False,
    growing: Growing | None = None,
) -> Corpus:
    """Load every transcript under ``paths`` (files and folders, recursively).

    Never raises for bad input: unreadable files become ``Corpus.errors``,
    odd ones carry warnings on their call. ``workers`` caps the processes
    used for parsing (``1`` keeps everything in this process).
    ``follow_links`` follows links to folders out of the folders given (see
    ``transcripts.discovery``).

    ``growing``, when given, is called from the loading thread with the
    calls loaded so far while files are being parsed (a first run over a
    big folder takes minutes): the calls already in the catalog at once,
    then the new ones about every ``catalog.load.HANDOFF_SECONDS``. It is
    always the same ``Corpus``, the one finally returned, with
    ``loading`` set; its lists are replaced, never changed in place, so
    another thread may read them meanwhile. A load with nothing to parse
    (a warm start) never calls it. Without the catalog (``use_cache=False``,
    or no cache folder) the corpus only arrives whole."""
    report = progress or (lambda done, total: None)
    with gc_paused():
        corpus = _load(paths, use_cache, report, workers, follow_links, growing)
    if FREEZE_LOADED:
        gc.freeze()
    return corpus


FREEZE_LOADED = False
"""Set by a process that keeps what it loads until it exits (an
``earmark`` command): each load is then frozen out of the cyclic
collector's sight (``gc.freeze``). A load runs with the collector paused,
so otherwise the first collections after it scan each of its objects
twice, young and then middle-aged: 0.15 s of a 1-second ``earmark search``
at 30,000 calls, timed. Objects made later are collected as usual. The app
leaves it unset: it loads again and again, and a frozen corpus caught in a
reference cycle would never be freed."""


def _load(paths, use_cache: bool, report: Progress, workers: int | None, follow_links: bool,
          growing: "Growing | None") -> Corpus:
    if use_cache:
        from transcripts.catalog.load import load_with_catalog
        from transcripts.catalog.store import CatalogUnavailable, open_catalog

        catalog = open_catalog()
        if catalog is not None:
            try:
                return load_with_catalog(paths, catalog, report, workers, follow_links, growing)
            except CatalogUnavailable:
                pass  # the disk refused it midway: read the files as before
            finally:
                catalog.close()
    from transcripts.plain_load import load_plain

    return load_plain(paths, use_cache, report, workers, follow_links)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building a corpus creates millions of small objects (turns,
    paragraph bounds) and none of them is garbage; Python's cyclic
    collector would otherwise scan the growing heap again and again, which
    made a cache load four times slower."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def finish(corpus: Corpus, read: SidecarReader = read_sidecar_info) -> None:
    """What applies to a corpus's entries once all are known, however they
    were read: tickers named by their company, the annotation files'
    corrections, the order, and ids made unique. ``read`` reads an
    annotation file (the catalog's memo of them, where there is one)."""
    for call in unify_tickers(corpus.entries):
        call.title, call.id = title_for(call), call_id_for(call)
    for call in corpus.entries:  # corrections in a call's annotation file win over inferred metadata
        apply_sidecar(corpus.sidecars, call, read)
    _order_and_name(corpus)


# -- after parsing ---------------------------------------------------------


def apply_sidecar(sidecars: dict[str, SidecarInfo], call: Call | CallEntry,
                  read: SidecarReader = read_sidecar_info) -> None:
    """Read ``call``'s annotation file, if any, into ``sidecars`` and the call."""
    info = read(call.path)
    if info is None:
        return
    sidecars[call.path] = info
    call.warnings.extend(info.problems)
    apply_overrides(call, info.overrides)


def apply_overrides(call: Call | CallEntry, overrides: dict) -> None:
    if not overrides:
        return
    for key in ("company", "fiscal_year", "quarter", "date"):
        if key in overrides:
            setattr(call, key, overrides[key])
    if "fiscal_year" in overrides or "quarter" in overrides:
        call.period_source, call.period_confidence, call.period_evidence = "annotation file", "high", ""
    call.title = overrides.get("title") or title_for(call)
    call.id = call_id_for(call)


def _order_and_name(corpus: Corpus) -> None:
    """Sort by company and period; a repeated id gets ``-2``, ``-3``..."""
    corpus.entries.sort(key=lambda c: c.sort_key)
    seen: dict[str, int] = {}
    for c in corpus.entries:
        n = seen.get(c.id, 0) + 1
        seen[c.id] = n
        if n > 1:
            c.id = f"{c.id}-{n}"
