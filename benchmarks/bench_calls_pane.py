"""Issue 14, the calls pane at a research team's size: the UI time of
setting 30,000 calls (at start, each first-run hand-off, each rescan) and
of a key typed into its filter.

The pane alone in a bare app under Pilot, with cheap ``CallEntry`` objects
(1,500 companies, 20 quarters each, ids as the corpus makes them). "UI
time" is the time the call takes on the UI thread plus the repaint after
it; the filter's matching over a long list runs in a worker, timed apart
(the UI does not wait for it: the longest the event loop waited for a turn
meanwhile is its stall; Pilot's key presses wait for an idle CPU, so
they cannot time a key while a worker runs). As an ``OptionList`` the pane took
1.5-2.2 s to set 30,000 calls and about 1 s a filter key.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from benchmarks.harness import Row, settle

SIZE = (140, 45)
CALLS = 30_000
RUNS = 3
TARGET_S = 0.1
"""A tenth of the issue's first-paint budget (1 s) for one list set."""


def _entries(n: int) -> list:
    from transcripts.catalog.entry import CallEntry

    out = []
    for i in range(n):
        c, k = divmod(i, 20)
        year, quarter = 2015 + k // 4, k % 4 + 1
        out.append(CallEntry(id=f"company-{c:04d}-{year}-q{quarter}", path=f"/calls/{i}.txt", sha256="",
                             company=f"Company {c:04d}", fiscal_year=year, quarter=quarter, ticker=f"C{c}"))
    return out


async def _measure(n: int) -> dict[str, list[float]]:
    from textual.app import App

    from tui.widgets.calls_pane import CallsPane

    class Bare(App):
        def compose(self):
            yield CallsPane(id="calls")

    entries = _entries(n)
    out: dict[str, list[float]] = {"set": [], "key": [], "stall": [], "filtered": []}
    async with Bare().run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(CallsPane)
        pane.focus()
        for _ in range(RUNS):
            pane.set_calls([], [])
            await pilot.pause()
            t0 = time.perf_counter()
            pane.set_calls(entries, [])
            await pilot.pause()
            out["set"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            pane.set_filter("company 0123")
            out["key"].append(time.perf_counter() - t0)
            out["stall"].append(await _longest_stall(pilot.app))
            await settle(pilot.app)
            await pilot.pause()
            out["filtered"].append(time.perf_counter() - t0)
            pane.set_filter("")
            await pilot.pause()
    return out


async def _longest_stall(app) -> float:
    """The longest gap between turns of the event loop while workers run."""
    from textual.worker import WorkerState

    longest, last = 0.0, time.perf_counter()
    while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    return longest


def run(scale: float) -> list[Row]:
    n = max(100, int(CALLS * scale))
    got = asyncio.run(_measure(n))
    median = {k: statistics.median(v) for k, v in got.items()}
    return [
        Row(14, f"calls pane: set {n:,} calls, UI time", median["set"], "s", TARGET_S, runs=RUNS),
        Row(14, f"calls pane: a filter key over {n:,} calls, UI thread", median["key"], "s", TARGET_S, runs=RUNS),
        Row(14, "calls pane: longest UI stall while a worker filters", median["stall"], "s", TARGET_S, runs=RUNS,
            note="the event loop's longest wait"),
        Row(14, f"calls pane: the filtered list on screen ({n:,} calls)", median["filtered"], "s", 1.0,
            runs=RUNS, note="matching in a worker"),
    ]
