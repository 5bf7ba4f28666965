"""Issue 5: fuzzy search across calls.

On the generated corpus (1,000 calls of ~10,000 words at scale 1): index
build time, load time from the cache, the index's memory (in fresh processes
with their own EARMARK_HOME: built on a first run, loaded on the next, so a
warm cache cannot hide what a build leaves behind), query times over a
fixed set of queries (single words, typos, phrases, filters, prefixes), and
the speed-up over a brute-force fuzzy scan of every sentence
(``rapidfuzz.process.extract`` with ``fuzz.partial_ratio``) run in the same
process on the same sentences.

    python benchmarks/run.py search --scale 0.05
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from benchmarks.generate import generate_corpus
from benchmarks.harness import Row, rss_mb
from transcripts import load_corpus
from transcripts.search import Searcher
from transcripts.search.engine import search_index
from transcripts.search.index import SearchIndex

ISSUE = 5

QUERIES: tuple[str, ...] = (
    # single words
    "backlog",
    "churn",
    "renewals",
    # typos
    "defered revnue",
    "opreating margin",
    "amortizaton of intangibles",
    "custmer acquisition cost",
    "subscripton revenue",
    # phrases
    '"free cash flow"',
    '"operating margin" europe',
    '"earnings per share"',
    '"days sales outstanding"',
    # filters
    "deferred revenue role:executive",
    "guidance role:analyst",
    "capital expenditures year:2023 q:4",
    "inventory section:qa",
    "bookings company:acme",
    "ebitda 2022q3",
    "gross margin speaker:novak",
    # prefixes (the last word while typing)
    "currency head",
    "supply constr",
    "managed serv",
    "pricing disc",
    "integration of the acq",
)
BASELINE_QUERIES: tuple[str, ...] = ("defered revnue", "backlog", "free cash flow")
"""The brute-force scan takes seconds per query; a few suffice for the ratio."""


def _load() -> float:
    """The machine's 1-minute load average: wall times on a shared machine
    mean little without it."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def _corpus_folder(scale: float) -> Path:
    return generate_corpus(calls=max(20, round(1000 * scale)), words=10_000)


def _query_time(searcher_index: SearchIndex, query: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        search_index(searcher_index, query, 20)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(scale: float) -> list[Row]:
    folder = _corpus_folder(scale)
    corpus = load_corpus([folder])
    calls = corpus.calls
    words = sum(len(c.text.split()) for c in calls)
    note = f"{len(calls)} calls, {words / 1e6:.1f}M words"
    rows: list[Row] = []

    # the memory the index holds on top of the parsed calls, as the app gets
    # it: in a fresh process with its own EARMARK_HOME, first with nothing
    # cached (the index is built), then with the caches that run left (loaded)
    with tempfile.TemporaryDirectory(prefix="earmark-bench-home-") as home:
        cold = _memory_in_subprocess(folder, home)
        warm = _memory_in_subprocess(folder, home)
    for label, m in (("built, first run", cold), ("loaded from cache", warm)):
        rows.append(Row(ISSUE, f"search: index memory, {label} (RSS delta)", m["delta"], "MB", 300.0,
                        note=f"fresh process and EARMARK_HOME; calls {m['calls_rss']:.0f} MB, "
                             f"then {m['rss']:.0f} MB with the index ({m['seconds']:.1f} s)"))

    # build time (in this process: the index is reused for the queries)
    gc.collect()
    t0, cpu0 = time.perf_counter(), time.process_time()
    index = SearchIndex.build(calls)
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rows.insert(0, Row(ISSUE, "search: build index", build_s, "s", 10.0,
                       note=f"{note}; {build_cpu:.1f} s CPU, {len(index.words):,} words in vocabulary, "
                            f"load average {_load():.1f}"))

    # save, then load from the cache (load + binding to the parsed calls)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.index"
        index.save(path)
        size_mb = path.stat().st_size / 1e6
        loads = []
        for _ in range(3):
            gc.collect()
            t0 = time.perf_counter()
            loaded = SearchIndex.load(path)
            assert loaded is not None
            loaded.sync(calls)
            loads.append(time.perf_counter() - t0)
            del loaded
    rows.append(Row(ISSUE, "search: load index from cache", statistics.median(loads), "s", 1.0,
                    runs=3, note=f"{size_mb:.0f} MB file"))

    # queries (speaker identity for speaker: filters is built once, as in the app)
    searcher = Searcher(corpus, use_cache=False, engine="memory")
    searcher.index = index
    aliases = searcher.aliases()
    for q in QUERIES:  # warm-up: vocabulary buckets, first-use imports
        search_index(index, q, 20, aliases=aliases)
    per_query = {}
    for q in QUERIES:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            search_index(index, q, 20, aliases=aliases)
            runs.append(time.perf_counter() - t0)
        per_query[q] = statistics.median(runs)
    times_ms = sorted(t * 1000 for t in per_query.values())
    median_ms = statistics.median(times_ms)
    p95_ms = times_ms[min(len(times_ms) - 1, round(0.95 * (len(times_ms) - 1)))]
    slowest = max(per_query, key=per_query.get)
    rows.append(Row(ISSUE, f"search: median query time ({len(QUERIES)} queries)", median_ms, "ms", 50.0,
                    runs=3))
    rows.append(Row(ISSUE, "search: 95th percentile query time", p95_ms, "ms", 150.0, runs=3,
                    note=f"slowest: {slowest} {per_query[slowest] * 1000:.0f} ms"))

    # brute force on the same sentences, same process
    sentences = [c.sentence_text(i) for c in calls for i in range(c.sentence_count)]
    base_times, ours = [], []
    for q in BASELINE_QUERIES:
        t0 = time.perf_counter()
        process.extract(q, sentences, scorer=fuzz.partial_ratio, limit=20)
        base_times.append(time.perf_counter() - t0)
        ours.append(per_query.get(q) or _query_time(index, q))
    speedup = statistics.median(base_times) / statistics.median(ours)
    rows.append(Row(ISSUE, "search: speed-up over brute-force partial_ratio", speedup, "x", 15.0,
                    higher_is_better=True,
                    note=f"baseline median {statistics.median(base_times) * 1000:.0f} ms over "
                         f"{len(sentences):,} sentences"))
    return rows


def _memory(folder: str) -> dict[str, float]:
    """RSS of the parsed calls, then with the index ready, the index made as
    the app makes it (``Searcher.ensure_index`` in a thread worker): built
    and saved when the cache has none, else loaded."""
    corpus = load_corpus([folder])
    gc.collect()
    calls_rss = rss_mb()
    t0 = time.perf_counter()
    searcher = Searcher(corpus, engine="memory")  # holds the index while RSS is read
    worker = threading.Thread(target=searcher.ensure_index)
    worker.start()
    worker.join()
    seconds = time.perf_counter() - t0
    gc.collect()
    rss = rss_mb()
    assert searcher.index is not None and searcher.index.sentence_count
    return {"calls_rss": calls_rss, "rss": rss, "delta": rss - calls_rss, "seconds": seconds}


def _memory_in_subprocess(folder: Path, home: str) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items()
           if k not in ("EARMARK_CACHE_DIR", "EARMARK_DATA_DIR", "EARMARK_CONFIG_DIR")}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_search", "--memory", str(folder)],
        cwd=root, capture_output=True, text=True, check=True, env={**env, "EARMARK_HOME": home},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--memory":
        print(json.dumps(_memory(sys.argv[2])))
    else:
        from benchmarks.harness import format_table

        print(format_table(run(float(sys.argv[1]) if len(sys.argv) > 1 else 0.05)))
