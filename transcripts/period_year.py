"""The year of a call whose opening names only the quarter.

Many calls open with "Welcome to the Second Quarter Earnings Conference
Call" and never say the year in one phrase with the quarter. The rest of the
call nearly always gives it away: "compared to the second quarter of 2019"
(a year-ago comparison: the call is 2020's), "in the second quarter of 2020",
"our 2020 guidance", "we expect the first quarter of 2021" (in a Q4 call:
the call is 2020's), a date ("July 28, 2020"). Each such phrase is a vote
for a year, weighted by how direct it is; the year with most weight wins,
and how clearly it won is the confidence the call carries
(``Call.period_confidence``), with the phrase that decided it as evidence.

Votes are found from year-shaped numbers (the scan skips from one "19"/"20"
to the next), then the words just before each are read: the work is bounded
by the number of years written in the call, not by its length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

_YEAR = re.compile(r"(?:19|20)\d\d")
"""A year-shaped number; the characters around it are checked in Python
(a lookbehind here would be tried at every position of a long call)."""
_NOT_BEFORE = frozenset("$.,_")
_NOT_AFTER = frozenset("%_")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QUARTER_BEFORE = re.compile(
    r"(?:(?P<w>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter(?:\s+of)?(?:\s+(?:fiscal|calendar))?(?:\s+year)?"
    r"|\bQ(?P<c>[1-4])|(?P<n>[1-4])Q)[\s,']*(?:FY\s?|fiscal\s+(?:year\s+)?)?'?$",
    re.I,
)
_QUARTER_AFTER = re.compile(
    r"^[\s,]*(?:fiscal\s+)?(?P<w>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter|^\s*Q(?P<c>[1-4])\b",
    re.I,
)
_COMPARED = re.compile(
    r"(?:compared\s+(?:to|with)|comparison|versus|\bvs\b\.?|relative\s+to|\bfrom\b|\bover\b|\bthan\b|against|"
    r"last\s+year|prior[\s-]year|a\s+year\s+ago|year[\s-]ago|year[\s-]over[\s-]year|same\s+(?:quarter|period)|"
    r"lapping|exceed(?:ed|ing|s)?|(?:%|\bpoints?|\bbps)\s+to\b(?=\s+(?:the\s+)?(?:Q[1-4]|first|second|third|fourth)))",
    re.I,
)
"""A comparison in the words before a period (``compared to $85 million in
the second quarter of 2020``): that period is a year earlier than the call."""
_FROM_TO = re.compile(r"\bfrom\b.*\bto\b", re.I)
"""``from $410 million in Q4 2020 to $384 million in Q1 2021``: the second
period is the call's own."""
_HISTORY = re.compile(r"\b(?:since|until|back\s+in|as\s+far\s+back|dating\s+back|launched|began)\b", re.I)
"""``for the first time since the second quarter of 2019``: history, no vote."""
_GUIDANCE = re.compile(
    r"\b(?:guidance|outlook|forecast|expect(?:s|ed|ations?)?|target(?:s)?|plan(?:s)?|anticipate|project(?:ed|ions?)?|"
    r"reaffirm(?:ing)?|rais(?:e|ed|ing)|full[\s-]year)\b",
    re.I,
)
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS |= {m[:3]: n for m, n in list(_MONTHS.items())} | {"sept": 9}
_DATE_BEFORE = re.compile(r"\b(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+$")

WEIGHT_OPENING = 10.0
WEIGHT_SAME_QUARTER = 4.0
WEIGHT_COMPARISON = 4.0
WEIGHT_NEXT_QUARTER = 2.0
WEIGHT_GUIDANCE = 1.5
WEIGHT_DATE = 1.0
WEIGHT_BARE = 0.25


@dataclass(frozen=True, slots=True)
class YearGuess:
    year: int
    confidence: str
    """``medium`` when the votes clearly agree, ``low`` otherwise."""
    evidence: str
    """The phrase that weighed most, as the call wrote it."""


_BOUNDARIES = (". ", ".\n", "; ", "? ", "! ", "?\n", "!\n")


def _clause(lead: str) -> str:
    """The end of ``lead`` from its last sentence or clause boundary: the
    words that can still be about what follows ("$1.5 million" is no
    boundary, nor is "vs.")."""
    lead = lead.replace("vs. ", "vs  ")
    cut = max(lead.rfind(b) for b in _BOUNDARIES)
    return lead[cut + 1 :] if cut >= 0 else lead


def _standalone(text: str, start: int, end: int) -> bool:
    """A year on its own: not part of a longer number, an amount or a word
    (``FY2021`` and ``'21`` aside)."""
    if start:
        before = text[start - 1]
        if before.isalnum() or before in _NOT_BEFORE:
            if not (before == "Y" and text[start - 2 : start] == "FY"):
                return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in _NOT_AFTER:
            return False
        if after in ".," and end + 1 < len(text) and text[end + 1].isdigit():
            return False
    return True


def _compared(lead: str) -> bool:
    clause = _clause(lead[-70:])
    return _COMPARED.search(clause) is not None and _FROM_TO.search(clause) is None


def _looks_back(lead: str) -> bool:
    return _HISTORY.search(_clause(lead[-50:])) is not None


def is_comparison(text: str, at: int) -> bool:
    """Whether the period named at ``at`` is another period the call is
    compared with or looks back to (not the call's own)."""
    lead = text[max(0, at - 70) : at]
    return _compared(lead) or _looks_back(lead)


def _quarter_of(m: re.Match[str]) -> int:
    if m.group("w"):
        return _ORDINAL[m.group("w").casefold()]
    return int(m.group("c") or m.group("n"))


def _phrase(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` on one line, without a word cut in
    half at either end."""
    start, end = max(0, start), min(len(text), end)
    if start and text[start - 1].isalnum():
        while start < end and text[start].isalnum():
            start += 1
    if end < len(text) and text[end].isalnum():
        while end > start and text[end - 1].isalnum():
            end -= 1
    return printable_words(text[start:end]).strip(" ,;")


def printable_words(text: str) -> str:
    """``text`` on one line with control characters (a file's escape codes)
    turned into spaces: evidence is printed by ``check`` to a terminal."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


MAX_YEARS = 400
"""Years read per call: more than any real call needs to decide, and a
bound on the work for a file full of numbers."""


def votes(text: str, quarter: int) -> dict[int, list[tuple[float, tuple[int, int]]]]:
    """Every vote in ``text`` for the year of a call about ``quarter``: the
    year it points to, with a weight and the span of the phrase it came
    from (``_phrase`` makes it text)."""
    out: dict[int, list[tuple[float, tuple[int, int]]]] = defaultdict(list)
    for n, y in enumerate(_YEAR.finditer(text)):
        if n >= MAX_YEARS:
            break
        if not _standalone(text, y.start(), y.end()):
            continue
        year = int(y.group())
        before = text[max(0, y.start() - 80) : y.start()]
        after = text[y.end() : y.end() + 40]
        near = before[-48:]
        # (the patterns are tried only where their words are: most years are not near a quarter)
        q_before = _QUARTER_BEFORE.search(before) if "uarter" in near or "Q" in near else None
        q_after = None if q_before or not ("uarter" in after or "Q" in after) else _QUARTER_AFTER.search(after)
        q = q_before or q_after
        lead = before[: q_before.start()] if q_before else before
        phrase = (y.start() - 45, y.end() + (q_after.end() if q_after else 0))
        if _looks_back(lead):
            continue
        compared = _compared(lead)
        if q is not None:
            mentioned = _quarter_of(q)
            if mentioned == quarter:
                if compared:
                    out[year + 1].append((WEIGHT_COMPARISON, phrase))
                else:
                    out[year].append((WEIGHT_SAME_QUARTER, phrase))
            elif mentioned == quarter % 4 + 1 and not compared:
                # the next quarter, as guidance: "we expect the first quarter of 2021"
                out[year - 1 if quarter == 4 else year].append((WEIGHT_NEXT_QUARTER, phrase))
            elif mentioned == (quarter - 2) % 4 + 1 and not compared and quarter != 1:
                # the previous quarter of the same year: "up from the first quarter of 2020"
                out[year].append((WEIGHT_NEXT_QUARTER / 2, phrase))
            continue
        date = _DATE_BEFORE.search(before[-20:])
        if date and _MONTHS.get(date.group("m").casefold()):
            month = _MONTHS[date.group("m").casefold()]
            # a call about the fourth quarter is held early the next year
            out[year - 1 if quarter == 4 and month <= 3 else year].append(
                (WEIGHT_DATE, (y.start() - 20, y.end())))
            continue
        window = text[max(0, y.start() - 40) : y.end() + 30]
        if _GUIDANCE.search(window) and not compared:
            # Guidance in a Q4 call is for the next year; in the others, for this one.
            out[year - 1 if quarter == 4 and not re.search(r"full[\s-]year\s*$", before, re.I) else year].append(
                (WEIGHT_GUIDANCE, (y.start() - 30, y.end() + 12)))
            continue
        out[year].append((WEIGHT_BARE, (y.start() - 30, y.end() + 12)))
    return out


def infer_year(text: str, quarter: int | None) -> YearGuess | None:
    """The likeliest year for a call about ``quarter``, or None when the
    call gives no year-shaped hint at all."""
    if not quarter:
        return None
    found = votes(text, quarter)
    if not found:
        return None
    weight = {y: sum(w for w, _ in vs) for y, vs in found.items()}
    ranked = sorted(weight, key=lambda y: (-weight[y], -y))
    best = ranked[0]
    runner_up = weight[ranked[1]] if len(ranked) > 1 else 0.0
    strong = max(w for w, _ in found[best])
    direct = strong >= WEIGHT_SAME_QUARTER and weight[best] >= 2 * runner_up
    many = weight[best] >= 3 and weight[best] >= 3 * runner_up
    confidence = "medium" if direct or many else "low"
    start, end = max(found[best], key=lambda v: v[0])[1]
    return YearGuess(best, confidence, _phrase(text, start, end))
