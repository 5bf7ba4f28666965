"""One query against the index: candidates from postings, filters as a mask
of sentence ids, then the best few candidates ranked word by word.

Work per query is bounded by the postings of the query's words (set
operations in C), never by the number of sentences: a pool of a few hundred
candidates (best word quality, then shortest) is ranked from the forward
index, and only the hits returned are read as text (for highlighting).
"""

from __future__ import annotations

import time
from typing import Iterable

from transcripts.model import Call
from transcripts.search.allowed import FilterContext, filter_notes
from transcripts.search.candidates import POOL, all_of, full_pool, masked, partial_pool, term_hits
from transcripts.search.filtering import FilterTables, TagSpans, allowed_mask
from transcripts.search.hits import Hit, SearchResult, unmatched_notes
from transcripts.search.index import SearchIndex
from transcripts.search.query import AliasSource, Query, parse_query
from transcripts.search.ranking import judge, merge_spans
from transcripts.search.tokens import word_spans


def search_index(
    index: SearchIndex,
    query: Query | str,
    limit: int = 20,
    *,
    tag_spans: TagSpans | None = None,
    scope: Iterable[str] | None = None,
    aliases: AliasSource | None = None,
) -> SearchResult:
    """Run ``query`` over the calls bound to ``index`` (see
    ``SearchIndex.sync``). ``scope`` narrows to some call ids. Raises
    ``QueryError`` for a query that cannot be understood."""
    t0 = time.perf_counter()
    q = parse_query(query) if isinstance(query, str) else query
    if q.is_empty or limit <= 0:
        return SearchResult(q, [], (time.perf_counter() - t0) * 1000)
    mask = None
    if q.filters or scope is not None or index.dead:
        mask = allowed_mask(index, filter_tables(index), q.filters, tag_spans, scope, aliases)
    unmatched: list[str] = []
    if not q.terms:
        hits = _first_sentences(index, mask, limit)
        total: int | None = _allowed_count(index, mask)
    else:
        with index.reading() as ints:
            hits, total = _ranked(index, ints, q, mask, limit, unmatched)
    suggestions, notes = _explain(index, q, hits, unmatched, mask, aliases)
    return SearchResult(q, hits, (time.perf_counter() - t0) * 1000, suggestions, notes,
                        total=total, limit=limit)


def _allowed_count(index: SearchIndex, mask: bytearray | None) -> int:
    """How many sentences a query of filters only matches."""
    if mask is None:
        return index.sentence_count
    return mask.count(1)


# -- filters ---------------------------------------------------------------


def filter_tables(index: SearchIndex) -> FilterTables:
    """The index's filter tables for its bound calls, made once per
    generation of the index."""
    cached = index._filter_tables
    if cached is None or cached[0] != index.generation:
        cached = index._filter_tables = (index.generation, FilterTables(index))
    return cached[1]


def _first_sentences(index: SearchIndex, mask: bytearray | None, limit: int) -> list[Hit]:
    """A query of filters only: the allowed sentences in corpus order."""
    out: list[Hit] = []
    sid = 0
    while len(out) < limit:
        if mask is not None:
            sid = mask.find(1, sid)
            if sid < 0:
                break
        elif sid >= index.sentence_count:
            break
        seg_no, local = index.locate(sid)
        call = index.calls[seg_no]
        if call is not None:
            out.append(_hit(call, local, 100, [], 0))
        sid += 1
    return out


def _ranked(
    index: SearchIndex, ints: memoryview, q: Query, mask: bytearray | None, limit: int,
    unmatched: list[str],
) -> tuple[list[Hit], int | None]:
    """The best ``limit`` sentences for the query's terms, and how many
    sentences match; terms found nowhere are added to ``unmatched``.

    A match is a sentence with every term (the one meaning of "match" for
    the app, the command line and the API). Only when no sentence has every
    term are sentences with some of them returned, best first, and the
    count is None (they are the nearest answers, not matches)."""
    found: list = [None] * len(q.terms)
    for i, t in enumerate(q.terms):
        if not t.phrase:
            found[i] = term_hits(index, t.words, False, t.prefix)
    # phrases are checked word by word in each candidate: only in sentences
    # that also have the query's other words, when it has any
    words_hits = [h for h, _ in filter(None, found)]
    within = None
    if words_hits and all(words_hits):
        within = masked(all_of(index, words_hits), mask)
    phrases = [i for i, t in enumerate(q.terms) if t.phrase]
    for i in phrases:
        found[i] = term_hits(index, q.terms[i].words, True, False, within, mask)
    terms = [h for h, _ in found]
    unmatched += [t.text for t, (h, _) in zip(q.terms, found) if not h]
    matchers = [m for _, m in found]
    # one term matched one way: the shortest sentences are already the best
    size = limit if len(terms) == 1 and terms[0].single_level else max(POOL, 5 * limit)
    lengths = index.lengths
    if not all(terms):
        everything: set[int] = set()
    elif within is not None:  # the sentences with every word, narrowed by the phrases
        everything = within.intersection(*(terms[i].sids for i in phrases))
    else:  # phrases only
        everything = masked(all_of(index, terms), mask)
    pool = full_pool(index, terms, everything, size) if everything else []
    if not everything and len(terms) > 1:
        if within is not None:  # the phrases alone count too now
            for i in phrases:
                terms[i] = term_hits(index, q.terms[i].words, True, False, None, mask)[0]
        pool += partial_pool(index, terms, everything, mask, size - len(pool))
    scored = []
    for sid in pool:
        j = judge(index.tokens(sid, ints), matchers)
        if j.matched:
            scored.append((-j.matched, -round(j.score), lengths[sid], sid, j))
    scored.sort(key=lambda r: r[:4])
    hits = []
    for neg_matched, neg_score, _, sid, j in scored[:limit]:
        seg_no, local = index.locate(sid)
        call = index.calls[seg_no]
        if call is None:
            continue
        start, end = call.sentence_starts[local], call.sentence_ends[local]
        places = [(s, e) for _, s, e in word_spans(call.text, start, end)]
        spans = [(places[a][0], places[b][1]) for a, b in j.positions if b < len(places)]
        hits.append(_hit(call, local, -neg_score, merge_spans(spans), -neg_matched))
    return hits, (len(everything) if everything else (0 if not hits else None))


def _hit(call: Call, local: int, score: int, spans: list, matched: int) -> Hit:
    turn_no = call.turn_index_of_sentence(local)
    turn = call.turns[turn_no] if turn_no < len(call.turns) else None
    start, end = call.sentence_starts[local], call.sentence_ends[local]
    return Hit(
        call=call.id,
        company=call.company,
        fiscal_year=call.fiscal_year,
        quarter=call.quarter,
        speaker=turn.speaker.name if turn else "",
        turn=turn_no,
        start=start,
        end=end,
        text=call.text[start:end],
        score=max(0, min(100, score)),
        sentence=local,
        section=turn.section if turn else "prepared",
        path=call.path,
        spans=spans,
        matched=matched,
        fiscal=call.fiscal,
    )


# -- when nothing matched --------------------------------------------------


def _explain(
    index: SearchIndex,
    q: Query,
    hits: list[Hit],
    unmatched: list[str],
    mask: bytearray | None,
    aliases: AliasSource | None,
) -> tuple[list[str], list[str]]:
    """What to tell a user whose query (partly) matched nothing: notes on
    which words and filters found nothing, and the nearest words or names
    ("did you mean")."""
    suggestions, notes = unmatched_notes(unmatched, index.vocab.__contains__, index.nearest_words)
    if hits or not q.filters or mask is None or any(mask):
        return suggestions, notes
    calls = [c for _, c in index.live_segments()]
    more_suggestions, more_notes = filter_notes(FilterContext(calls, q.filters, aliases=aliases))
    return suggestions + more_suggestions, notes + more_notes
