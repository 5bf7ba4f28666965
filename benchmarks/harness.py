"""What every benchmark shares: timing with medians, and one table format.

A benchmark module ``benchmarks/bench_<name>.py`` defines
``run(scale: float) -> list[Row]``; ``benchmarks/run.py`` imports each, runs it
and prints one table. ``scale`` shrinks the generated corpus for quick runs
(``make bench BENCH_ARGS="--scale 0.1"``); targets are judged at scale 1.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Row:
    issue: int
    name: str
    value: float
    unit: str
    target: float
    """The figure the issue names (a limit, or a required speed-up)."""
    higher_is_better: bool = False
    runs: int = 1
    note: str = ""

    @property
    def ratio(self) -> float:
        """Measured over target: <= 1 meets a limit; for a required speed-up
        (higher is better) >= 1 meets it."""
        return self.value / self.target if self.target else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio >= 1 if self.higher_is_better else self.ratio <= 1


def median_time(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in seconds, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def format_table(rows: list[Row]) -> str:
    header = f"{'issue':>5}  {'benchmark':<58} {'measured':>12} {'target':>12} {'ratio':>7}  ok"
    lines = [header, "-" * len(header)]
    for r in rows:
        cmp = ">=" if r.higher_is_better else "<="
        lines.append(
            f"{r.issue:>5}  {r.name[:58]:<58} {r.value:>9.3g} {r.unit:<2} {cmp}{r.target:>7.3g} {r.unit:<2}"
            f" {r.ratio:>7.2f}  {'yes' if r.ok else 'NO'}"
            + (f"   ({r.note})" if r.note else "")
        )
    return "\n".join(lines)


async def settle(app, timeout: float = 120.0) -> None:
    """Wait until the app's workers are idle.

    ``WorkerManager.wait_for_complete`` raises when a worker was cancelled,
    and the app cancels on purpose: a search typed while the last one runs
    replaces it. So poll for workers still pending or running instead.
    """
    import asyncio

    from textual.worker import WorkerState

    deadline = time.perf_counter() + timeout
    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    while any(worker.state in busy for worker in app.workers):
        if time.perf_counter() > deadline:
            raise TimeoutError("the app's workers did not settle")
        await asyncio.sleep(0.02)
