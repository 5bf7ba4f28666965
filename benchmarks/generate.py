"""A deterministic corpus of realistic earnings calls for benchmarks.

Real transcripts cannot be shipped, and two samples say nothing about speed,
so the benchmarks read calls written here: the layout of the samples (a
notice line, the operator, executives' prepared remarks, the operator's Q&A
instructions, analysts announced with their firm), about 60 companies over
several fiscal years and quarters, and sentences made unique by their numbers,
metrics and wording so that search has something to tell apart.

``generate_corpus(calls, words, seed)`` writes once into
``benchmarks/.corpus/c{calls}-w{words}-s{seed}/`` and reuses the folder
afterwards; the same arguments always give the same bytes.

    python benchmarks/generate.py --calls 1000 --words 10000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS_ROOT = Path(__file__).resolve().parent / ".corpus"
COMPLETE_MARKER = ".complete"
GENERATOR_VERSION = 2
"""Bump when the output changes, so folders written by older code are redone."""

_PREFIXES = [
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Vandelay", "Stark", "Wayne",
    "Cyberdyne", "Soylent", "Tyrell", "Wonka", "Hooli", "Pied", "Massive", "Aperture",
    "Gringotts", "Oscorp", "Nakatomi", "Monarch", "Zenith", "Bluth", "Sterling", "Vortex",
    "Halcyon", "Quantum", "Meridian", "Apex", "Cobalt", "Summit", "Harbor", "Keystone",
    "Redwood", "Granite", "Silverline", "Brightwave", "Ironclad", "Lumen", "Nimbus", "Orion",
    "Pinnacle", "Sequoia", "Tidewater", "Everest", "Falcon", "Helix", "Juniper", "Kestrel",
    "Larkspur", "Magellan", "Nova", "Osprey", "Polaris", "Quasar", "Radiant", "Solstice",
    "Trident", "Unity", "Vertex", "Willow",
]
_SUFFIXES = ["Systems", "Networks", "Software", "Holdings", "Semiconductor", "Therapeutics",
             "Industries", "Labs", "Media", "Energy", "Logistics", "Payments"]
COMPANIES = [f"{p} {_SUFFIXES[i % len(_SUFFIXES)]}" for i, p in enumerate(_PREFIXES)]

_FIRST = ["Dana", "Steven", "Katie", "Stratton", "Walter", "Sarah", "Gregg", "Mary", "Howard",
          "Adam", "Drew", "Laura", "Michael", "Jennifer", "Robert", "Priya", "Carlos", "Wei",
          "Olivia", "Thomas", "Rachel", "Daniel", "Naomi", "Samuel", "Elena", "Victor", "Grace",
          "Hiroshi", "Fatima", "Patrick", "Ingrid", "Marcus", "Sofia", "Ethan", "Chloe", "Rajesh",
          "Benjamin", "Alicia", "Kevin", "Monica"]
_LAST = ["Evan", "Gatoff", "Baird", "Sclavos", "Pritchard", "Friar", "Moskowitz", "Meeker",
         "Smith", "Liebhoff", "Brosseau", "Chen", "Okafor", "Novak", "Ramirez", "Patel",
         "Lindqvist", "Tanaka", "Haddad", "O'Brien", "Schneider", "Kowalski", "Moreau", "Rossi",
         "Nakamura", "Fischer", "Alvarez", "Dubois", "Kim", "Murphy", "Johansson", "Weber",
         "Silva", "Brennan", "Ivanova", "Goldberg", "Mehta", "Larsen", "Costa", "Whitaker"]
_FIRMS = ["Goldman Sachs", "Morgan Stanley", "J.P. Morgan", "Merrill Lynch", "Piper Jaffray",
          "Robert Baird", "Soundview", "RBC Capital Markets", "First Analysis", "SG Cowen",
          "Credit Suisse", "Deutsche Bank", "Jefferies", "Barclays", "UBS", "Wells Fargo",
          "Raymond James", "Stifel", "KeyBanc", "Oppenheimer", "Evercore ISI", "Bernstein"]
_EXEC_TITLES = [
    ("Chairman and CEO", "Chief Executive Officer", "President and CEO"),
    ("CFO", "Chief Financial Officer", "EVP and CFO"),
    ("Director of Investor Relations", "VP, Investor Relations", "Head of IR"),
    ("Chief Operating Officer", "President", "COO"),
]
_NOTICES = [
    "使用警語:中文譯文來源為 Google 翻譯,僅供參考,實際內容請以英文原文為主",
    "Disclaimer: this transcript is provided for reference only and may contain errors.",
    "Editor's note: portions of this transcript that are inaudible are marked [inaudible].",
]
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}

_METRICS = ["revenue", "deferred revenue", "operating margin", "gross margin", "free cash flow",
            "operating cash flow", "bookings", "backlog", "subscription revenue",
            "recurring revenue", "operating expenses", "capital expenditures", "EBITDA",
            "net income", "earnings per share", "average revenue per user", "churn",
            "customer acquisition cost", "amortization of intangibles", "international revenue",
            "services revenue", "license revenue", "days sales outstanding", "inventory"]
_SEGMENTS = ["enterprise", "consumer", "international", "North America", "Europe",
             "Asia Pacific", "public sector", "small business", "cloud", "payments",
             "security services", "data center", "telecom", "managed services", "licensing"]
_DRIVERS = ["stronger renewals", "pricing discipline", "a favourable product mix",
            "the timing of large enterprise deals", "higher utilization", "currency headwinds",
            "seasonally weaker demand", "the integration of the acquisition",
            "lower amortization", "improved collections", "new customer wins",
            "supply constraints", "elevated freight costs", "a one-time restructuring charge",
            "better attach rates", "the transition to subscription", "channel inventory"]
_VERBS = ["grew", "declined", "increased", "improved", "rose", "expanded", "contracted",
          "fell", "accelerated", "moderated"]
_PERIODS = ["sequentially", "year-over-year", "compared with the prior quarter",
            "versus the same quarter last year", "on a constant-currency basis"]
_ADVERBS = ["approximately", "roughly", "just over", "slightly under", "about", "nearly"]


@dataclass
class _Person:
    name: str
    title: str
    firm: str | None = None


class _Writer:
    """Builds one call's text; every sentence carries its own numbers so no
    two sentences in the corpus are likely to repeat."""

    def __init__(self, rng: random.Random, company: str, year: int, quarter: int) -> None:
        self.rng = rng
        self.company = company
        self.year = year
        self.quarter = quarter
        self.words = 0
        self.lines: list[str] = []

    # -- numbers ---------------------------------------------------------

    def money(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"${r.randint(5, 950)}.{r.randint(0, 9)} million"
        return f"${r.randint(1, 19)}.{r.randint(0, 99):02d} billion"

    def pct(self) -> str:
        return f"{self.rng.randint(1, 48)}.{self.rng.randint(0, 9)}%"

    def other_quarter(self) -> str:
        q = self.rng.randint(1, 4)
        return f"Q{q} {self.year - self.rng.randint(0, 1)}" if self.rng.random() < 0.5 else f"Q{q}"

    # -- sentences -------------------------------------------------------

    def sentence(self, question: bool = False) -> str:
        r = self.rng
        m, seg, drv = r.choice(_METRICS), r.choice(_SEGMENTS), r.choice(_DRIVERS)
        forms = (
            lambda: f"{m.capitalize()} in {seg} {r.choice(_VERBS)} {self.pct()} {r.choice(_PERIODS)} to {self.money()}, driven by {drv}.",
            lambda: f"We ended the quarter with {m} of {r.choice(_ADVERBS)} {self.money()}, up from {self.money()} in {self.other_quarter()}.",
            lambda: f"For the {_ORDINAL[(self.quarter % 4) + 1]} quarter, our guidance calls for {m} in the range of {self.money()} to {self.money()}.",
            lambda: f"Operating margin in {seg} was {self.pct()}, and we expect it to reach {self.pct()} by the end of fiscal {self.year + 1}.",
            lambda: f"As we said last quarter, {drv} weighed on {m}, which {r.choice(_VERBS)} about {self.pct()} in {seg}.",
            lambda: f"Deferred revenue stood at {self.money()}, an increase of {self.pct()} {r.choice(_PERIODS)}, reflecting {drv}.",
            lambda: f"We added {r.randint(12, 9800):,} new {seg} customers, and {m} per customer rose to {self.money()}.",
            lambda: f"Excluding {drv}, {m} would have been {r.choice(_ADVERBS)} {self.pct()} higher than the {self.money()} we reported.",
            lambda: f"Our outlook for fiscal {self.year + r.randint(0, 1)} assumes {m} of {self.money()} and a tax rate near {self.pct()}.",
            lambda: f"In {seg}, we signed {r.randint(2, 180)} contracts worth more than {self.money()}, mostly with U.S. customers.",
        )
        questions = (
            lambda: f"Could you talk about how {drv} affects {m} in {seg} over the next {r.randint(2, 8)} quarters?",
            lambda: f"How should we think about {m} in {seg} given the {self.pct()} change you saw in {self.other_quarter()}?",
        )
        return r.choice(questions if question else forms)()

    def paragraph(self, lo: int = 2, hi: int = 7, question: bool = False) -> str:
        n = self.rng.randint(lo, hi)
        return " ".join(self.sentence(question and i == n - 1) for i in range(n))

    # -- turns -----------------------------------------------------------

    def say(self, who: _Person | None, text: str) -> None:
        if who is None:
            self.lines.append("Operator")
        elif who.firm and self.rng.random() < 0.15:
            self.lines.append(f"{who.name}, {who.firm} - Analyst")
        else:
            self.lines.append(f"{who.name} - {who.title}")
        self.lines.append(text)
        self.words += text.count(" ") + 1

    def remarks(self, who: _Person, paragraphs: int) -> None:
        text = "\n".join(self.paragraph() for _ in range(paragraphs))
        self.say(who, text)


def _people(rng: random.Random, company_index: int) -> list[_Person]:
    """Executives are stable per company (identity across quarters)."""
    crng = random.Random(company_index * 7919 + 17)
    people = []
    for role_titles in _EXEC_TITLES:
        name = f"{crng.choice(_FIRST)} {crng.choice(_LAST)}"
        people.append(_Person(name, crng.choice(role_titles)))
    return people


def _analysts(rng: random.Random, count: int) -> list[_Person]:
    chosen: dict[str, _Person] = {}
    while len(chosen) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        chosen.setdefault(name, _Person(name, "Analyst", rng.choice(_FIRMS)))
    return list(chosen.values())


def write_call(rng: random.Random, company_index: int, year: int, quarter: int, words: int) -> str:
    """One call of about ``words`` words in the samples' layout."""
    company = COMPANIES[company_index]
    w = _Writer(rng, company, year, quarter)
    ceo, cfo, ir, coo = _people(rng, company_index)
    w.lines.append(rng.choice(_NOTICES))
    w.say(None, f"Good day, everyone, and welcome to the {company} {_ORDINAL[quarter]} quarter "
                f"fiscal {year} earnings conference call. Today's call is being recorded. At this "
                f"time, I would like to turn the call over to {ir.name}. Please go ahead.")
    w.say(ir, f"Thank you, and good afternoon. With me today are {ceo.name}, our {ceo.title}, and "
              f"{cfo.name}, our {cfo.title}. Today's discussion may include forward-looking "
              f"statements that are subject to risks described in our filings with the SEC. "
              f"With that, I will turn the call over to {ceo.name.split()[0]}.")
    prepared = int(words * 0.4)
    while w.words < prepared * 0.55:
        w.remarks(ceo, rng.randint(3, 6))
    while w.words < prepared:
        w.remarks(cfo, rng.randint(3, 6))
    analysts = _analysts(rng, rng.randint(6, 11))
    first = analysts[0]
    w.say(None, "Thank you. The question-and-answer session will be conducted electronically. "
                "If you would like to ask a question, please press star one on your telephone "
                f"keypad. We will go first to {first.name} with {first.firm}. Please go ahead.")
    i = 0
    while w.words < words:
        analyst = analysts[i % len(analysts)]
        if i:
            w.say(None, rng.choice((
                f"We will go next to {analyst.name} with {analyst.firm}. Please go ahead.",
                f"Our next question comes from {analyst.name} with {analyst.firm}.",
                f"We'll take the next question from {analyst.name} with {analyst.firm}. Your line is open.",
            )))
        w.say(analyst, f"{rng.choice(('Thanks.', 'Hi, thanks for taking my question.', 'Good afternoon.'))} {w.paragraph(1, 3, question=True)}")
        for who in rng.sample([ceo, cfo, coo], rng.randint(1, 2)):
            w.remarks(who, rng.randint(1, 3))
        if rng.random() < 0.4:
            w.say(analyst, rng.choice(("Great. Thank you.", "Thanks.", "Okay. That's helpful.")))
        i += 1
    w.say(None, "That concludes today's question-and-answer session. Thank you for your "
                "participation. You may now disconnect.")
    return "\n".join(w.lines) + "\n"


def _file_name(index: int, company_index: int, year: int, quarter: int, rng: random.Random) -> str:
    """Most names say what the call is (``acme-systems-2024-q3.txt``, the
    company as the call names it, so both routes of inference agree); every
    tenth says nothing, like the samples, so metadata must come from the
    text."""
    if index % 10 == 7:
        return f"{index:05d}_{rng.getrandbits(64):016x}.txt"
    slug = COMPANIES[company_index].lower().replace(" ", "-")
    return f"{slug}-{year}-q{quarter}.txt"


def _plan(calls: int) -> list[tuple[int, int, int]]:
    """(company, fiscal year, quarter) for each call: every company gets
    consecutive quarters, so a corpus spans several fiscal years."""
    plan = []
    n = len(COMPANIES)
    for i in range(calls):
        company, period = i % n, i // n
        plan.append((company, 2024 - period // 4, 4 - period % 4))
    return plan


def corpus_dir(calls: int, words: int, seed: int) -> Path:
    return CORPUS_ROOT / f"c{calls}-w{words}-s{seed}"


def _is_complete(folder: Path) -> bool:
    marker = folder / COMPLETE_MARKER
    try:
        return marker.read_text().strip() == str(GENERATOR_VERSION)
    except OSError:
        return False


def generate_corpus(calls: int = 1000, words: int = 10_000, seed: int = 0) -> Path:
    """The folder of generated calls, written on first use.

    Written into a private temporary folder and renamed into place, so two
    processes asking at once never see a half-written corpus."""
    target = corpus_dir(calls, words, seed)
    if _is_complete(target):
        return target
    CORPUS_ROOT.mkdir(parents=True, exist_ok=True)
    tmp = CORPUS_ROOT / f".tmp-{target.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    rng = random.Random(seed)
    for index, (company, year, quarter) in enumerate(_plan(calls)):
        name = _file_name(index, company, year, quarter, rng)
        text = write_call(rng, company, year, quarter, words)
        (tmp / name).write_text(text, encoding="utf-8")
    (tmp / COMPLETE_MARKER).write_text(str(GENERATOR_VERSION))
    if target.exists() and not _is_complete(target):
        shutil.rmtree(target, ignore_errors=True)
    try:
        os.rename(tmp, target)
    except OSError:  # another process finished first
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated corpus of calls.")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(generate_corpus(args.calls, args.words, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
