"""The ECTSum measure of suggestions (issue 11), shared by the benchmark and
the quality test.

``../shared/data/ectsum-train/`` holds real calls (``ects/NAME.txt``, one
sentence a line, no speakers) and the bullet summary a Reuters journalist
wrote of each (``gt/NAME.txt``). A bullet counts when it holds a number; it
is covered when one of the top ``k`` suggestions holds every number of the
bullet, compared as values (``1,820`` is ``1820``), leaving out the digit of
``q1``-``q4``. Never shipped: the data sits beside the repository.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from annotations.suggest.scoring import Context, best, figures, score_sentences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ectsum-train"
_PERIOD = re.compile(r"_q([1-4])_((?:19|20)\d\d)$", re.IGNORECASE)


def available() -> bool:
    return (DATA / "ects").is_dir() and (DATA / "gt").is_dir()


@dataclass
class EctCall:
    name: str
    sentences: list[str]
    bullets: list[str]
    quarter: int | None
    year: int | None


def calls(every: int = 1) -> Iterator[EctCall]:
    """The calls in name order; ``every=n`` takes every n-th (a fixed sample)."""
    for i, path in enumerate(sorted((DATA / "ects").glob("*.txt"))):
        if i % every:
            continue
        gt = DATA / "gt" / path.name
        if not gt.exists():
            continue
        m = _PERIOD.search(path.stem)
        yield EctCall(
            path.stem,
            [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip()],
            [s.strip() for s in gt.read_text(encoding="utf-8").splitlines() if s.strip()],
            int(m.group(1)) if m else None,
            int(m.group(2)) if m else None,
        )


@dataclass
class Measure:
    calls: int
    bullets: int
    covered: int
    useful: int
    """Suggestions that cover at least one bullet."""
    suggested: int
    seconds: float

    @property
    def coverage(self) -> float:
        return self.covered / self.bullets if self.bullets else 0.0

    @property
    def precision(self) -> float:
        return self.useful / self.suggested if self.suggested else 0.0

    @property
    def ms_per_call(self) -> float:
        return 1000 * self.seconds / self.calls if self.calls else 0.0


def measure(every: int = 1, k: int = 16) -> Measure:
    total = Measure(0, 0, 0, 0, 0, 0.0)
    for call in calls(every):
        contexts = [Context(quarter=call.quarter, year=call.year)] * len(call.sentences)
        t0 = time.perf_counter()
        top = best(score_sentences(call.sentences, contexts), k)
        total.seconds += time.perf_counter() - t0
        held = [figures(call.sentences[s.index]) for s in top]
        used: set[int] = set()
        for bullet in call.bullets:
            wanted = figures(bullet)
            if not wanted:
                continue
            total.bullets += 1
            hits = [j for j, have in enumerate(held) if wanted <= have]
            if hits:
                total.covered += 1
                used.update(hits)
        total.calls += 1
        total.useful += len(used)
        total.suggested += len(top)
    return total
