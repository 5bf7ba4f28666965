"""Corpora of thousands of calls for the scale benchmark (issue 14).

``benchmarks.generate`` writes a thousand calls from a few sentence
patterns, enough to time one engine but not to show how a design scales:
its vocabulary is a few hundred words, every call has the same shape and
60 companies cover every size. Here a corpus of N calls has about N/20
companies over 20 quarters each (2020-2024), each with stable executives,
analysts from real-sounding firms, and the layouts the vendors use
(StreetEvents, Refinitiv, Seeking Alpha, Motley Fool, and the plain
``Name - Title`` shape of the samples; ``benchmarks.layout_calls`` writes
them). The speech mixes figures and guidance sentences (``generate``'s
patterns: metrics, money, percentages, periods) with prose drawn from real
words with Zipf-like weights (``benchmarks.scale_words``), so typos,
prefixes, phrases and filters meet long and short postings as on real calls.

Each call comes from its own seeded generator (``seed`` and its number), so
a corpus is the same bytes on every machine, and an interrupted run resumes
at the first missing file. Corpora are large (10,000 calls are ~650 MB), so
they live outside the repository, in ``$EARMARK_BENCH_DIR`` (default
``~/.cache/earmark-bench``), and are written once.

    python -m benchmarks.scale_corpus --calls 1000
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Callable

from benchmarks.generate import _FIRMS, _FIRST, _LAST, _Writer
from benchmarks.layout_calls import RENDERERS
from benchmarks.layout_script import Person, Said, Script
from benchmarks.scale_words import VOCABULARY

GENERATOR_VERSION = 1
"""Bump when the output changes: the folder name carries it, so older
corpora are never mistaken for the current one."""
COMPLETE_MARKER = ".complete"
QUARTERS_PER_COMPANY = 20
YEARS = (2024, 2023, 2022, 2021, 2020)

_FIRST_PART = ["Acme", "Northwind", "Globex", "Initech", "Vandelay", "Cyberdyne", "Tyrell", "Hooli",
               "Aperture", "Monarch", "Zenith", "Sterling", "Vortex", "Halcyon", "Quantum", "Meridian",
               "Apex", "Cobalt", "Summit", "Harbor", "Keystone", "Redwood", "Granite", "Silverline",
               "Brightwave", "Ironclad", "Lumen", "Nimbus", "Orion", "Pinnacle", "Sequoia", "Tidewater",
               "Everest", "Falcon", "Helix", "Juniper", "Kestrel", "Larkspur", "Magellan", "Osprey",
               "Polaris", "Quasar", "Radiant", "Solstice", "Trident", "Vertex", "Willow", "Beacon"]
_SECOND_PART = ["", "Ridge", "Point", "Valley", "Bay", "Peak", "Rock", "Creek", "Field", "Stone",
                "Bridge", "Gate", "Lake", "River", "Crest", "Forge", "Harbor", "Park", "Works", "Grove"]
_KINDS = ["Systems", "Networks", "Software", "Holdings", "Semiconductor", "Therapeutics", "Industries",
          "Labs", "Media", "Energy", "Logistics", "Payments", "Bancorp", "Retail", "Foods", "Aerospace"]
_EXEC_ROLES = [("Chairman and CEO", "Chief Executive Officer", "President and Chief Executive Officer"),
               ("Chief Financial Officer", "EVP and CFO", "Senior Vice President & CFO"),
               ("Vice President, Investor Relations", "Head of Investor Relations", "Director of IR"),
               ("Chief Operating Officer", "President", "President and Chief Operating Officer")]
LAYOUTS: tuple[tuple[str, float], ...] = (
    ("plain", 0.4), ("streetevents", 0.15), ("seeking_alpha", 0.15), ("refinitiv", 0.1),
    ("motley_fool_2023", 0.1), ("motley_fool_2025", 0.1),
)
"""Layouts and their shares of a corpus."""

# Zipf-like weights over the vocabulary, as cumulative weights for ``choices``.
_CUM = list(itertools.accumulate(1 / (r ** 1.07) for r in range(1, len(VOCABULARY) + 1)))

Progress = Callable[[int, int], None]


def bench_dir() -> Path:
    """Where corpora are kept: ``$EARMARK_BENCH_DIR`` or ``~/.cache/earmark-bench``."""
    given = os.environ.get("EARMARK_BENCH_DIR")
    return Path(given).expanduser() if given else Path.home() / ".cache" / "earmark-bench"


def corpus_folder(calls: int, words: int = 10_000, seed: int = 0) -> Path:
    return bench_dir() / f"scale-v{GENERATOR_VERSION}-c{calls}-w{words}-s{seed}"


# -- who is on the calls ----------------------------------------------------


def company_count(calls: int) -> int:
    return max(1, math.ceil(calls / QUARTERS_PER_COMPANY))


def company(index: int) -> tuple[str, str, str]:
    """(short name, name as the call says it, ticker) of company ``index``;
    different for every index below 15,000."""
    first = _FIRST_PART[index % len(_FIRST_PART)]
    rest = index // len(_FIRST_PART)
    second = _SECOND_PART[rest % len(_SECOND_PART)]
    kind = _KINDS[(index * 7 + rest // len(_SECOND_PART)) % len(_KINDS)]
    short = f"{first} {second}".strip()
    ticker = (first[:2] + (second[:1] or first[2]) + kind[:1]).upper() + (str(index // 960) if index >= 960 else "")
    return short, f"{short} {kind}", ticker


def _executives(index: int) -> list[Person]:
    """Stable per company, so a person is the same across its quarters."""
    rng = random.Random(f"executives:{index}")
    people, used = [], set()
    for titles in _EXEC_ROLES[: 3 + index % 2]:
        while (name := f"{rng.choice(_FIRST)} {rng.choice(_LAST)}") in used:
            pass
        used.add(name)
        people.append(Person(name, rng.choice(titles), "executive"))
    return people


def _analysts(rng: random.Random) -> list[Person]:
    chosen: dict[str, Person] = {}
    for _ in range(rng.randint(6, 11)):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        chosen.setdefault(name, Person(name, "Analyst", "analyst", rng.choice(_FIRMS)))
    return list(chosen.values())


# -- what they say ------------------------------------------------------------


class _Speech:
    """Sentences for one call: a third figures and guidance, the rest prose."""

    def __init__(self, rng: random.Random, name: str, year: int, quarter: int) -> None:
        self.rng = rng
        self.figures = _Writer(rng, name, year, quarter)
        self.words = 0

    def sentence(self, question: bool = False) -> str:
        rng = self.rng
        if question or rng.random() < 0.33:
            text = self.figures.sentence(question)
        else:
            picked = rng.choices(VOCABULARY, cum_weights=_CUM, k=rng.randint(6, 24))
            if len(picked) > 10 and rng.random() < 0.5:
                picked[rng.randint(3, len(picked) - 4)] += ","
            text = " ".join(picked)
            text = text[0].upper() + text[1:] + "."
        self.words += text.count(" ") + 1
        return text

    def paragraph(self, lo: int = 2, hi: int = 6, question: bool = False) -> str:
        n = self.rng.randint(lo, hi)
        return " ".join(self.sentence(question and i == n - 1) for i in range(n))


def script(index: int, calls: int, words: int, seed: int) -> Script:
    """Who says what on call ``index`` of a corpus of ``calls``."""
    rng = random.Random(f"{seed}:{index}")
    n = company_count(calls)
    which, period = index % n, index // n
    year, quarter = YEARS[(period // 4) % len(YEARS)], 4 - period % 4
    name = company(which)
    speech = _Speech(rng, name[1], year, quarter)
    operator = Person("Operator", "", "operator")
    ir, ceo, cfo, *others = _executives(which)
    execs = [ir, ceo, cfo, *others]
    analysts = _analysts(rng)
    ordinal = ("first", "second", "third", "fourth")[quarter - 1]
    turns = [
        Said(operator, [f"Good day, and welcome to the {name[0]} {ordinal} quarter {year} earnings conference "
                        f"call. Today's call is being recorded. At this time, I would like to turn the call over "
                        f"to {ir.name}, {ir.title}. Please go ahead."], "prepared"),
        Said(ir, [f"Thank you, and good afternoon. With me today are {ceo.name}, our {ceo.title}, and "
                  f"{cfo.name}, our {cfo.title}. Today's discussion may include forward-looking statements "
                  f"that are subject to risks described in our filings with the SEC. With that, I will turn "
                  f"the call over to {ceo.name.split()[0]}."], "prepared"),
    ]
    for who, share in ((ceo, 0.22), (cfo, 0.4)):
        paragraphs = []
        while speech.words < words * share:
            paragraphs.append(speech.paragraph())
        turns.append(Said(who, paragraphs or [speech.paragraph()], "prepared"))
    qa_start = len(turns)
    turns.append(Said(operator, [
        "Thank you. We will now begin the question-and-answer session. If you would like to ask a question, "
        f"please press star one on your telephone keypad. Our first question comes from {analysts[0].name} "
        f"with {analysts[0].firm}. Please go ahead."], "qa"))
    i = 0
    while speech.words < words:
        analyst = analysts[i % len(analysts)]
        if i:
            turns.append(Said(operator, [f"Our next question comes from {analyst.name} with {analyst.firm}."], "qa"))
        greeting = rng.choice(("Thanks for taking my question.", "Hi, good afternoon.", "Great, thank you."))
        turns.append(Said(analyst, [f"{greeting} {speech.paragraph(1, 3, question=True)}"], "qa"))
        for who in rng.sample([ceo, cfo, *others], rng.randint(1, 2)):
            turns.append(Said(who, [speech.paragraph() for _ in range(rng.randint(1, 3))], "qa"))
        i += 1
    turns.append(Said(operator, ["That concludes today's question-and-answer session. Thank you for your "
                                 "participation. You may now disconnect."], "qa"))
    return Script(name, year, quarter, [operator, *execs, *analysts], turns, qa_start)


def _plain(s: Script, rng: random.Random) -> str:
    """The samples' shape: a speaker line (``Name - Title``), then the speech."""
    out = [f"{s.company_name} {s.year} Q{s.quarter} earnings call transcript"]
    for t in s.turns:
        p = t.person
        out.append("Operator" if p.role == "operator"
                   else f"{p.name}, {p.firm} - Analyst" if p.role == "analyst" else f"{p.name} - {p.title}")
        out.extend(t.paragraphs)
    return "\n".join(out) + "\n"


def layout_of(index: int, seed: int) -> str:
    pick = random.Random(f"layout:{seed}:{index}").random()
    for name, share in LAYOUTS:
        if pick < share:
            return name
        pick -= share
    return LAYOUTS[0][0]


def file_name(index: int, calls: int, seed: int) -> str:
    """``harbor-ridge-networks-2024-q3.txt`` for most calls; one in ten is
    named by number only (like the samples), so its company and period must
    come from its text."""
    n = company_count(calls)
    which, period = index % n, index // n
    if index % 10 == 7:
        return f"{index:06d}_{random.Random(f'name:{seed}:{index}').getrandbits(48):012x}.txt"
    year, quarter = YEARS[(period // 4) % len(YEARS)], 4 - period % 4
    slug = company(which)[1].lower().replace(" ", "-")
    return f"{slug}-{year}-q{quarter}.txt"


def write_call(index: int, calls: int, words: int = 10_000, seed: int = 0) -> str:
    s = script(index, calls, words, seed)
    layout = layout_of(index, seed)
    rng = random.Random(f"render:{seed}:{index}")
    return _plain(s, rng) if layout == "plain" else RENDERERS[layout](s, rng)


# -- on disk ------------------------------------------------------------------


def _stderr_progress(done: int, total: int) -> None:
    """A line that counts up on a terminal; a line per tenth in a log."""
    tty = sys.stderr.isatty()
    if done == total or done % max(1, total // (100 if tty else 10)) == 0:
        print(f"{chr(13) if tty else ''}  writing calls {done:,}/{total:,}", end="\n" if done == total or not tty else "",
              file=sys.stderr, flush=True)


def ensure_corpus(calls: int, words: int = 10_000, seed: int = 0,
                  progress: Progress | None = _stderr_progress) -> Path:
    """The folder of the corpus, written on first use.

    Each file is written under a temporary name and renamed into place, so a
    killed run leaves only whole files and the next run writes the rest; the
    marker says the folder is complete."""
    folder = corpus_folder(calls, words, seed)
    if (folder / COMPLETE_MARKER).exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for index in range(calls):
        path = folder / file_name(index, calls, seed)
        if not path.exists():
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(write_call(index, calls, words, seed), encoding="utf-8")
            os.replace(tmp, path)
        if progress is not None:
            progress(index + 1, calls)
    _annotate(folder, calls, seed)
    (folder / COMPLETE_MARKER).write_text(f"{calls} calls in {time.perf_counter() - t0:.0f} s\n")
    return folder


def annotated(index: int) -> bool:
    """One call in ten has an annotation file (ten highlights), as an
    analyst's archive has some calls read closely and most not (drawn, so
    that every company has some, whatever the corpus's size)."""
    return random.Random(f"annotated:{index}").random() < 0.1


def _annotate(folder: Path, calls: int, seed: int) -> None:
    """Annotation files written by Earmark's own codec (``bench_export``),
    beside the calls ``annotated`` picks; each needs the parsed call for its
    offsets, so they are parsed in small batches."""
    from benchmarks.bench_export import write_annotations
    from transcripts.corpus import parse_file
    from transcripts.sidecar import sidecar_path

    todo = [folder / file_name(i, calls, seed) for i in range(calls) if annotated(i)]
    todo = [p for p in todo if not sidecar_path(p).exists()]
    for start in range(0, len(todo), 50):
        write_annotations([parse_file(p) for p in todo[start:start + 50]], seed=seed * 1000 + start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a scale corpus of generated calls.")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(ensure_corpus(args.calls, args.words, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
