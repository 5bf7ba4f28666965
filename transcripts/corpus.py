"""Many calls at once: ``load_corpus`` reads files and folders, keeps going
past bad files, and orders calls by company and period.

Speed matters because analysts open whole folders of calls: unchanged files
come from the on-disk cache (``transcripts.cache``), and when many files must
be parsed they are split across worker processes. A small input (the usual
handful of calls) stays in this process, where starting workers would cost
more than it saves.
"""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from transcripts import cache, file_parse
from transcripts.catalog.entry import CallEntry
from transcripts.catalog.full_calls import FullCalls, LazyCalls
from transcripts.company_names import unify_tickers
from transcripts.call_overrides import SidecarInfo, read_sidecar_info
from transcripts.discovery import find_transcripts
from transcripts.model import Call, Problem
from transcripts.file_parse import call_id_for, parse_bytes, parse_file, read_call, title_for  # noqa: F401 (the API)
from transcripts.reading import TranscriptError, read_bytes
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
        wanted = _resolved(path)
        for c in self.entries:
            if c.path == str(path) or _resolved(c.path) == wanted:
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
            folder, name = os.path.split(_resolved(path))
            names = by_folder.setdefault(folder, {})
            names.setdefault(name, []).append(path)
            names.setdefault(path_stem(name), []).append(path)
        out: dict[str, Path] = {}
        for p in self.sidecar_files:
            key = _resolved(p)
            folder, side = os.path.split(key)
            owners = by_folder.get(folder, {}).get(side[: -len(SIDECAR_SUFFIX)], ())
            if not any(_resolved(self._sidecar_of(owner)) == key for owner in owners):
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


_POSIX = os.sep == "/" and os.altsep is None
_NOT_PLAIN_ENDS = ("/", "/.", "/..")


def _resolved(path: str | Path) -> str:
    """An absolute spelling of ``path``, without touching the disk (a
    corpus has thousands of files; resolving links costs a stat per part).
    A path already absolute and plain (no ``//``, no ``.`` or ``..`` part,
    no slash at the end: what a walk of an absolute folder gives) is its
    own spelling, and is not normalised again: the stray check asks this of
    40,000 paths at 30,000 calls. A hidden folder on the way (``~/.cache``)
    is plain too."""
    if (_POSIX and type(path) is str and path[:1] == "/" and "//" not in path and "/./" not in path
            and "/../" not in path and not path.endswith(_NOT_PLAIN_ENDS)):
        return path
    return os.path.abspath(path)


# -- loading ---------------------------------------------------------------


@dataclass
class _Job:
    """One transcript to load, and what is known about it so far."""

    path: Path
    resolved: str
    call: Call | None = None
    error: Problem | None = None
    stamp: cache.Stamp | None = None


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
        return _load(paths, use_cache, report, workers, follow_links)


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


def _load(
    paths: Iterable[str | Path], use_cache: bool, report: Progress, workers: int | None, follow_links: bool = False
) -> Corpus:
    corpus = Corpus()
    found = find_transcripts(paths, corpus.errors, corpus.sidecar_files, follow_links=follow_links)
    jobs = [_Job(p, key) for p, key in _unique(found)]
    total = len(jobs)
    report(0, total)
    index = cache.load_index() if use_cache else {}
    done = _load_cached(jobs, index) if use_cache else 0
    report(done, total)
    todo = [j for j in jobs if j.call is None and j.error is None]
    _parse(todo, use_cache, workers, lambda n: report(done + n, total))
    if use_cache:
        _save_index(index, jobs)
    for job in jobs:
        if job.error:
            corpus.errors.append(job.error)
        elif job.call:
            corpus.entries.append(job.call)
    finish(corpus)
    report(total, total)
    return corpus


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


def _unique(paths: Iterable[str | Path]) -> Iterator[tuple]:
    """Each path with its absolute spelling, once however often it was
    found (named directly and inside a folder)."""
    seen: set[str] = set()
    for p in paths:
        key = _resolved(p)
        if key not in seen:
            seen.add(key)
            yield p, key


def _load_cached(jobs: list[_Job], index: dict[str, cache.Stamp]) -> int:
    """Fill ``job.call`` from the cache where the file is unchanged; returns
    how many were found. Files whose stamp is unknown are hashed here (a
    read of the bytes, far cheaper than a parse)."""
    found = 0
    for job in jobs:
        try:
            st = job.path.stat()
        except OSError:
            continue  # the parse step reports it
        sha = cache.known_sha256(index, job.resolved, st)
        if sha is None:
            sha = file_parse.hash_file(job.path, st)
            if sha is None:
                continue
        job.stamp = (st.st_size, st.st_mtime_ns, sha)
        call = cache.load_entry(sha, job.path.name)
        if call is not None:
            file_parse.adopt_path(call, job.path)
            job.call = call
            found += 1
    return found


def _save_index(index: dict[str, cache.Stamp], jobs: list[_Job]) -> None:
    """Record stamps of files old enough to be trusted next time."""
    recent = time.time_ns() - int(RECENT_SECONDS * 1e9)
    changed = False
    for job in jobs:
        stamp = job.stamp
        if job.call is not None and stamp and stamp[1] < recent and index.get(job.resolved) != stamp:
            index[job.resolved] = stamp
            changed = True
    if changed:
        cache.save_index(cache.trim_index(index, {job.resolved for job in jobs}))
        cache.prune_old_versions()


# -- parsing, in this process or in a pool ---------------------------------


def _parse(jobs: list[_Job], use_cache: bool, workers: int | None, report: Callable[[int], None]) -> None:
    if not jobs:
        return
    from transcripts.parallel import worker_count  # processes are for parses, which a warm start has none of

    n = worker_count(len(jobs), workers, PARALLEL_THRESHOLD)
    if n <= 1:
        for i, job in enumerate(jobs, 1):
            _take(job, _parse_one(str(job.path), use_cache, encode=False))
            report(i)
        return
    _parse_in_pool(jobs, use_cache, n, report)


def _parse_one(path: str, use_cache: bool, encode: bool) -> tuple:
    """Parse one file; runs in a worker process when ``encode`` (the call
    travels back in the compact cache form, much cheaper to unpickle).

    Returns ("call", Call | bytes, stamp) or ("error", Problem)."""
    try:
        data, st = read_bytes(path)
        call = file_parse.parse_bytes(path, data)
    except TranscriptError as exc:
        return ("error", exc.problem)
    except Exception as exc:  # a parser bug must not take the corpus down
        return ("error", Problem(path, f"could not be parsed ({type(exc).__name__}: {exc}); please report this"))
    name = Path(path).name
    stamp = (st.st_size, st.st_mtime_ns, call.sha256)
    if not encode:
        if use_cache:
            cache.store_entry(call, name)
        return ("call", call, stamp)
    try:
        blob = cache.encode_call(call)
    except Exception:
        return ("call", call, stamp)
    if use_cache:
        cache.store_encoded(blob, call.sha256, name)
    return ("call", blob, stamp)


def _parse_chunk(items: list[tuple[str, bool]]) -> list[tuple]:
    """Runs in a worker: parse (path, use_cache) items."""
    with gc_paused():
        return [_parse_one(path, use_cache, encode=True) for path, use_cache in items]


def _take(job: _Job, result: tuple) -> None:
    if result[0] == "error":
        job.error = result[1]
        return
    call = result[1]
    if isinstance(call, bytes):
        call = cache.decode_call(call)
    job.call = call
    job.stamp = result[2]


def _parse_in_pool(jobs: list[_Job], use_cache: bool, workers: int, report: Callable[[int], None]) -> None:
    """Chunks of files go to worker processes; a few chunks per worker keep
    them all busy to the end and let progress move. If the pool itself
    fails (a worker killed, no process support), the files it did not
    finish are parsed here instead: a pool is an optimisation, never a
    reason to lose a call."""
    from transcripts.parallel import map_chunks

    size = max(1, min(25, len(jobs) // (workers * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    done = 0

    def on_chunk(i: int, results: list[tuple]) -> None:
        nonlocal done
        for job, result in zip(chunks[i], results):
            _take(job, result)
        done += len(chunks[i])
        report(done)

    try:
        map_chunks(_parse_chunk, [[(str(j.path), use_cache) for j in c] for c in chunks], workers, on_chunk)
    except Exception:  # BrokenProcessPool, OSError, pickling trouble
        for job in jobs:
            if job.call is None and job.error is None:
                _take(job, _parse_one(str(job.path), use_cache, encode=False))
                done += 1
                report(done)


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
