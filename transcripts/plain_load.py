"""A load without the catalog (``load_corpus(use_cache=False)``, or no cache
folder): every file found is read, from the parsed-call cache where its
bytes were parsed before, else parsed here or, for many files, in worker
processes. The catalog's load (``transcripts.catalog.load``) is the usual
one; this is what remains when there is no catalog to keep.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from transcripts import cache, file_parse
from transcripts import corpus as corpus_module
from transcripts.discovery import find_transcripts
from transcripts.model import Call, Problem
from transcripts.path_keys import unique_paths
from transcripts.reading import TranscriptError, read_bytes


@dataclass
class _Job:
    """One transcript to load, and what is known about it so far."""

    path: Path
    resolved: str
    call: Call | None = None
    error: Problem | None = None
    stamp: cache.Stamp | None = None


def load_plain(
    paths: Iterable[str | Path], use_cache: bool, report: "corpus_module.Progress", workers: int | None,
    follow_links: bool = False,
) -> "corpus_module.Corpus":
    corpus = corpus_module.Corpus()
    found = find_transcripts(paths, corpus.errors, corpus.sidecar_files, follow_links=follow_links)
    jobs = [_Job(p, key) for p, key in unique_paths(found)]
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
    corpus_module.finish(corpus)
    report(total, total)
    return corpus


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
    recent = time.time_ns() - int(corpus_module.RECENT_SECONDS * 1e9)
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

    n = worker_count(len(jobs), workers, corpus_module.PARALLEL_THRESHOLD)
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
    with corpus_module.gc_paused():
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
