"""``load_corpus`` on top of the catalog: a stat per file, a parse only for
files that are new or changed, and no call's text read at all.

The first run over a big folder parses in worker processes
(``transcripts.parallel``) and commits to the catalog chunk by chunk, so a
run that is killed loses at most the chunks in flight and the next one
resumes where it stopped. Workers send back only the catalog's record of
each call (its whole parsed form goes to the parsed-call cache on disk),
which keeps the first run's memory flat however many calls there are.
Meanwhile the calls done so far are handed to the caller in batches
(``handoff``), so the app is usable on them before the last one is parsed.
A load of folders that nothing changed in since the last one takes that
load's finished corpus back whole (``remembered``).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from transcripts import cache, file_parse
from transcripts import corpus as corpus_module
from transcripts import path_keys
from transcripts.catalog.entry import CallRecord, adopt, record_of
from transcripts.catalog.full_calls import DEFAULT_OPEN_CALLS, FullCalls
from transcripts.catalog.handoff import HANDOFF_AFTER_FILES, Handoff
from transcripts.catalog.sidecar_memo import SidecarMemo
from transcripts.catalog.store import Catalog, FileRow, open_catalog
from transcripts.catalog import remembered
from transcripts.discovery import transcript_paths
from transcripts.model import Call, Problem
from transcripts.reading import TranscriptError, read_bytes

BATCH_FILES = 25
"""Files parsed in this process between two commits to the catalog."""

CHUNK_FILES = 10
"""Files a worker parses before its results come back and are committed."""

Stamp = tuple[int, int, "str | None"]


@dataclass
class _Job:
    spelled: str
    """The file as the walk (or the user) spelled it, as ``Path`` spells it."""
    resolved: str
    record: CallRecord | None = None
    error: Problem | None = None
    call: Call | None = None
    """The whole call, when it was parsed in this process just now."""
    unreadable: bool = False
    """Its bytes could not be read (a permission fixed must be seen at once)."""

    @property
    def path(self) -> Path:
        """Made when asked (rarely): a ``Path`` for each of 30,000 files, and
        its ``str`` again and again, were a third of a load that changed one."""
        return Path(self.spelled)


def load_with_catalog(
    paths: Iterable[str | Path],
    catalog: Catalog,
    report: Callable[[int, int], None],
    workers: int | None,
    follow_links: bool,
    growing: "corpus_module.Growing | None" = None,
) -> "corpus_module.Corpus":
    paths = list(paths)
    corpus = corpus_module.Corpus(opener=FullCalls(_parse_path))
    not_found: list[Problem] = []
    stats: dict[str, os.stat_result] = {}
    found = list(transcript_paths(paths, not_found, corpus.sidecar_files, follow_links=follow_links, stats=stats))
    key = remembered.key_of(paths, follow_links)
    digest = remembered.Walk(found, stats, corpus.sidecar_files).digest() if key is not None else None
    if key is not None and digest is not None:
        recalled = remembered.recall(catalog, key, digest)
        if recalled is not None:
            corpus.entries, corpus.errors, corpus.sidecars = recalled.entries, not_found + recalled.errors, recalled.sidecars
            corpus.notes.extend(catalog.notes)
            report(len(recalled.entries), len(recalled.entries))
            return corpus
    jobs = [_Job(spelled, key) for spelled, key in path_keys.unique_paths(found)]
    corpus.errors = list(not_found)
    total = len(jobs)
    report(0, total)
    base = remembered.base(catalog, key) if key is not None else None
    kept = _from_remembered(jobs, base, stats) if base is not None else 0
    rows = catalog.rows([j.resolved for j in jobs if j.record is None] if kept else None)
    done = kept + _from_catalog(jobs, rows, catalog, stats)
    report(done, total)
    todo = [j for j in jobs if j.record is None and j.error is None]
    handoff = None
    if growing is not None and len(todo) >= HANDOFF_AFTER_FILES:
        handoff = Handoff(corpus, [j.spelled for j in jobs], growing)
        handoff.offer([j for j in jobs if j.record is not None or j.error is not None], done)
    if todo:
        _parse(todo, catalog, workers, lambda n: report(done + n, total), handoff, done)
        cache.prune_old_versions()
    corpus.notes.extend(catalog.notes)
    whole = corpus_module.Corpus(errors=not_found, sidecar_files=corpus.sidecar_files)
    opener = corpus.opener
    for job in jobs:
        if job.error is not None:
            whole.errors.append(job.error)
        elif job.record is not None:
            entry = job.record.entry(job.spelled)
            whole.entries.append(entry)
            if job.call is not None:
                opener.put(entry.path, job.call)  # type: ignore[union-attr]
    memo = SidecarMemo(catalog)
    before = remembered.before_finish(whole.entries) if key is not None and digest is not None else {}
    corpus_module.finish(whole, _reader(memo, base, jobs, corpus.sidecar_files, stats) if kept else memo)
    memo.save()
    if key is not None and digest is not None and not any(j.unreadable for j in jobs):
        remembered.remember(catalog, key, digest, whole.entries, [j.error for j in jobs if j.error is not None],
                            whole.sidecars, stats, before)
    for entry in whole.entries:  # calls open now (parsed just now, or opened meanwhile) say what their entries say
        call = opener.peek(entry.path)  # type: ignore[union-attr]
        if call is not None:
            adopt(call, entry)
    # Replaced, not changed in place: a corpus handed over part-loaded is being read.
    corpus.sidecars, corpus.errors, corpus.entries = whole.sidecars, whole.errors, whole.entries
    corpus.loading = None
    report(total, total)
    return corpus


def _from_remembered(jobs: list[_Job], base: remembered.Base, stats: dict[str, os.stat_result]) -> int:
    """Each file unchanged since the corpus of these folders was last
    remembered takes its entry from there (see ``remembered.Base``);
    returns how many did."""
    found = 0
    for job in jobs:
        st = stats.get(job.spelled)
        if st is not None:
            job.record = base.record(job.spelled, st)  # type: ignore[assignment]
            found += job.record is not None
    return found


def _from_catalog(jobs: list[_Job], rows: dict[str, FileRow], catalog: Catalog,
                  stats: dict[str, os.stat_result]) -> int:
    """Take each unchanged file's row; a file whose stamp moved but whose
    bytes did not keeps its row (and its new stamp is remembered).
    ``stats``: what the folder walk saw of each file, taken just now."""
    found = 0
    touched: list[tuple[str, int, int]] = []
    recent_ns = int(corpus_module.RECENT_SECONDS * 1e9)
    for job in jobs:
        row = rows.get(job.resolved)
        if row is None or row.sha256 is None:
            continue  # new, or an error that did not depend on the bytes
        st = stats.get(job.spelled)
        if st is None:
            try:
                st = job.path.stat()
            except OSError:
                continue  # the parse reports it
        same_stamp = row.size == st.st_size and row.mtime_ns == st.st_mtime_ns
        if not (same_stamp and row.mtime_ns < row.checked_ns - recent_ns):
            # A stamp seen too soon after the file was written can hide an
            # edit (coarse file times); compare the bytes instead.
            if file_parse.hash_file(job.path, st) != row.sha256:
                continue
            if not same_stamp or row.mtime_ns < time.time_ns() - recent_ns:
                touched.append((job.resolved, st.st_size, st.st_mtime_ns))
        job.record, job.error = row.record, row.error
        if job.record is None and job.error is None:
            continue
        found += 1
    if touched:
        catalog.touch(touched)
    return found


def _reader(memo: SidecarMemo, base: "remembered.Base", jobs: list[_Job], sidecar_files: list[Path],
            stats: dict[str, os.stat_result]) -> Callable[[str], object]:
    """The memo, except for calls whose remembered answer still holds."""
    unchanged = [j.spelled for j in jobs if isinstance(j.record, remembered.Before)]
    changed = [j.spelled for j in jobs if not isinstance(j.record, remembered.Before)]
    known = base.sidecar_answers(unchanged, changed, sidecar_files, stats)
    missing = object()

    def read(path):
        got = known.get(str(path), missing)
        return memo(path) if got is missing else got

    return read


# -- parsing -----------------------------------------------------------------


def _parse_path(path: str) -> Call:
    """Parse one file for ``Corpus.full`` when the cache has lost it."""
    data, _ = read_bytes(path)
    return file_parse.parse_bytes(path, data)


def _parse_one(path: str, keep: bool) -> tuple:
    """Parse one file and store its whole call in the parsed-call cache.

    Returns ``(stamp, record or Problem, call or None)``; the stamp's
    sha256 is None when the file could not even be read (that error is
    not remembered: a permission fixed must be seen at once)."""
    try:
        data, st = read_bytes(path)
    except TranscriptError as exc:
        try:
            st = os.stat(path)
            return ((st.st_size, st.st_mtime_ns, None), exc.problem, None)
        except OSError:
            return ((0, 0, None), exc.problem, None)
    stamp = (st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())
    try:
        call = file_parse.parse_bytes(path, data)
    except TranscriptError as exc:
        return (stamp, exc.problem, None)
    except Exception as exc:  # a parser bug must not take the corpus down
        return (stamp, Problem(path, f"could not be parsed ({type(exc).__name__}: {exc}); please report this"), None)
    cache.store_entry(call, Path(path).name)
    return (stamp, record_of(call), call if keep else None)


def reread_file(path: str | Path) -> Call | Problem:
    """One file read again while the app runs (it changed on disk, or it
    appeared): parsed, put in the parsed-call cache and recorded in the
    catalog, so the next start need not parse it again."""
    stamp, what, call = _parse_one(str(path), keep=True)
    catalog = open_catalog()
    if catalog is not None:
        try:
            catalog.write([(path_keys.resolved(path), stamp, what)])
        finally:
            catalog.close()
    return what if call is None else call


def _parse_chunk(paths: list[str]) -> list[tuple]:
    """Runs in a worker: only the records travel back."""
    with corpus_module.gc_paused():
        return [_parse_one(path, keep=False) for path in paths]


def _take(job: _Job, result: tuple) -> tuple:
    stamp, what, call = result
    job.unreadable = stamp[2] is None
    if isinstance(what, Problem):
        job.error = what
    else:
        job.record, job.call = what, call
    return (job.resolved, stamp, what)


def _parse(
    jobs: list[_Job], catalog: Catalog, workers: int | None, report: Callable[[int], None],
    handoff: Handoff | None = None, before: int = 0,
) -> None:
    """``handoff`` gets each file once it is parsed (``before``: how many
    were done before these)."""
    from transcripts.parallel import map_chunks, worker_count  # processes only when there is a parse

    n = worker_count(len(jobs), workers, corpus_module.PARALLEL_THRESHOLD)
    done = 0
    if n > 1:
        chunks = [jobs[i : i + CHUNK_FILES] for i in range(0, len(jobs), CHUNK_FILES)]

        def on_chunk(i: int, results: list[tuple]) -> None:
            nonlocal done
            catalog.write([_take(job, r) for job, r in zip(chunks[i], results)])
            done += len(chunks[i])
            report(done)
            if handoff is not None:
                handoff.offer(chunks[i], before + done)

        try:
            map_chunks(_parse_chunk, [[j.spelled for j in c] for c in chunks], n, on_chunk)
        except Exception:  # BrokenProcessPool, OSError: finish here, lose no call
            pass
    left = [j for j in jobs if j.record is None and j.error is None]
    keep = len(jobs) <= DEFAULT_OPEN_CALLS  # a few calls stay open; a thousand would not fit
    batch: list[tuple] = []
    for job in left:
        batch.append(_take(job, _parse_one(job.spelled, keep)))
        done += 1
        if len(batch) >= BATCH_FILES:
            catalog.write(batch)
            batch = []
        report(done)
        if handoff is not None:
            handoff.offer([job], before + done)
    if batch:
        catalog.write(batch)
