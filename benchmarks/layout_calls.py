"""Calls made up in the shape of each real layout, with their ground truth.

For the layout tests (turn F1 per layout on many variants) and the parse
benchmark per layout. One made-up call (``Script``: who says what, in which
section) is written out in each layout by a renderer that varies what the
real family varies: names, firms, titles, wrap widths, spacing, long
speaker lines, page furniture, footers, participant lists.

Nothing here is a real call: names and firms come from small pools and the
speech from a few sentence patterns, so a reader cannot pass by knowing the
files.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import Counter

from benchmarks.layout_script import Person, Script, script

__all__ = ["RENDERERS", "Person", "Script", "render", "said", "script", "turn_f1"]

def _eol(rng: random.Random, text: str) -> str:
    return text.replace("\n", "\r\n") if rng.random() < 0.3 else text


def streetevents(s: Script, rng: random.Random) -> str:
    rule_eq, rule = "=" * 80, "-" * 80
    co = s.company_name.replace("&", "&amp;")
    out = [rule_eq, "FINAL TRANSCRIPT", "", f"Thomson Reuters StreetEvents Event Brief",
           f"Q{s.quarter} {s.year} {co} Earnings Conference Call", "",
           f"EVENT DATE/TIME: OCTOBER {rng.randint(1, 28)}, {s.year} / 9:00PM GMT", "",
           rule_eq, "CORPORATE PARTICIPANTS", rule_eq]
    for p in s.people:
        if p.role == "executive":
            out += [f" * {p.name}", f"   {co} - {p.title}"]
    out += ["", rule_eq, "CONFERENCE CALL PARTICIPANTS", rule_eq]
    for p in s.people:
        if p.role == "analyst":
            out += [f" * {p.name}", f"   {p.firm.replace('&', '&amp;')} - Analyst"]
    out += ["", rule_eq, "PRESENTATION"]
    pad = " " * rng.randint(2, 5)
    for i, t in enumerate(s.turns, 1):
        if i - 1 == s.qa_start:
            out += [rule_eq, "QUESTIONS AND ANSWERS"]
        p = t.person
        if p.role == "operator":
            head = f"Operator{pad}[{i}]"
        elif p.role == "executive":
            head = f"{p.name},  {co} - {p.title}{pad}[{i}]"
        else:
            head = f"{p.name},  {p.firm.replace('&', '&amp;')} - Analyst{pad}[{i}]"
        out += [rule, head, rule, ""]
        for para in t.paragraphs:
            out += [f" {para}", ""]
    out += [rule, "Definitions", rule, "PRELIMINARY TRANSCRIPT: \"Preliminary Transcript\" indicates that the "
            "Transcript has been published in near real-time by an experienced professional transcriber.", "",
            rule, "Disclaimer", rule, "Thomson Reuters reserves the right to make changes to documents, content, "
            "or other information on this web site without obligation to notify any person of such changes.",
            "", rule, f"Copyright {s.year} Thomson Reuters. All Rights Reserved.", rule]
    return _eol(rng, "\n".join(out) + "\n")


def refinitiv(s: Script, rng: random.Random) -> str:
    width = rng.randint(80, 100)
    ticker = s.company[2]
    running = f"OCTOBER {rng.randint(1, 28)}, {s.year} / 9:00PM, {ticker}.OQ - Q{s.quarter} {s.year} {s.company_name} Earnings Call"
    footer = ["REFINITIV STREETEVENTS | www.refinitiv.com | Contact Us",
              f"©{s.year} Refinitiv. All rights reserved. Republication or redistribution of Refinitiv content, "
              "including by framing or similar means, is prohibited without the prior written consent of Refinitiv.",
              "'Refinitiv' and the Refinitiv logo are registered trademarks of Refinitiv and its affiliated companies."]
    out = ["REFINITIV STREETEVENTS", "EDITED TRANSCRIPT", f"{ticker}.OQ - Q{s.quarter} {s.year} {s.company_name} Earnings Call",
           "", f"EVENT DATE/TIME: OCTOBER 30, {s.year} / 9:00PM GMT", "", "CORPORATE PARTICIPANTS"]
    joined = rng.random() < 0.5
    for p in s.people:
        if p.role == "executive":
            out += [f"{p.name} {s.company_name} - {p.title}"] if joined else [p.name, f"{s.company_name} - {p.title}"]
    out += ["", "CONFERENCE CALL PARTICIPANTS"]
    for p in s.people:
        if p.role == "analyst":
            aff = f"{p.firm}, Research Division - Analyst"
            out += [f"{p.name} {aff}"] if joined else [p.name, aff]
    out += ["", "PRESENTATION"]
    page = [1]

    def page_break() -> None:
        page[0] += 1
        out.extend(footer + [str(page[0]), running])

    lines_on_page = 0
    spaced = rng.random() < 0.7  # some extractors drop the space lines
    for i, t in enumerate(s.turns):
        if i == s.qa_start:
            out.append("QUESTIONS AND ANSWERS")
        p = t.person
        if spaced:
            out.append(" ")
        if p.role == "operator":
            out.append("Operator")
        elif p.role == "executive":
            out += [p.name, f"{s.company_name} - {p.title}"]
        else:
            out += [p.name, f"{p.firm}, Research Division - Analyst"]
        for para in t.paragraphs:
            for line in textwrap.wrap(para, width, break_on_hyphens=False):
                out.append(line)
                lines_on_page += 1
                if lines_on_page >= 48:
                    page_break()
                    lines_on_page = 0
    out += ["", "DISCLAIMER", "Refinitiv reserves the right to make changes to documents, content, or other "
            "information on this web site without obligation to notify any person of such changes."]
    page_break()
    return "\n".join(out) + "\n"


def seeking_alpha(s: Script, rng: random.Random) -> str:
    titled = rng.random() < 0.6
    listed = not titled or rng.random() < 0.7  # a page copied without its lists
    out = [f"{s.company_name} ({s.company[2]}) Q{s.quarter} {s.year} Earnings Conference Call "
           f"October 24, {s.year} 5:00 PM ET", ""]
    if listed:
        out += ["Company Participants", ""]
        for p in s.people:
            if p.role == "executive":
                out.append(f"{p.name} - {p.title}")
        out += ["", "Conference Call Participants", ""]
        for p in s.people:
            if p.role == "analyst":
                out.append(f"{p.name} - {p.firm}")
        out.append("")
    for i, t in enumerate(s.turns):
        if i == s.qa_start:
            out += ["Question-and-Answer Session", ""]
        p = t.person
        out.append(p.name)
        if titled and p.role != "operator":
            out.append(p.title if p.role == "executive" else p.firm)
        out.append("")
        for para in t.paragraphs:
            out += [para, ""]
    return "\n".join(out)


def _motley_footer(s: Script, year_style: int) -> list[str]:
    out = ["This article is a transcript of this conference call produced for The Motley Fool. While we "
           "strive for our Foolish Best, there may be errors, omissions, or inaccuracies in this transcript.",
           "", f"The Motley Fool has positions in and recommends {s.company[0]}. The Motley Fool has a disclosure policy.", ""]
    if year_style >= 2023:
        out += ["Stocks Mentioned", "", f"{s.company[0]} Stock Quote", f"NASDAQ: {s.company[2]}",
                f"{s.company[0]}", "$192.53 (-0.8%) $-1.55", "", "Premium Investing Services",
                "Invest better with The Motley Fool. Get stock recommendations, portfolio guidance, and more."]
    return out


def motley_fool(s: Script, rng: random.Random, generation: int = 2019) -> str:
    sep = " -- " if generation == 2019 else "--"
    qa_banner = "Questions and Answers:" if generation == 2019 else "Questions & Answers:"

    def head(p: Person) -> str:
        if p.role == "operator":
            return "Operator"
        if p.role == "executive":
            return f"{p.name}{sep}{p.title}"
        return f"{p.name}{sep}{p.firm}{sep}Analyst"

    out = [f"{s.company_name} ({s.company[2]}) Q{s.quarter} {s.year} Earnings Call Transcript", "",
           f"{s.company[2]} earnings call for the period ending September 30, {s.year}.", "",
           "Contents:", "Prepared Remarks", "Questions and Answers", "Call Participants", "",
           "Prepared Remarks:", ""]
    for i, t in enumerate(s.turns):
        if i == s.qa_start:
            out += [qa_banner, ""]
        out += [head(t.person), ""]
        for para in t.paragraphs:
            out += [para, ""]
    out += [f"Duration: {rng.randint(40, 90)} minutes", "", "Call participants:", ""]
    for p in s.people:
        if p.role != "operator":
            out += [head(p), ""]
    out += [f"More {s.company[2]} analysis", "", "All earnings call transcripts", ""]
    out += _motley_footer(s, generation)
    return "\n".join(out) + "\n"


def motley_fool_2025(s: Script, rng: random.Random) -> str:
    out = ["Image source: The Motley Fool.", "", "DATE", "", f"Thursday, October 30, {s.year} at 5 p.m. ET", "",
           "CALL PARTICIPANTS", ""]
    for p in s.people:
        if p.role == "executive":
            out += [f"{p.title} — {p.name}"]
    out += ["", "Need a quote from a Motley Fool analyst? Email pr@fool.com", "", "TAKEAWAYS", "",
            f"Revenue -- $94 billion in revenue, representing {rng.randint(2, 20)}% growth.",
            "Services Revenue:$27.4 billion, an all-time record.", "", "RISKS", "",
            "Management cited tariff costs of about $1.1 billion for the next quarter.", "",
            "SUMMARY", "", f"{s.company[0]} reported record revenue for the quarter.", "",
            "INDUSTRY GLOSSARY", "", "Installed Base: The total number of active devices in use.",
            "Gross Margin: Revenue less cost of sales, as a share of revenue.", "",
            "Full Conference Call Transcript", ""]
    for t in s.turns:
        first, *rest = t.paragraphs
        out += [f"{t.person.name}:{first}", ""]
        for para in rest:
            out += [para, ""]
    out += _motley_footer(s, 2025)
    return "\n".join(out) + "\n"


def diarized(s: Script, rng: random.Random) -> tuple[str, dict[str, str]]:
    """The call as speech-to-text output, and the label each person got."""
    style = rng.choice(["Speaker {n}", "SPEAKER_{n:02d}", "[{ts}] Speaker {n}", "Speaker {n} ({ts})"])
    own_line = "(" in style and rng.random() < 0.7  # "Speaker 1 (00:00:05):" over the speech
    labels: dict[str, int] = {}
    out = []
    seconds = 0
    for t in s.turns:
        key = t.person.name
        if key not in labels:
            labels[key] = len(labels)
        n = labels[key]
        segments = []
        for para in t.paragraphs:
            # a diarizer cuts a voice's speech into segments
            sentences = re.split(r"(?<=[.?!])\s+", para)
            cut = rng.randint(1, len(sentences))
            segments += [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
        for seg in (x for x in segments if x):
            seconds += rng.randint(3, 40)
            ts = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            head = style.format(n=n, ts=ts) + ":"
            out += [head, seg, ""] if own_line else [f"{head} {seg}"]
    label_of = {name: style.format(n=n, ts="").replace("[] ", "").replace(" ()", "") for name, n in labels.items()}
    return "\n".join(out) + "\n", label_of


RENDERERS = {
    "streetevents": streetevents,
    "refinitiv": refinitiv,
    "seeking_alpha": seeking_alpha,
    "motley_fool_2019": lambda s, rng: motley_fool(s, rng, 2019),
    "motley_fool_2023": lambda s, rng: motley_fool(s, rng, 2023),
    "motley_fool_2025": motley_fool_2025,
    "diarized": lambda s, rng: diarized(s, rng)[0],
}


def render(layout: str, seed: int, length: int = 1) -> tuple[Script, str]:
    s = script(seed, length=length)
    return s, RENDERERS[layout](s, random.Random(seed * 7919 + 1))


def _norm(text: str) -> str:
    return " ".join(text.split())


def expected_turns(s: Script) -> list[tuple[str, str]]:
    """(speaker, speech) per turn, white space normalised."""
    return [(t.person.name, _norm(" ".join(t.paragraphs))) for t in s.turns]


def said(call, turn) -> str:
    """What the reader shows as the turn's speech: its paragraphs (page
    furniture between them is not speech)."""
    return _norm(" ".join(call.text[a:b] for a, b in turn.paragraphs))


def turn_f1(call, s: Script) -> float:
    """Turn F1: a turn counts when both its speaker and its exact speech
    (white space aside) are right."""
    from transcripts.names import name_key

    got = Counter((name_key(t.speaker.name), said(call, t)) for t in call.turns)
    want = Counter((name_key(n), x) for n, x in expected_turns(s))
    hit = sum((got & want).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(got.values()), hit / sum(want.values())
    return 2 * precision * recall / (precision + recall)
