"""The figures of issue 14's goal, the issue's baseline for each, and the
table that puts a run of ``bench_scale`` beside them.

The baseline is what the issue measured before the catalog and the on-disk
index (three runs each, on a 2-core machine); a range there is given here
as its middle. The goal is the issue's limit at 30,000 calls, held at every
size (the first run's ten minutes pro rata, 20 s at 1,000 calls and below).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Figure:
    value: float
    runs: int


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    unit: str
    goal: float | None
    """At every size; None: the issue sets none."""
    baseline: dict[int, float]
    per_call_goal: bool = False
    """The goal is for 30,000 calls and scales with the corpus."""

    def goal_at(self, calls: int) -> float | None:
        if self.goal is None:
            return None
        if self.per_call_goal:  # below 1,000 calls starting processes is all there is
            return self.goal * max(calls, 1000) / 30_000
        return self.goal


SPECS: tuple[Spec, ...] = (
    Spec("paint", "app: first paint", "s", 1.0, {1000: 0.45, 10_000: 0.5}),
    Spec("usable", "app: search usable after start (warm)", "s", 2.0, {1000: 4.3, 10_000: 36, 30_000: 158}),
    Spec("app_mb", "app: peak memory, everything loaded", "MB", 1000, {1000: 600, 10_000: 5500, 30_000: 16_400}),
    Spec("median", "query median (warm, in process)", "ms", 50, {1000: 9, 10_000: 68.5, 30_000: 267}),
    Spec("p95", "query p95 (warm, in process)", "ms", 150, {1000: 13, 10_000: 131.5, 30_000: 518}),
    Spec("process_mb", "peak memory, a process that loads and searches", "MB", None,
         {1000: 400, 10_000: 3500, 30_000: 10_500}),
    Spec("load", "load from the cache + first search (in process)", "s", None, {1000: 0.7, 10_000: 6.5, 30_000: 29}),
    Spec("cli_search", "earmark search (whole command, warm)", "s", 1.0, {1000: 1.1, 10_000: 9.75, 30_000: 37}),
    Spec("cli_calls", "earmark calls (whole command, warm)", "s", 1.0, {}),
    Spec("cli_annotations", "earmark annotations (whole command, warm)", "s", 1.0, {}),
    Spec("export", "earmark export, one company (warm)", "s", 1.0, {1000: 2.8, 10_000: 31, 30_000: 99}),
    Spec("changed", "one file changed, then earmark search", "s", 1.0, {1000: 2.4, 10_000: 29, 30_000: 111}),
    Spec("app_changed", "app: a changed file's word found, after it noticed", "s", 1.0, {}),
    Spec("cold", "first run: parse and index (cold)", "s", 600, {1000: 12, 10_000: 141, 30_000: 445},
         per_call_goal=True),
    Spec("cold_mb", "first run: peak memory", "MB", None, {10_000: 2600, 30_000: 7800}),
)
"""Baselines for the export were the whole corpus's export; the goal (and
this benchmark) is one company's."""


class Measured(Protocol):
    calls: int
    figures: dict[str, Figure]
    notes: dict[str, str]


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def format_scale_table(sizes: list[Measured]) -> str:
    """One line per figure: for each size the measured value, the baseline
    and measured/baseline; then the goal and the growth from the smallest
    size to the largest."""
    head = f"{'issue 14, scale':<50}"
    for s in sizes:
        head += f" | {s.calls:>7,} calls: measured  baseline  ratio"
    grow = f"growth {sizes[0].calls:,}->{sizes[-1].calls:,}" if len(sizes) > 1 else ""
    head += f" | {'goal':>7} | {grow}"
    lines = [head, "-" * len(head)]
    for spec in SPECS:
        line = f"{spec.label + ' (' + spec.unit + ')':<50}"
        values = []
        for s in sizes:
            fig = s.figures.get(spec.key)
            base = spec.baseline.get(s.calls)
            value = fig.value if fig else None
            values.append(value)
            ratio = f"{value / base:.2f}" if value is not None and base else "-"
            line += f" | {'':>13}{_num(value):>9} {_num(base):>9} {ratio:>6}"
        line += f" | {_num(spec.goal_at(sizes[-1].calls)):>7}"
        first, last = values[0], values[-1]
        if len(sizes) > 1 and first and last is not None:
            line += f" | {last / first:.1f}x"
        lines.append(line)
    lines.append("")
    for s in sizes:
        notes = "; ".join(f"{k}: {v}" for k, v in s.notes.items())
        lines.append(f"{s.calls:,} calls: {notes}")
    return "\n".join(lines)


def rows_for(sizes: list[Measured], issue: int) -> list:
    """The figures as rows of ``make bench``'s table, the goal as the target
    (the baseline when the issue sets no goal), the baseline in the note."""
    from benchmarks.harness import Row

    rows = []
    for s in sizes:
        load = s.notes.get("load average", "?")
        for spec in SPECS:
            fig = s.figures.get(spec.key)
            if fig is None:
                continue
            base = spec.baseline.get(s.calls)
            target = spec.goal_at(s.calls) or base
            if target is None:
                continue
            note = [f"baseline {_num(base)} {spec.unit}, x{fig.value / base:.2f}" if base else "no baseline"]
            if spec.goal is None:
                note.append("no goal: target is the baseline")
            if spec.key in s.notes:
                note.append(s.notes[spec.key])
            note.append(f"load {load}")
            rows.append(Row(issue, f"scale {s.calls:,}: {spec.label}", fig.value, spec.unit, target,
                            runs=fig.runs, note="; ".join(note)))
    return rows
