"""Made-up calls (who says what, in which section) for the layout tests and
benchmarks; ``benchmarks.layout_calls`` writes them out in each layout.

Nothing here is a real call: names and firms come from small pools and the
speech from a few sentence patterns, so a reader cannot pass by knowing the
files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST = ["Jane", "John", "Maria", "David", "Priya", "Kenji", "Olga", "Luca", "Amy", "Robert", "Chen",
         "Fatima", "Peter", "Sofia", "Ahmed", "Laura", "Michael", "Grace", "Tomás", "Erik", "Nadia", "Samuel"]
LAST = ["Roe", "Smith", "Okafor", "Lindqvist", "Nakamura", "Ivanova", "Maestri", "Brennan", "Gupta",
        "O'Connor", "Müller", "Park", "Delacroix", "Haddad", "Woodring", "Castellanos", "Van Buren",
        "McAllister", "Kowalski", "Nguyen", "Achterberg", "Fitzgerald-Hughes"]
COMPANIES = [("Acme", "Acme Corp", "ACME"), ("Globex", "Globex Corporation", "GBX"),
             ("Initech", "Initech Inc.", "INTC"), ("Umbrella", "Umbrella Holdings plc", "UMB"),
             ("Stark", "Stark Industrial Technologies International Corporation", "STRK"),
             ("Wayne", "Wayne Enterprises, Inc.", "WAYN")]
EXEC_TITLES = ["Chief Executive Officer", "Chief Financial Officer", "CFO", "CEO & Director",
               "President and Chief Operating Officer", "Vice President, Investor Relations",
               "Head of Investor Relations", "Senior Vice President & CFO", "Chairman and CEO",
               "Executive Vice President of Global Finance, Treasury and Corporate Development and Chief Financial Officer"]
SHORT_TITLES = ["CEO", "CFO", "COO", "Head of IR", "SVP, Finance", "Director of IR"]
FIRMS = ["Goldman Sachs", "Morgan Stanley", "J.P. Morgan", "Melius Research LLC", "Bernstein",
         "Evercore ISI", "Wells Fargo Securities", "KeyBanc Capital Markets", "Cross Research",
         "Loop Capital Markets", "Raymond James & Associates", "BofA Securities", "Wolfe Research"]
SENTENCES = [
    "Revenue for the quarter was ${a}.{b} billion, up {c}% year over year.",
    "Gross margin came in at {c}.{b}%, ahead of our guidance.",
    "We expect revenue in the next quarter to be between ${a} billion and ${a2} billion.",
    "Operating expenses were ${a}.{b} billion, in line with our expectations.",
    "Our installed base of active devices reached a new all-time high.",
    "We returned over ${a} billion to shareholders during the quarter.",
    "Demand in the U.S. remained healthy, and we saw strength in Europe as well.",
    "We continue to invest in research and development across the business.",
    "Free cash flow was ${a}.{b} billion, and we ended with a net cash position.",
    "Services revenue set an all-time record, growing {c}% from a year ago.",
    "Let me give you some more color on the segments.",
    "That is a great question, and I think there are a few pieces to it.",
    "We are not going to guide beyond the current quarter at this point.",
    "Supply constraints eased through the quarter, as we had expected.",
]
SHORT_LINES = ["Thanks.", "Great", "Yup.", "Okay - thanks", "Revenue - up 5%", "Got it. Thank you.", "Sure."]
QUESTIONS = [
    "Can you talk about demand trends in the quarter?",
    "How should we think about margins for the rest of the year?",
    "Could you give us more color on the services growth?",
    "What are you seeing in terms of pricing?",
]


@dataclass
class Person:
    name: str
    title: str
    role: str  # operator, executive, analyst
    firm: str | None = None


@dataclass
class Said:
    person: Person
    paragraphs: list[str]
    section: str  # prepared / qa


@dataclass
class Script:
    """A made-up call: who is on it and who says what."""

    company: tuple[str, str, str]
    year: int
    quarter: int
    people: list[Person]
    turns: list[Said]
    qa_start: int
    extra: dict = field(default_factory=dict)

    @property
    def company_name(self) -> str:
        return self.company[1]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if rng.random() < 0.15:
            name = f"{first} {rng.choice('ABCDJKLMRST')}. {last}"
        else:
            name = f"{first} {last}"
        if name not in used and last not in {n.split()[-1] for n in used}:
            used.add(name)
            return name


def _sentence(rng: random.Random) -> str:
    a = rng.randint(1, 90)
    return rng.choice(SENTENCES).format(a=a, a2=a + 2, b=rng.randint(0, 9), c=rng.randint(2, 45))


def _paragraph(rng: random.Random, lo: int = 2, hi: int = 7) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(lo, hi)))


def script(seed: int, *, analysts: int | None = None, length: int = 1) -> Script:
    """A call with an operator, 2-4 executives and some analysts; ``length``
    times as many paragraphs (and analysts) for a call of full length
    (``length=5`` is about 10,000 words)."""
    rng = random.Random(seed)
    used: set[str] = set()
    company = rng.choice(COMPANIES)
    year, quarter = rng.randint(2013, 2025), rng.randint(1, 4)
    operator = Person("Operator", "", "operator")
    execs = [Person(_name(rng, used), t, "executive")
             for t in rng.sample(EXEC_TITLES, rng.randint(2, 4))]
    ir = execs[0]
    n_analysts = analysts if analysts is not None else min(len(FIRMS), rng.randint(2, 6) * length)
    analysts_ = [Person(_name(rng, used), "Analyst", "analyst", f) for f in rng.sample(FIRMS, n_analysts)]
    turns: list[Said] = []
    q_word = ["first", "second", "third", "fourth"][quarter - 1]
    turns.append(Said(operator, [
        f"Good day, and welcome to the {company[0]} {q_word} quarter {year} earnings conference call. "
        f"Today's call is being recorded. At this time, I would like to turn the call over to {ir.name}, "
        f"{ir.title}. Please go ahead."], "prepared"))
    for k, ex in enumerate(execs):
        paras = [_paragraph(rng) for _ in range(rng.randint(1, 4) * length)]
        if rng.random() < 0.3:
            paras.insert(1, rng.choice(SHORT_LINES))
        if k + 1 < len(execs):
            nxt = execs[k + 1]
            paras[-1] += f" With that, I'll turn it over to our {nxt.title}, {nxt.name}."
        else:
            paras[-1] += " With that, we will open the call to questions. Operator?"
        turns.append(Said(ex, paras, "prepared"))
    qa_start = len(turns)
    first = True
    for an in analysts_:
        which = "first" if first else "next"
        first = False
        turns.append(Said(operator, [
            ("We will now begin the question-and-answer session. [Operator Instructions] " if which == "first" else "")
            + f"Our {which} question comes from {an.name} with {an.firm}. Please go ahead."], "qa"))
        for _ in range(rng.randint(1, 2)):
            turns.append(Said(an, [rng.choice(["Thanks for taking my question. ", "Hi. ", "Great, thank you. "])
                                   + rng.choice(QUESTIONS)], "qa"))
            ex = rng.choice(execs[1:])
            turns.append(Said(ex, [_paragraph(rng, 1, 4) for _ in range(rng.randint(1, 2) * length)], "qa"))
    turns.append(Said(operator, ["This concludes today's conference call. Thank you for participating. "
                                 "You may now disconnect."], "qa"))
    return Script(company, year, quarter, [operator, *execs, *analysts_], turns, qa_start)
