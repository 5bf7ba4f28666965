"""Suggestion quality and speed on ECTSum (issue 11).

Rows: coverage at 16 (target: above ECT-BPS, the paper's trained extractive
model, about 0.60; any sentence of the call at all reaches about 0.67),
precision at 16, and milliseconds per call (target 50 ms in pure Python).
``--scale`` below 1 takes a fixed sample (every n-th call). Skipped, with a
reason, where ``../shared`` is absent.
"""

from __future__ import annotations

import sys

from benchmarks import ectsum
from benchmarks.harness import Row


def run(scale: float) -> list[Row]:
    if not ectsum.available():
        print(f"  bench_suggest: skipped: no ECTSum data at {ectsum.DATA}", file=sys.stderr)
        return []
    every = max(1, round(1 / scale)) if scale < 1 else 1
    m = ectsum.measure(every)
    note = f"{m.calls} calls, {m.bullets} bullets with numbers"
    return [
        Row(11, "suggestions: coverage at 16 (vs ECT-BPS 0.60)", round(m.coverage, 3), "share", 0.60,
            higher_is_better=True, note=note),
        Row(11, "suggestions: precision at 16 (vs first-16-with-numbers 0.09)", round(m.precision, 3), "share", 0.09,
            higher_is_better=True, note=note),
        Row(11, "suggestions: time per call", round(m.ms_per_call, 1), "ms", 50.0, note=note),
    ]
