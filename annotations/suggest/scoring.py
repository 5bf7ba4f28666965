"""Scoring sentences as candidates: the sum of the weights of the cues each
shows (``features``), turned into 0-100.

Works on plain sentence texts with optional context (who speaks, which
section), so the same rules score a parsed call in the app and the bare
sentence lists of the ECTSum benchmark. Only sentences holding a figure are
candidates: the suggestions are about numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from annotations.suggest.features import BIAS, COMBOS, CONTEXT_WEIGHTS, CUES, WEIGHTS

_FIGURE = re.compile(r"(?<![a-z])q[1-4](?![0-9])|\d[\d,]*(?:\.\d+)?|\.\d+", re.IGNORECASE)
_DECIMAL = re.compile(r"\d\.\d")
_FORWARD_CUES = frozenset({"forward verb", "next period", "future period"})
_QUARTER_NAME = re.compile(r"\b(?:q([1-4])|([1-4])q|(first|second|third|fourth) quarter)\b(?:\s+(?:of\s+)?(?:fiscal\s+)?((?:19|20)\d\d))?", re.IGNORECASE)
_YEAR_NAME = re.compile(r"(?<![\w$.,])((?:19|20)\d\d)(?![\w%])")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def figures(text: str) -> set[Decimal]:
    """Every number in ``text`` as a value (``1,820`` is ``1820``), leaving
    out the digit of a quarter name (``q1``)."""
    out: set[Decimal] = set()
    for m in _FIGURE.finditer(text):
        token = m.group(0)
        if token[0] in "qQ":
            continue
        token = token.replace(",", "").rstrip(".")
        if not token:
            continue
        try:
            out.add(Decimal(token).normalize())
        except InvalidOperation:
            continue
    return out


def _is_year(x: Decimal) -> bool:
    return x == x.to_integral_value() and 1900 <= x <= 2100


@dataclass(slots=True)
class Context:
    """What is known of a sentence beyond its words."""

    role: str = "unknown"
    title: str = ""
    section: str = ""
    quarter: int | None = None
    """The call's own period, to tell an outlook from a result."""
    year: int | None = None


@dataclass(slots=True)
class Scored:
    index: int
    """Position of the sentence in the list scored."""
    score: int
    """0-100."""
    cues: list[str] = field(default_factory=list)
    """The cues that raised the score most, strongest first (for the reason)."""
    guidance: bool = False
    amounts: frozenset[Decimal] = frozenset()


def names_future_period(text: str, quarter: int | None, year: int | None) -> bool:
    """Whether ``text`` names a period after the call's own: a later year,
    or a quarter that (without a year) can only be ahead of it."""
    if not year:
        return False
    if any(int(y) > year for y in _YEAR_NAME.findall(text)):
        return True
    if not quarter:
        return False
    for m in _QUARTER_NAME.finditer(text):
        q = int(m.group(1) or m.group(2) or _ORDINAL[m.group(3).lower()])
        said_year = int(m.group(4)) if m.group(4) else None
        if said_year is not None:
            if (said_year, q) > (year, quarter):
                return True
        elif (q - quarter) % 4 in (1, 2):  # the next two quarters; earlier ones are comparisons
            return True
    return False


def _context_cues(ctx: Context | None, text: str) -> list[str]:
    if ctx is None:
        return []
    out: list[str] = []
    if names_future_period(text, ctx.quarter, ctx.year):
        out.append("future period")
    title = ctx.title.casefold()
    if ctx.role == "executive":
        out.append("executive")
        if "cfo" in title or "financ" in title or "treasurer" in title:
            out.append("finance chief")
        elif "ceo" in title or "chief executive" in title or "president" in title:
            out.append("chief executive")
    elif ctx.role in ("analyst", "operator"):
        out.append(ctx.role)
    if ctx.section == "prepared":
        out.append("prepared remarks")
    return out


def score_sentences(
    texts: list[str], contexts: list[Context] | None = None, *, need_amount: bool = True
) -> list[Scored]:
    """The candidates among ``texts``, in text order: those holding an
    amount (a number that is not a year), or with ``need_amount=False`` any
    number at all (the benchmark's measure counts a bare year too)."""
    n = len(texts)
    all_figures = [figures(t) for t in texts]
    amounts_of = [frozenset(x for x in f if not _is_year(x)) for f in all_figures]
    counts = Counter(x for a in amounts_of for x in a)
    seen: set[Decimal] = set()
    out: list[Scored] = []
    for i, text in enumerate(texts):
        figs = all_figures[i]
        if not figs:
            continue
        amounts = amounts_of[i]
        if need_amount and not amounts:
            continue
        lowered = text.lower()
        present = {c.name for c in CUES if c.pattern.search(lowered)}
        k = len(amounts)
        if k == 0:
            present.add("only dates")
        else:
            present.add("1 amount" if k == 1 else "2 amounts" if k == 2 else "3 amounts" if k == 3 else "4+ amounts")
        position = i / n
        if position < 0.1:
            present.add("opening")
        if position > 0.8:
            present.add("closing")
        if len(text.split()) < 8:
            present.add("short")
        if _DECIMAL.search(text):
            present.add("decimal")
        if amounts and amounts <= seen:
            present.add("seen before")
        if any(counts[x] > 1 for x in amounts):
            present.add("repeated")
        for name, a, b in COMBOS:
            if a in present and b in present:
                present.add(name)
        context = _context_cues(contexts[i] if contexts else None, text)
        total = BIAS + sum(WEIGHTS.get(c, 0.0) for c in present) + sum(CONTEXT_WEIGHTS[c] for c in context)
        score = round(100 / (1 + math.exp(-total * 1.5)))
        strongest = sorted((c for c in present if WEIGHTS.get(c, 0) > 0.15), key=lambda c: -WEIGHTS[c])
        out.append(Scored(i, score, context + strongest[:3], _is_guidance(present, context), amounts))
        seen |= amounts
    return out


def _is_guidance(present: set[str], context: list[str]) -> bool:
    """Forward-looking words or a later period make guidance; the word
    "guidance" alone does not when the sentence reports a result ("EPS was
    17 cents, ahead of our guidance")."""
    if present & _FORWARD_CUES or "future period" in context:
        return True
    return ("outlook" in present or "revision" in present) and "past result" not in present


def best(scored: list[Scored], limit: int) -> list[Scored]:
    """The ``limit`` best, leaning away from a sentence whose figures the
    ones already picked all hold: a reviewer gains nothing from the same
    numbers twice."""
    pool = sorted(scored, key=lambda s: (-s.score, s.index))[: max(limit * 4, 40)]
    picked: list[Scored] = []
    used: set[Decimal] = set()
    while pool and len(picked) < limit:
        top = max(pool, key=lambda s: (s.score - (8 if s.amounts and s.amounts <= used else 0), -s.index))
        pool.remove(top)
        picked.append(top)
        used |= top.amounts
    return picked
