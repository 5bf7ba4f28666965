"""Issue 14, the calls pane at a research team's size: the UI time of
setting 30,000 calls (at start, each first-run hand-off, each rescan) and
of a key typed into its filter.

The pane alone in a bare app under Pilot, with cheap ``CallEntry`` objects
(1,500 companies, 20 quarters each, ids as the corpus makes them). "UI
time" is the time the call takes on the UI thread plus the repaint after
it; the filter's matching over a long list runs in a worker, timed apart
(the UI does not wait for it). As an ``OptionList`` the pane took
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
    out: dict[str, list[float]] = {"set": [], "key": [], "filtered": []}
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
            await pilot.pause()
            out["key"].append(time.perf_counter() - t0)
            await settle(pilot.app)
            await pilot.pause()
            out["filtered"].append(time.perf_counter() - t0)
            pane.set_filter("")
            await pilot.pause()
    return out


def run(scale: float) -> list[Row]:
    n = max(100, int(CALLS * scale))
    got = asyncio.run(_measure(n))
    median = {k: statistics.median(v) for k, v in got.items()}
    return [
        Row(14, f"calls pane: set {n:,} calls, UI time", median["set"], "s", TARGET_S, runs=RUNS),
        Row(14, f"calls pane: a filter key over {n:,} calls, UI time", median["key"], "s", TARGET_S, runs=RUNS),
        Row(14, f"calls pane: the filtered list on screen ({n:,} calls)", median["filtered"], "s", 1.0,
            runs=RUNS, note="matching in a worker"),
    ]
