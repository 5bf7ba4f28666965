"""How well one sentence answers a query, read from its own words.

The index finds candidate sentences; this module looks at the few best
candidates word by word (as term ids from the forward index) to rank them and to find the spans to highlight:
sentences with every term rank above those with some, terms close together
above scattered ones, exact words above typos and prefixes.
"""

from __future__ import annotations

from dataclasses import dataclass

FULL_MATCH_FLOOR = 60
"""Every hit that contains all the query's terms scores at least this; hits
with only some of them score below it."""


@dataclass(frozen=True, slots=True)
class TermMatcher:
    """One query term as the ranking sees it: the vocabulary term ids it
    stands for (with their quality), or the term ids of a phrase."""

    qualities: dict[int, float]
    phrase: tuple[int, ...] = ()

    @property
    def size(self) -> int:
        return len(self.phrase) or 1


@dataclass(slots=True)
class Judgement:
    matched: int
    score: float
    positions: list[tuple[int, int]]
    """Matched words as (first, last) word positions in the sentence."""


def judge(tokens: list[int], terms: list[TermMatcher]) -> Judgement:
    """Rank one sentence (its words as term ids) against the query's terms."""
    occurrences: list[tuple[int, int, int]] = []  # (first word, last word, term)
    qualities: list[float] = []
    for ti, term in enumerate(terms):
        best = 0.0
        if term.phrase:
            n, first = len(term.phrase), term.phrase[0]
            for p, t in enumerate(tokens):
                if t == first and tuple(tokens[p : p + n]) == term.phrase:
                    best = 1.0
                    occurrences.append((p, p + n - 1, ti))
        else:
            get = term.qualities.get
            for p, t in enumerate(tokens):
                q = get(t)
                if q is not None:
                    if q > best:
                        best = q
                    occurrences.append((p, p, ti))
        if best:
            qualities.append(best)
    matched = len(qualities)
    if not matched:
        return Judgement(0, 0.0, [])
    quality = sum(qualities) / matched
    found_terms = {o[2] for o in occurrences}
    ideal = sum(terms[t].size for t in found_terms)
    proximity = min(1.0, ideal / _window(occurrences, len(found_terms)))
    within = 0.6 * quality + 0.4 * proximity
    if matched == len(terms):
        score = FULL_MATCH_FLOOR + (100 - FULL_MATCH_FLOOR) * within
    else:
        score = (FULL_MATCH_FLOOR - 5) * matched / len(terms) * (0.5 + 0.5 * within)
    return Judgement(matched, score, [(a, b) for a, b, _ in occurrences])


def _window(occurrences: list[tuple[int, int, int]], distinct: int) -> int:
    """Fewest tokens covering one occurrence of every matched term."""
    occurrences.sort()
    best = None
    counts: dict[int, int] = {}
    lo = 0
    for hi, (_, last, term) in enumerate(occurrences):
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == distinct:
            first = occurrences[lo][0]
            reach = max(o[1] for o in occurrences[lo : hi + 1])
            size = reach - first + 1
            best = size if best is None else min(best, size)
            t = occurrences[lo][2]
            counts[t] -= 1
            if not counts[t]:
                del counts[t]
            lo += 1
    return best or 1


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
