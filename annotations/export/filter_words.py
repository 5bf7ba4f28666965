"""The filter words of search (``role:analyst section:qa company:verisign
2003q4 tag:guidance``) applied to export records.

Parsing and matching are search's own (``transcripts.search.query``): the
same words mean the same thing in both places, typos in names forgiven the
same way. A bare word or a "quoted phrase" must appear in the quote or the
note. ``author:`` and ``reviewed:`` ask the annotation itself
(``annotations.authors``). An orphaned annotation has no turn any more, so words about a turn
(speaker, role, section) cannot judge it: it is kept, and listed with the
orphans, rather than silently dropped.
"""

from __future__ import annotations

from typing import Callable, Iterable

from annotations.authors import people_match, review_of
from annotations.export.filters import FilterError
from annotations.export.records import ExportRecord
from transcripts.model import Call, Speaker
from transcripts.search.query import (
    Query, QueryError, Term, matches_filters, name_matches, parse_query, role_matches, title_matches,
)
from transcripts.search.tokens import words

Predicate = Callable[[ExportRecord], "bool | None"]


def _aliases(call: Call, speaker: Speaker, records_aliases: dict[tuple[str, str], Iterable[str]]) -> Iterable[str]:
    return records_aliases.get((call.id, speaker.name), ())


def _term_matches(term: Term, haystack: list[str], text_words: list[str]) -> bool:
    wanted = " ".join(term.words)
    if term.phrase:
        return f" {wanted} " in " " + " ".join(text_words) + " "
    return name_matches(wanted, haystack)


def terms_match(terms: list[Term], quote: str, note: str) -> bool:
    """Every word and phrase of the query in the quote or the note."""
    if not terms:
        return True
    haystack = [quote, note]
    text_words = words(quote + "\n" + note)
    return all(_term_matches(t, haystack, text_words) for t in terms)


def query_predicate(query: Query) -> Predicate:
    filters = list(query.filters)
    terms = list(query.terms)

    def keep(rec: ExportRecord) -> bool | None:
        if not people_match(filters, rec.author, review_of(rec)):
            return False
        call = rec.source_call
        if call is not None:
            alias_map = {(call.id, rec.speaker or ""): rec.aliases} if rec.aliases else {}
            aliases = (lambda c, s: _aliases(c, s, alias_map)) if alias_map else None
            if not matches_filters(call, rec.source_turn, filters, aliases, tags=rec.tags):
                return False
            if rec.source_turn is None and not _orphan_speaker_matches(rec, query):
                return False
        return terms_match(terms, rec.quote, rec.note)

    return keep


def _orphan_speaker_matches(rec: ExportRecord, query: Query) -> bool:
    """An orphan keeps the speaker saved with it: judge ``speaker:`` and
    ``role:`` by that when it is known (the section stays unknowable)."""
    speakers, roles = query.values("speaker"), query.values("role")
    if speakers and rec.speaker:
        names = [rec.speaker, *rec.aliases]
        if not any(name_matches(v, names) for v in speakers):
            return False
    if roles and rec.role and not any(role_matches(v, _saved_speaker(rec)) for v in roles):
        return False
    titles = query.values("title")
    if titles and rec.title and not any(title_matches(v, rec.title) for v in titles):
        return False
    return True


def _saved_speaker(rec: ExportRecord) -> Speaker:
    return Speaker(key="", name=rec.speaker or "", title=rec.title, role=rec.role or "unknown")


def parse_words(text: str) -> Query:
    """Search's parse of a filter string; ``FilterError`` with its one-line
    message for a word it cannot understand."""
    try:
        return parse_query(text.strip() + " ")  # trailing space: no "still typing" prefix term
    except QueryError as exc:
        raise FilterError(str(exc)) from None
