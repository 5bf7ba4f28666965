"""Issue 10: reading every layout family stays fast.

Two kinds of rows. Detection: scoring every family on 1,000 plain-text
calls of 10,000 words (the corpus benchmark's calls), which must leave the
4 s parse of those calls intact; we hold detection to a tenth of that
budget. Parse speed per layout: calls of about 10,000 words generated in
each family's shape, parsed in one process, as seconds per 1,000 calls; the
corpus spreads parsing over its worker processes, so the 4 s target of
1,000 calls on this 2-core machine is 8 s of one process.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.generate import generate_corpus
from benchmarks.harness import Row
from benchmarks.layout_calls import RENDERERS, render
from transcripts import parse_text
from transcripts.layouts import detect

FULL_CALLS = 1000
WORDS = 10_000
DETECT_LIMIT_S = 0.4
"""A tenth of the 4 s budget for parsing 1,000 calls."""
PARSE_LIMIT_S = 8.0
"""1,000 calls in 4 s on two cores: 8 s of one process."""
LENGTH = 7
"""``layout_calls`` length for about 10,000 words a call."""
SAMPLE = 12
"""Generated calls timed per layout (the figure is scaled to 1,000)."""


def _detect_seconds(folder: Path) -> tuple[float, int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    for text in texts:
        detect(text)
    return time.perf_counter() - t0, len(texts)


def _parse_seconds_per_1000(layout: str, calls: int, texts: list[str] | None = None) -> tuple[float, float]:
    texts = texts or [render(layout, seed, LENGTH)[1] for seed in range(calls)]
    words = sum(len(t.split()) for t in texts) / len(texts)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for i, text in enumerate(texts):
            parse_text(text, f"{layout}-{i}.txt")
        best = min(best, time.perf_counter() - t0)
    return best / len(texts) * 1000, words


def run(scale: float) -> list[Row]:
    calls = max(20, round(FULL_CALLS * scale))
    share = calls / FULL_CALLS
    folder = generate_corpus(calls=calls, words=WORDS, seed=0)
    detect_s, n = _detect_seconds(folder)
    rows = [Row(10, f"layouts: detect the layout of {n} plain-text calls x {WORDS // 1000}k words", detect_s, "s",
                DETECT_LIMIT_S * share, note="every family scores every call")]
    sample = max(3, round(SAMPLE * min(1.0, scale * 4)))
    plain = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:sample]]
    seconds, words = _parse_seconds_per_1000("generic", sample, plain)
    rows.append(Row(10, "layouts: parse generic (samples layout), per 1,000 calls (one process)", seconds, "s",
                    PARSE_LIMIT_S, runs=3, note=f"the reference: {sample} corpus calls of ~{words / 1000:.0f}k words"))
    for layout in sorted(RENDERERS):
        seconds, words = _parse_seconds_per_1000(layout, sample)
        rows.append(Row(10, f"layouts: parse {layout}, per 1,000 calls (one process)", seconds, "s",
                        PARSE_LIMIT_S, runs=3, note=f"{sample} calls of ~{words / 1000:.0f}k words, best of 3"))
    return rows
