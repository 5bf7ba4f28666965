"""One query against the on-disk index: tantivy fetches a pool of
candidates, our own rules (``ranking.judge``) rank them.

Each word of the query is a disjunction of its variants in the index's
vocabulary (``variants``), each quality boosted a hundredfold above the next
(exact, prefix, one typo, two typos) so that no BM25 score can carry a
typo above the intended word, while within a quality BM25's length norm
puts shorter sentences first; phrases are phrase queries; filters are
required clauses: the allowed calls and (call, speaker) pairs from
``FilterContext``, the section field, the tagged spans as offset ranges.
The pool (sentences with every word, else with most of them) is re-ranked
word by word from the stored sentence, and the stored fields make the hits.
"""

from __future__ import annotations

import time

import tantivy
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from transcripts.search.allowed import FilterContext, filter_notes
from transcripts.search.candidates import POOL
from transcripts.search.disk_index import DiskIndex, as_term, decode_hit, from_term, who_term
from transcripts.search.hits import Hit, SearchResult, unmatched_notes
from transcripts.search.index import QUALITY_BY_EDITS, QUALITY_EXACT, QUALITY_PREFIX
from transcripts.search.query import Query, QueryError, Term
from transcripts.search.ranking import TermMatcher, judge, merge_spans
from transcripts.search.tokens import is_number, max_edits, word_spans, words
from transcripts.search.variants import Quality, Vocabulary, by_quality

Q = tantivy.Query
QUALITY_BOOSTS: dict[Quality, float] = {"exact": 1e6, "prefix": 1e4, 1: 1e2, 2: 1.0}
"""A match quality's weight: BM25 scores of one term stay within a factor
of a hundred of one another, so quality always wins."""


def run_query(disk: DiskIndex, q: Query, limit: int, ctx: FilterContext) -> SearchResult:
    t0 = time.perf_counter()
    if q.is_empty or limit <= 0:
        return SearchResult(q, [], (time.perf_counter() - t0) * 1000)
    s = disk.searcher()
    schema = disk.schema
    filters = _filter_clauses(schema, ctx)
    unmatched: list[str] = []
    if filters is None:  # the filters allow no call at all
        hits, total, nothing_allowed = [], 0, True
    elif not q.terms:
        hits, total = _first_sentences(s, schema, filters, limit, ctx)
        nothing_allowed = total == 0
    else:
        hits, total = _ranked(s, schema, q, filters, limit, ctx, unmatched, vocabulary_of(disk, s))
        nothing_allowed = not hits and bool(q.filters) and _count(s, _and(schema, [], filters)) == 0
    suggestions, notes = _explain(disk, s, unmatched)
    if not hits and q.filters and nothing_allowed:
        more_suggestions, more_notes = filter_notes(ctx)
        suggestions += more_suggestions
        notes += more_notes
    return SearchResult(q, hits, (time.perf_counter() - t0) * 1000, suggestions, notes, total=total, limit=limit)


# -- queries ---------------------------------------------------------------


def term_query(schema: tantivy.Schema, term: Term, vocabulary: Vocabulary) -> Q:
    if term.phrase:
        exact = QUALITY_BOOSTS["exact"]
        if len(term.words) == 1:
            return Q.boost_query(Q.term_query(schema, "words", term.words[0]), exact)
        return Q.boost_query(Q.phrase_query(schema, "words", list(term.words)), exact)
    parts = []
    for quality, terms in by_quality(vocabulary.variants(term.words[0], _prefix(term))).items():
        one = (Q.term_query(schema, "words", terms[0]) if len(terms) == 1
               else Q.boolean_query([(tantivy.Occur.Should, Q.term_query(schema, "words", t)) for t in terms]))
        parts.append(Q.boost_query(one, QUALITY_BOOSTS[quality]))
    return parts[0] if len(parts) == 1 else Q.disjunction_max_query(parts)


def _prefix(term: Term) -> bool:
    w = term.words[0]
    return term.prefix and not term.phrase and (is_number(w) or len(w) >= 2)


def _filter_clauses(schema: tantivy.Schema, ctx: FilterContext) -> list[Q] | None:
    """Required clauses for the filters; None when they allow nothing."""
    clauses: list[Q] = []
    calls = ctx.calls
    if calls is not None:
        if not calls:
            return None
        clauses.append(ctx.remembered(("path clause", ctx.calls_key),
                                      lambda: Q.term_set_query(schema, "path", [as_term(e.path) for e in calls])))
    roles = ctx.plain_roles
    speakers = None if roles else ctx.speakers
    if roles:
        clauses.append(Q.term_set_query(schema, "role", roles))
    elif speakers is not None:
        if not speakers.paths:
            return None
        either = []
        if speakers.persons:
            either.append(Q.term_set_query(schema, "person", sorted(speakers.persons)))
        if speakers.who:
            either.append(Q.term_set_query(schema, "who", [who_term(p, k) for p, k in speakers.who]))
        clauses.append(either[0] if len(either) == 1 else Q.boolean_query([(tantivy.Occur.Should, c) for c in either]))
    if ctx.sections:
        clauses.append(Q.term_set_query(schema, "section", ctx.sections))
    if ctx.tags:
        if ctx.tag_spans is None:
            raise QueryError("'tag:' filters need annotations, and none were loaded for this search")
        spans = ctx.tagged()
        if not spans:
            return None
        clauses.append(Q.boolean_query([(tantivy.Occur.Should, _overlapping(schema, *span)) for span in spans]))
    return clauses


def _overlapping(schema: tantivy.Schema, path: str, start: int, end: int) -> Q:
    """Sentences of ``path`` overlapping ``start..end``."""
    integer = tantivy.FieldType.Integer
    return _and(schema, [
        Q.term_query(schema, "path", as_term(path)),
        Q.range_query(schema, "start", integer, None, max(end, start + 1), True, False),
        Q.range_query(schema, "end", integer, start, None, False, True),
    ], [])


def _and(schema: tantivy.Schema, clauses: list[Q], filters: list[Q]) -> Q:
    musts = [*clauses, *filters] or [Q.exists_query("start")]  # nothing required: every sentence
    return Q.boolean_query([(tantivy.Occur.Must, c) for c in musts])


def _count(s: tantivy.Searcher, q: Q) -> int:
    return s.search(q, 1, count=True).count


# -- answers ---------------------------------------------------------------


def _ranked(s, schema, q: Query, filters: list[Q], limit: int, ctx: FilterContext,
            unmatched: list[str], vocabulary: Vocabulary) -> tuple[list[Hit], int | None]:
    """The best ``limit`` sentences: a match has every term; only when none
    has are sentences with some of them the (partial) answers."""
    terms = [term_query(schema, t, vocabulary) for t in q.terms]
    # one term: tantivy's order (match quality, then shorter) is already ours
    size = limit if len(terms) == 1 else max(POOL, 5 * limit)
    everything = _and(schema, terms, filters)
    found = s.search(everything, size, count=True)
    total: int | None = found.count
    pool = found.hits
    if not total:
        for t, tq in zip(q.terms, terms):
            if not _count(s, _and(schema, [tq], filters if t.phrase else [])):
                unmatched.append(t.text)
        if len(terms) > 1:
            some = Q.boolean_query([(tantivy.Occur.Should, t) for t in terms]
                                   + [(tantivy.Occur.Must, f) for f in filters])
            pool = s.search(some, size, count=False).hits
    hits = _rerank(s, q, pool, limit, ctx)
    return hits, (total if total else (0 if not hits else None))


def _rerank(s, q: Query, pool: list, limit: int, ctx: FilterContext) -> list[Hit]:
    rows = []
    for _, addr in pool:
        doc = s.doc(addr)
        row = list(decode_hit(doc["hit"][0]))
        row.append(from_term(doc["path"][0]))
        row.append(words(row[0]))
        rows.append(row)
    # the pool's words as small ints for ``judge``, mapped in C, not word by word
    ids = {w: i for i, w in enumerate(set().union(*(row[8] for row in rows)))}
    for row in rows:
        row[8] = list(map(ids.__getitem__, row[8]))
    matchers = [_matcher(t, ids) for t in q.terms]
    scored = []
    for row in rows:
        j = judge(row[8], matchers)
        if j.matched:
            scored.append((-j.matched, -round(j.score), len(row[8]), ctx.order(row[7]), row[3], row, j))
    scored.sort(key=lambda r: r[:5])
    hits = []
    for neg_matched, neg_score, _, _, _, row, j in scored:
        text, start, end, local, turn, speaker, section, path, _ = row
        entry = ctx.by_path.get(path)
        if entry is None:  # removed from the corpus since it was indexed
            continue
        places = [(a, b) for _, a, b in word_spans(text)]
        spans = [(start + places[a][0], start + places[b][1]) for a, b in j.positions if b < len(places)]
        hits.append(_hit(entry, text, start, end, local, turn, speaker, section, -neg_score,
                         merge_spans(spans), -neg_matched))
        if len(hits) >= limit:
            break
    return hits


def _matcher(term: Term, ids: dict[str, int]) -> TermMatcher:
    """The term as ``judge`` sees it, over this pool's words (``ids``)."""
    if term.phrase:
        if len(term.words) == 1:
            tid = ids.get(term.words[0])
            return TermMatcher({tid: QUALITY_EXACT} if tid is not None else {})
        return TermMatcher({}, tuple(ids.get(w, -1 - i) for i, w in enumerate(term.words)))
    w = term.words[0]
    k = max_edits(w)
    prefix = _prefix(term)
    qualities: dict[int, float] = {}
    for have, tid in ids.items():
        if have == w:
            qualities[tid] = QUALITY_EXACT
        elif prefix and have.startswith(w):
            qualities[tid] = QUALITY_PREFIX
        elif k and abs(len(have) - len(w)) <= k and not is_number(have):
            d = OSA.distance(w, have, score_cutoff=k)
            if d <= k:
                qualities[tid] = QUALITY_BY_EDITS[d]
    return TermMatcher(qualities)


def _first_sentences(s, schema, filters: list[Q], limit: int, ctx: FilterContext) -> tuple[list[Hit], int]:
    """A query of filters only: the allowed sentences in corpus order."""
    total = _count(s, _and(schema, [], filters))
    hits: list[Hit] = []
    if not total:
        return hits, 0
    speakers = None if ctx.plain_roles else ctx.speakers  # a role is in every call's sentences: no need
    calls = ctx.calls if ctx.calls is not None else ctx.entries
    for entry in calls:
        if len(hits) >= limit:
            break
        if speakers is not None and entry.path not in speakers.paths:
            continue
        q = _and(schema, [Q.term_query(schema, "path", as_term(entry.path))], filters)
        found = s.search(q, limit - len(hits), count=False, order_by_field="sentence", order=tantivy.Order.Asc)
        for _, addr in found.hits:
            text, start, end, local, turn, speaker, section = decode_hit(s.doc(addr)["hit"][0])
            hits.append(_hit(entry, text, start, end, local, turn, speaker, section, 100, [], 0))
    return hits, total


def _hit(entry, text: str, start: int, end: int, local: int, turn: int, speaker: str, section: str,
         score: int, spans: list, matched: int) -> Hit:
    return Hit(
        call=entry.id, company=entry.company, fiscal_year=entry.fiscal_year, quarter=entry.quarter,
        speaker=speaker, turn=turn, start=start, end=end, text=text, score=max(0, min(100, score)),
        sentence=local, section=section, path=entry.path, spans=spans, matched=matched, fiscal=entry.fiscal,
    )


# -- when nothing matched --------------------------------------------------


def _explain(disk: DiskIndex, s, unmatched: list[str]) -> tuple[list[str], list[str]]:
    """Notes on the words that matched nothing, and the nearest words of the
    vocabulary ("did you mean")."""
    return unmatched_notes(unmatched, lambda w: bool(s.doc_freq("words", w)), lambda w: nearest_words(disk, s, w))


def nearest_words(disk: DiskIndex, s: tantivy.Searcher, word: str, limit: int = 3) -> list[str]:
    """Vocabulary words closest to ``word``; among equally close words the
    more frequent one is the likelier meaning."""
    vocab, freq = _vocabulary(disk, s, is_number(word))
    found = process.extract(word, vocab, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60)
    found.sort(key=lambda r: (-round(r[1]), -freq[r[2]]))
    return [w for w, _, _ in found[:limit]]


def _vocabulary(disk: DiskIndex, s: tantivy.Searcher, numbers: bool) -> tuple[list[str], list[int]]:
    """The index's words (all, or those that are not numbers) and how many
    sentences hold each, read once per state of the index."""
    key = (s.num_docs, s.num_segments, numbers)
    cached = disk.vocabularies.get(key)
    if cached is None:
        terms = s.terms_with_prefix("words", "")
        if not numbers:
            terms = [(t, n) for t, n in terms if not is_number(t)]
        cached = ([t for t, _ in terms], [n for _, n in terms])
        disk.vocabularies = {k: v for k, v in disk.vocabularies.items() if k[:2] == key[:2]}
        disk.vocabularies[key] = cached
    return cached


def vocabulary_of(disk: DiskIndex, s: tantivy.Searcher) -> Vocabulary:
    """The index's words for finding a query word's variants, read once per
    state of the index."""
    key = (s.num_docs, s.num_segments, "variants")
    made = disk.vocabularies.get(key)
    if made is None:
        made = Vocabulary.of(disk.words())
        disk.vocabularies = {k: v for k, v in disk.vocabularies.items() if k[:2] == key[:2]}
        disk.vocabularies[key] = made
    return made  # type: ignore[return-value]
