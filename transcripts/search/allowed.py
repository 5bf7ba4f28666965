"""What a query's filters allow, worked out from the corpus's metadata
(``corpus.entries``) rather than from an engine's own copy of it.

An engine that keeps only sentences (an on-disk index, a shared server) is
told which calls and which (call, speaker) pairs the filters allow; it never
has to know what a company, a period or a role is. So a ``call:`` correction
in an annotation file applies at once (it changes the entry, not the index),
and a filter word about people added to ``query.speaker_matches`` works in
every engine with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Callable, Iterable, Sequence, TypeVar

from rapidfuzz import process

from transcripts.model import ROLES, Call
from transcripts.search.people_table import AllowedPeople, PeopleTable
from transcripts.search.filtering import TagSpans
from transcripts.search.query import AliasSource, Filter, call_matcher, speaker_matches
from transcripts.search.tokens import is_number

CALL_KEYS = frozenset({"company", "year", "quarter"})
"""Filters about a call as a whole."""
TEXT_KEYS = frozenset({"section", "tag"})
"""Filters an engine applies to the text itself (a field, annotated spans)."""


def people_filters(filters: Iterable[Filter]) -> list[Filter]:
    """The filters about who speaks: every filter that is not about the call
    or the text, so a new one (``title:``) is a people filter by default."""
    return [f for f in filters if f.key not in CALL_KEYS and f.key not in TEXT_KEYS]


@dataclass(frozen=True)
class CorpusLookup:
    """Each entry by its path, and its place in the corpus; and what
    queries worked out from the entries while they stay the same (``memo``):
    a query typed key by key keeps its filters, and at 30,000 calls a
    ``company:`` filter asked of every call took a fifth of a second.
    An entry's metadata is settled once it is in a corpus (a correction
    arrives as a new entry), so the answers hold as long as the lookup."""

    by_path: dict[str, Call]
    places: dict[str, int]
    memo: dict = field(default_factory=dict, compare=False)

    def remembered(self, key: object, make: "Callable[[], T]") -> "T":
        """``make()``, once per ``key`` (a few dozen kept)."""
        try:
            return self.memo[key]
        except KeyError:
            pass
        made = make()
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[key] = made
        return made

    @classmethod
    def of(cls, entries: Sequence[Call]) -> "CorpusLookup":
        paths = list(map(_PATH, entries))
        return cls(dict(zip(paths, entries)), {p: i for i, p in enumerate(paths)})


_PATH = attrgetter("path")
MEMO_SIZE = 64
T = TypeVar("T")


@dataclass
class FilterContext:
    """Everything an engine may need to apply a query's filters; the sets
    are computed on first use, so an engine that filters by itself (the
    in-memory index) pays nothing for them."""

    entries: Sequence[Call]
    filters: tuple[Filter, ...] = ()
    tag_spans: TagSpans | None = None
    scope: frozenset[str] | None = None
    """Call ids a search is narrowed to (the app's "this call only")."""
    aliases: AliasSource | None = None
    people: "PeopleTable | None" = None
    """The entries' speakers grouped (``people_table``), kept by the searcher
    across queries; without it each speaker is asked in turn."""
    lookup: "CorpusLookup | None" = None
    """The entries by path and their places, made once per corpus state by
    the searcher (at 30,000 calls, 10 ms a query made afresh)."""

    @cached_property
    def _lookup(self) -> "CorpusLookup":
        return self.lookup if self.lookup is not None else CorpusLookup.of(self.entries)

    @property
    def by_path(self) -> dict[str, Call]:
        return self._lookup.by_path

    def remembered(self, key: object, make: "Callable[[], T]") -> "T":
        """What an engine works out from the entries, kept while they stay
        the same (``CorpusLookup.memo``)."""
        return self._lookup.remembered(key, make)

    def order(self, path: str) -> int:
        """A call's place in the corpus (hits that tie are shown in it)."""
        places = self._lookup.places
        return places.get(path, len(places))

    @cached_property
    def calls(self) -> list[Call] | None:
        """The entries the call filters and the scope allow, in corpus
        order; None when every call is allowed."""
        call_level = [f for f in self.filters if f.key in CALL_KEYS]
        if not call_level and self.scope is None:
            return None
        return self._lookup.remembered(("calls", self.calls_key), lambda: self._allowed_calls(call_level))

    @property
    def calls_key(self) -> tuple:
        """What ``calls`` depends on, besides the entries."""
        return frozenset(f for f in self.filters if f.key in CALL_KEYS), self.scope

    def _allowed_calls(self, call_level: list[Filter]) -> list[Call]:
        allowed = call_matcher(call_level)
        return [e for e in self.entries if (self.scope is None or e.id in self.scope) and allowed(e)]

    @cached_property
    def speakers(self) -> AllowedPeople | None:
        """Every speaker the people filters allow, in the allowed calls;
        None when there is no such filter."""
        people = people_filters(self.filters)
        if not people:
            return None
        if self.people is not None:
            table = self.people
            # the table is kept beside its answer, so no other can take its id
            return self._lookup.remembered(
                ("speakers", frozenset(people), self.calls_key, id(table)),
                lambda: (table, table.allowed(people, None if self.calls is None else (e.path for e in self.calls))))[1]
        calls = self.calls if self.calls is not None else self.entries
        return PeopleTable(calls, self.aliases).allowed(people)  # made for this query alone

    @property
    def plain_roles(self) -> list[str] | None:
        """The roles asked for, when every people filter is a plain role
        (``role:analyst``): an engine that indexed each sentence's role
        needs nothing else."""
        people = people_filters(self.filters)
        if not people or any(f.key != "role" or f.value not in ROLES for f in people):
            return None
        return sorted({f.value for f in people})

    @property
    def sections(self) -> list[str]:
        return sorted({f.value for f in self.filters if f.key == "section"})

    @property
    def tags(self) -> list[str]:
        return [f.value for f in self.filters if f.key == "tag"]

    def tagged(self) -> list[tuple[str, int, int]]:
        """``(call path, start, end)`` of the text tagged with any wanted tag."""
        from collections.abc import Mapping

        out = []
        spans = self.tag_spans
        for tag in self.tags:
            found = spans.get(tag, ()) if isinstance(spans, Mapping) else spans(tag)  # type: ignore[union-attr]
            for call_id, start, end in found:
                entry = self._by_id.get(call_id)
                if entry is not None:
                    out.append((entry.path, start, end))
        return out

    @cached_property
    def _by_id(self) -> dict[str, Call]:
        return {e.id: e for e in self.entries}


def filter_notes(ctx: FilterContext) -> tuple[list[str], list[str]]:
    """Why filters that together allow no text found nothing: a note per
    filter that matches nothing on its own, and the nearest names."""
    suggestions: list[str] = []
    notes: list[str] = []
    entries = ctx.entries
    for f in ctx.filters:
        if f.key == "speaker":
            if not any(speaker_matches(e, sp, [f], ctx.aliases) for e in entries for sp in e.speakers):
                notes.append(f"no speaker matches '{f.value}'")
                names = sorted({sp.name for e in entries for sp in e.speakers})
                suggestions += [f"speaker:{first_word(n)}" for n, _, _ in
                                process.extract(f.value, names, limit=3, score_cutoff=50)]
        elif f.key == "company" and not any(map(call_matcher([f]), entries)):
            notes.append(f"no call is from a company matching '{f.value}'")
            names = sorted({e.company for e in entries if e.company})
            suggestions += [f"company:{first_word(n, last=False)}" for n, _, _ in
                            process.extract(f.value, names, limit=3, score_cutoff=50)]
        elif f.key in ("year", "quarter") and not any(map(call_matcher([f]), entries)):
            notes.append(f"no call is from {f}")
        elif f.key == "tag":
            notes.append(f"only text tagged '{f.value}' is searched")
    if not notes:
        notes.append("the filters together match no text")
    return suggestions, notes


def first_word(name: str, last: bool = True) -> str:
    """The word to suggest for a name: a person's surname, a company's first word."""
    parts = [p for p in name.split() if not is_number(p)]
    return (parts[-1 if last else 0] if parts else name).casefold()
