"""Issue 2, point 4: speaker identity across calls.

Target: identify the people of 1,000 calls (about 13 speakers each, 60
companies, analysts covering several companies) in under 1 s, median of 5
cold runs (the memoised name, title and firm forms are cleared before each
run, so the figure is what a first ``earmark speakers`` pays).

Set-up (not timed): the generated corpus is loaded once.

    python benchmarks/run.py identity --scale 0.05
"""

from __future__ import annotations

from benchmarks.generate import generate_corpus
from benchmarks.harness import Row, median_time
from transcripts import load_corpus
from transcripts.identity import clear_caches, identify_people

ISSUE = 2
TARGET_S = 1.0
RUNS = 5


def run(scale: float) -> list[Row]:
    calls = max(20, round(1000 * scale))
    corpus = load_corpus([generate_corpus(calls=calls, words=10_000)])
    speakers = sum(1 for c in corpus.calls for s in c.speakers if s.role != "operator")
    people: list = []

    def once() -> None:
        clear_caches()
        people[:] = identify_people(corpus.calls)

    seconds = median_time(once, runs=RUNS)
    return [
        Row(
            ISSUE,
            f"speaker identity, {len(corpus.calls):,} calls",
            seconds,
            "s",
            TARGET_S,
            runs=RUNS,
            note=f"{speakers:,} speakers -> {len(people):,} people",
        )
    ]


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run(1.0)))
