"""Issue 3, the reader: first paint on a large corpus, the cost of a cursor
move on the longest and the shortest call, and memory with every call open.

First paint is the time from starting the app until the first call is on
screen (the rest keep loading in a worker). A cursor move is one ``j``
pressed through Pilot, averaged over 500 presses; the longest and shortest
calls are added to the corpus on purpose (40,000 and 1,000 words) so that
"cost does not grow with length" is tested on very different calls.

The cost of a key is the CPU time the process spends per press (handling
the key, re-rendering the changed lines, compositing the screen, plus
Pilot's own bookkeeping). Wall time through Pilot is not the app's cost:
``Pilot.press`` waits for the process to go idle in 20 ms sleeps (twice per
key), so it can never be under ~40 ms whatever the app does; it is printed
in the note for reference.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_corpus
from benchmarks.harness import Row, rss_mb, settle

PRESSES = 500
SIZE = (140, 45)


async def _first_paint(paths: list[str]) -> float:
    from tui.app import EarmarkApp

    app = EarmarkApp(paths)
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        # ``first_paint`` is set right after the refresh that draws the first
        # call (Pilot's pause would also wait for the whole corpus to load).
        while not app.first_paint.is_set():
            await asyncio.sleep(0.002)
        elapsed = time.perf_counter() - t0
        await settle(app)
    return elapsed


async def _memory(paths: list[str]) -> dict[str, float]:
    """RSS once every call is loaded and the features' own work (e.g. the
    search index) is done, measured in a fresh process so that apps opened
    earlier by this benchmark do not count."""
    from tui.app import EarmarkApp

    app = EarmarkApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause(1.0)  # features start their workers once the corpus is in
        await settle(app)
        await pilot.pause()
        gc.collect()
        return {"rss": rss_mb(), "calls": len(app.corpus.calls)}


def _memory_in_subprocess(paths: list[str], home: str) -> dict[str, float]:
    """``home`` is the EARMARK_HOME of the run: what is cached there (parsed
    calls, the search index) changes the memory a lot (building the search
    index leaves more behind than loading it), so both the first run and a
    later one are measured."""
    root = Path(__file__).resolve().parent.parent
    # the specific folders would override EARMARK_HOME (and could be warm)
    env = {k: v for k, v in os.environ.items()
           if k not in ("EARMARK_CACHE_DIR", "EARMARK_DATA_DIR", "EARMARK_CONFIG_DIR")}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_reader", "--memory", *paths],
        cwd=root, capture_output=True, text=True, check=True, env={**env, "EARMARK_HOME": home},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


async def _press_cost(pilot, key: str, presses: int) -> tuple[float, float]:
    """Median CPU and wall seconds per press over five runs of presses/5."""
    cpus, walls = [], []
    per_run = max(1, presses // 5)
    for _ in range(5):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(per_run):
            await pilot.press(key)
        cpus.append((time.process_time() - c0) / per_run)
        walls.append((time.perf_counter() - t0) / per_run)
    return statistics.median(cpus), statistics.median(walls)


async def _moves(paths: list[str], presses: int) -> dict[str, float]:
    from tui.app import EarmarkApp

    app = EarmarkApp(paths)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        # Let the features' own background work (the search index is built
        # in a thread once the corpus is in) finish first: process CPU time
        # counts every thread, and it would land on whichever call is
        # measured first, skewing the longest/shortest ratio.
        await settle(app)
        await pilot.pause(1.0)
        await settle(app)
        await pilot.pause()
        gc.collect()
        calls = sorted(app.corpus.calls, key=lambda c: c.sentence_count)
        for label, call in (("longest", calls[-1]), ("shortest", calls[0])):
            app.open_call(call.id)
            app.reader.focus()
            await pilot.pause()
            n = min(presses, call.sentence_count - 1)
            cpu, wall = await _press_cost(pilot, "j", n)
            out[label], out[f"{label}_wall"] = cpu, wall
            out[f"{label}_words"] = len(call.text.split())
        # What a press costs when the key does nothing: Pilot's and the
        # framework's share, for the note.
        out["baseline"], _ = await _press_cost(pilot, "z", 100)
    return out


def run(scale: float = 1.0) -> list[Row]:
    calls = max(4, int(1000 * scale))
    folder = generate_corpus(calls=calls, words=10_000, seed=0)
    long_call = generate_corpus(calls=1, words=40_000, seed=1)
    short_call = generate_corpus(calls=1, words=1_000, seed=2)
    paths = [str(folder), str(long_call), str(short_call)]
    paints = [asyncio.run(_first_paint(paths)) for _ in range(3)]
    first_paint = statistics.median(paints)
    with tempfile.TemporaryDirectory(prefix="earmark-bench-home-") as home:
        cold = _memory_in_subprocess(paths, home)  # nothing cached: parse and index everything
        memory = _memory_in_subprocess(paths, home)  # the caches the first run left
    m = asyncio.run(_moves(paths, PRESSES))
    # The cost of a cursor move is what a press of ``j`` costs beyond a press
    # of a key that does nothing: Pilot's own dispatch and idle waiting (about
    # 4 ms of CPU per press) is the harness, not the reader. Both figures are
    # printed; the row and the ratio use the net one, on the same basis.
    longest = max(m["longest"] - m["baseline"], 0.0)
    shortest = max(m["shortest"] - m["baseline"], 0.0)
    ratio = longest / shortest if shortest else float("inf")
    n = int(memory["calls"])
    return [
        Row(3, f"first paint, {n} calls", first_paint, "s", 1.0, runs=3,
            note="until the first call is on screen; the rest load in a worker"),
        Row(3, f"cursor move j, longest call ({int(m['longest_words'])} words)", longest * 1000, "ms", 10.0,
            runs=5, note=(
                f"CPU per key through Pilot, {PRESSES} presses, net of an unbound key's "
                f"{m['baseline'] * 1000:.1f} ms; gross {m['longest'] * 1000:.1f} ms; "
                f"wall {m['longest_wall'] * 1000:.0f} ms incl. Pilot's idle waits")),
        Row(3, f"j cost longest / shortest ({int(m['shortest_words'])} words)", ratio, "x", 1.5,
            note=f"net CPU per key {longest * 1000:.1f} / {shortest * 1000:.1f} ms"),
        Row(3, f"RSS with {int(memory['calls'])} calls open", memory["rss"], "MB", 400.0,
            note="fresh process, every feature installed, caches warm (search index loaded)"),
        Row(3, f"RSS with {int(cold['calls'])} calls open, first run", cold["rss"], "MB", 400.0,
            note="nothing cached yet: every call parsed and the search index built in this process"),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--memory":
        print(json.dumps(asyncio.run(_memory(sys.argv[2:]))))
    else:
        from benchmarks.harness import format_table

        print(format_table(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)))
