"""Issue 2: opening a corpus of 1,000 calls of about 10,000 words each.

Two figures: parsing every call with the cache off (at most 4 s), and
loading them again from the on-disk cache (at most 1 s). The cache lives in
a temporary folder for the run, so a benchmark never touches (or profits
from) the user's own cache.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

from benchmarks.generate import generate_corpus
from benchmarks.harness import Row
from transcripts import load_corpus

FULL_CALLS = 1000
WORDS = 10_000
PARSE_LIMIT_S = 4.0
CACHE_LIMIT_S = 1.0


@contextmanager
def private_cache() -> Iterator[str]:
    old = os.environ.get("EARMARK_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="earmark-bench-cache-") as folder:
        os.environ["EARMARK_CACHE_DIR"] = folder
        try:
            yield folder
        finally:
            if old is None:
                os.environ.pop("EARMARK_CACHE_DIR", None)
            else:
                os.environ["EARMARK_CACHE_DIR"] = old


def _load(folder, use_cache: bool):
    corpus = load_corpus([folder], use_cache=use_cache)
    if corpus.errors:
        raise RuntimeError(f"generated corpus had errors: {corpus.errors[0]}")
    return corpus


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median_load_time(folder, use_cache: bool, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds to load the corpus, one
    untimed run first.

    Unlike ``harness.median_time`` the loaded corpus is kept until the clock
    has stopped: freeing a million objects is not part of loading them, and
    the app keeps its corpus anyway. CPU time is reported too because the
    machine is shared: wall time then depends on what else runs."""
    times, cpu = [], []
    corpus = _load(folder, use_cache)
    for _ in range(runs):
        corpus = None
        gc.collect()
        c0, t0 = _cpu_seconds(), time.perf_counter()
        corpus = _load(folder, use_cache)
        times.append(time.perf_counter() - t0)
        cpu.append(_cpu_seconds() - c0)
    del corpus
    return statistics.median(times), statistics.median(cpu)


def _load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def run(scale: float) -> list[Row]:
    calls = max(20, round(FULL_CALLS * scale))
    share = calls / FULL_CALLS  # targets shrink with the corpus
    folder = generate_corpus(calls=calls, words=WORDS, seed=0)
    label = f"{calls} calls x {WORDS // 1000}k words"
    load_before = _load_average()
    parse, parse_cpu = median_load_time(folder, use_cache=False, runs=3)
    with private_cache():
        cached, cached_cpu = median_load_time(folder, use_cache=True, runs=5)  # the untimed run fills it
    return [
        Row(2, f"corpus: parse {label}, cache off", parse, "s", PARSE_LIMIT_S * share, runs=3,
            note=f"cpu {parse_cpu:.2f} s over {os.cpu_count()} cpus; load avg {load_before}"),
        Row(2, f"corpus: load {label} from cache", cached, "s", CACHE_LIMIT_S * share, runs=5,
            note=f"cpu {cached_cpu:.2f} s; load avg {_load_average()}"),
    ]
