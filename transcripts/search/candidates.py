"""Candidates for a query: the sentences each term occurs in (from the
postings, as sets in C), and the pool of the best few hundred to rank.

Every step here is a set operation or a C-level key over the postings; the
only per-sentence Python work is checking a phrase in the forward index, and
only in sentences that have the query's other words.
"""

from __future__ import annotations

import heapq
from array import array
from itertools import combinations

from transcripts.search.index import QUALITY_EXACT, SearchIndex
from transcripts.search.ranking import TermMatcher

POOL = 200
"""Candidates ranked word by word (at least; more for a large ``limit``)."""
SCAN_RATIO = 24
"""Look a word up in the candidates' own words, rather than pass over its
postings, when it occurs in this many times more sentences than there are
candidates (a lookup costs about that many postings)."""
PRECISE_TIER = 20_000
"""Up to this many candidates in a tier are ordered by word quality one by
one; larger tiers by length only (a C-level key)."""


class TermHits:
    """The sentences one query term occurs in, by how well it matches there
    (disjoint levels, best first: exact, prefix, one typo, two typos).

    A term that stands for one vocabulary word keeps that word's postings
    array as it is (``raw``) until a set is really needed: intersecting
    with an array costs a pass over it, while making a set of the postings
    of "the" costs far more."""

    __slots__ = ("raw", "raw_quality", "term", "_levels", "_sids")

    def __init__(
        self,
        levels: list[tuple[float, set[int]]] | None = None,
        raw: array | None = None,
        raw_quality: float = QUALITY_EXACT,
        term: int | None = None,
    ) -> None:
        self.raw = raw
        self.term = term
        """The vocabulary word of ``raw`` (for looking it up in sentences)."""
        self.raw_quality = raw_quality
        self._levels = [(q, s) for q, s in levels if s] if levels is not None else None
        self._sids: set[int] | None = None

    def __bool__(self) -> bool:
        return bool(len(self.raw)) if self._levels is None and self.raw is not None else bool(self.levels)

    @property
    def size(self) -> int:
        return len(self.raw) if self._sids is None and self._levels is None else len(self.sids)

    @property
    def levels(self) -> list[tuple[float, set[int]]]:
        if self._levels is None:
            self._levels = [(self.raw_quality, self.sids)] if self.raw is not None and len(self.raw) else []
        return self._levels

    @property
    def single_level(self) -> bool:
        return self._levels is None or len(self._levels) == 1

    @property
    def sids(self) -> set[int]:
        if self._sids is None:
            if self._levels is None:
                self._sids = set(self.raw) if self.raw is not None else set()
            elif len(self._levels) == 1:
                self._sids = self._levels[0][1]
            else:
                self._sids = set().union(*(s for _, s in self._levels))
        return self._sids

    def source(self):
        """Something to intersect a set with: the postings array while no
        set was made, else the set."""
        return self.raw if self._sids is None and self._levels is None and self.raw is not None else self.sids

    def quality(self, sid: int) -> float:
        for q, s in self.levels:
            if sid in s:
                return q
        return 0.0


def term_hits(
    index: SearchIndex,
    words: tuple[str, ...],
    phrase: bool,
    prefix: bool,
    within: set[int] | None = None,
    mask: bytearray | None = None,
) -> tuple[TermHits, TermMatcher]:
    """The sentences a term occurs in, and how to find it in a sentence's
    words. A phrase is only looked for ``within`` some sentences (those with
    the query's other words) and the ``mask``, when given."""
    if phrase:
        tids = [index.vocab.get(w) for w in words]
        if any(t is None for t in tids):
            return TermHits([]), TermMatcher({}, ())
        matcher = TermMatcher({}, tuple(tids))
        if len(tids) == 1:  # a quoted word: exactly that word
            return TermHits(raw=index.sids[tids[0]], term=tids[0]), TermMatcher({tids[0]: QUALITY_EXACT})
        # sentences with every word of the phrase, then the phrase itself
        # looked for in each one's words (bytes.find over the forward index)
        by_rarity = sorted(set(tids), key=lambda t: len(index.sids[t]))
        if within is not None:
            candidates = within.intersection(index.sids[by_rarity[0]])
        else:
            candidates = set(index.sids[by_rarity[0]])
        for t in by_rarity[1:]:
            if not candidates or len(index.sids[t]) > SCAN_RATIO * len(candidates):
                break  # a common word ("the", "of"): the phrase check below covers it
            candidates.intersection_update(index.sids[t])
        if mask is not None and within is None:
            candidates = masked(candidates, mask)
        found = containing(index, candidates, tids)
        return TermHits([(QUALITY_EXACT, found)]), matcher
    exps = index.expand(words[0], prefix)
    matcher = TermMatcher({e.term: e.quality for e in exps})
    if len(exps) == 1:
        return TermHits(raw=index.sids[exps[0].term], raw_quality=exps[0].quality, term=exps[0].term), matcher
    by_quality: dict[float, set[int]] = {}
    for e in exps:
        by_quality.setdefault(e.quality, set()).update(index.sids[e.term])
    levels, seen = [], set()
    for q in sorted(by_quality, reverse=True):
        level = by_quality[q] - seen if seen else by_quality[q]
        levels.append((q, level))
        seen |= level
    return TermHits(levels), matcher


def containing(index: SearchIndex, sids: set[int], tids: list[int]) -> set[int]:
    """Those of ``sids`` whose words include ``tids`` in a row, read from
    the forward index (``bytearray.find`` on a sentence's span, aligned to
    whole term ids)."""
    pattern = array("I", tids).tobytes()
    find, offsets, lengths = index.forward.find, index.offsets, index.lengths
    found = set()
    for sid in sids:
        lo = offsets[sid] * 4
        hi = lo + lengths[sid] * 4
        at = find(pattern, lo, hi)
        while at >= 0 and (at - lo) % 4:
            at = find(pattern, at + 1, hi)
        if at >= 0:
            found.add(sid)
    return found


def all_of(index: SearchIndex, terms: list["TermHits"]) -> set[int]:
    """Sentences with every term: the rarest term's set narrowed by the
    others, each either intersected (C) or, for a word so common that a
    pass over its postings costs more, looked for in the few candidates
    left."""
    by_size = sorted(terms, key=lambda t: t.size)
    found = set(by_size[0].sids)
    for t in by_size[1:]:
        if not found:
            break
        if t.term is not None and t.raw is not None and t.size > SCAN_RATIO * len(found):
            found = containing(index, found, [t.term])
        else:
            found.intersection_update(t.source())
    return found


def masked(sids: set[int], mask: bytearray | None) -> set[int]:
    if mask is None:
        return sids
    return {s for s in sids if mask[s]}


def by_length(index: SearchIndex, sids: set[int], n: int) -> list[int]:
    """``n`` of ``sids``, shorter sentences first: among equally good
    candidates a short sentence with the words is the one about them."""
    if len(sids) <= n:
        return sorted(sids, key=index.lengths.__getitem__)
    return heapq.nsmallest(n, sids, key=index.lengths.__getitem__)


def full_pool(index: SearchIndex, terms: list[TermHits], everything: set[int], size: int) -> list[int]:
    """The best ``size`` sentences containing every term: by the quality of
    the words matched (every combination of levels, best total first, each
    one set intersection), then by length."""
    if all(t.single_level for t in terms):  # one level per term: every candidate is as good
        return by_length(index, everything, size)
    combos = [[]]
    for t in terms:
        combos = [c + [level] for c in combos for level in t.levels]
        if len(combos) > 64:  # many levels: rank one by one instead
            lengths = index.lengths

            def key(sid: int) -> tuple:
                return (-sum(t.quality(sid) for t in terms), lengths[sid])

            return heapq.nsmallest(size, everything, key=key)
    combos.sort(key=lambda c: -sum(q for q, _ in c))
    pool: list[int] = []
    for combo in combos:
        chosen = everything.intersection(*sorted((s for _, s in combo), key=len))
        if chosen:
            pool += by_length(index, chosen, size - len(pool))
            if len(pool) >= size:
                break
    return pool


def partial_pool(
    index: SearchIndex, terms: list[TermHits], everything: set[int], mask: bytearray | None, size: int
) -> list[int]:
    """Too few sentences have every term: the best ``size`` of those with
    most of them, tier by tier (k of the terms: the union of the
    intersections of every k of them, all set operations in C)."""
    present = [t for t in terms if t]
    top = len(present) - 1 if len(present) == len(terms) else len(present)
    # every sentence of tier k has k terms; when each term matches one way,
    # equally well, they are all as good: shortest first is the whole order
    # (the common case while typing, and a pass of Python per candidate saved)
    same_quality = len(present) <= 8 and all(t.single_level for t in present) and len(
        {t.levels[0][0] for t in present}) == 1
    seen = set(everything)
    pool: list[int] = []
    for k in range(top, 0, -1):
        if len(present) > 8 and k > 1:
            continue  # too many combinations: the tier of any one term still ranks them
        tier: set[int] = set()
        for combo in combinations(present, k):
            sets = sorted((t.sids for t in combo), key=len)
            tier |= sets[0].intersection(*sets[1:])
        tier = masked(tier - seen, mask)
        if not tier:
            continue
        need = size - len(pool)
        if len(tier) <= PRECISE_TIER and not same_quality:
            lengths = index.lengths

            def key(sid: int) -> tuple:
                return (-sum(t.quality(sid) for t in present), lengths[sid])

            pool += heapq.nsmallest(need, tier, key=key)
        else:
            pool += by_length(index, tier, need)
        if len(pool) >= size:
            break
        seen |= tier
    return pool
