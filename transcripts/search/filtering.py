"""Filters as masks over sentence ids: one byte per sentence, 1 where the
filters allow it.

A thousand calls hold ~100,000 turns; walking them per query would cost more
than the search itself. So the index's turns are summarised once per bound
corpus (``FilterTables``): a mask per role and per section, and the sentence
ranges of each speaker of each call with every name that speaker goes by.
A query then combines ready masks (bitwise, on whole masks at once) and looks
up only the speakers whose names match.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

from transcripts.model import ROLES, Call, Speaker
from transcripts.search.index import SearchIndex
from transcripts.search.query import (
    AliasSource,
    Filter,
    QueryError,
    call_matcher,
    name_matches,
    refuse_annotation_words,
    speaker_matches,
)

TagSpans = Callable[[str], Iterable[tuple[str, int, int]]] | Mapping[str, Iterable[tuple[str, int, int]]]
"""Annotated text by tag: ``tag -> [(call id, start, end), ...]``, a mapping
or a function. Supplied by the caller: ``transcripts`` never reads
annotations."""


class FilterTables:
    """What filters need to know about every turn, gathered in one pass."""

    def __init__(self, index: SearchIndex) -> None:
        n = index.sentence_count
        self.size = n
        self.live = bytearray(n)
        self.roles: dict[str, bytearray] = {}
        self.sections: dict[str, bytearray] = {}
        self._turns_of: dict[tuple[int, str], tuple[Call, Speaker, list[tuple[int, int]]]] = {}
        """(segment, speaker key) -> the call, the speaker, their turns' sentence ranges."""
        self._by_names: tuple[int, dict[tuple[str, ...], list[tuple[int, int]]]] | None = None
        one = b"\x01"
        for seg_no, (seg, call) in enumerate(index.live_segments()):
            self.live[seg.base : seg.base + seg.count] = one * seg.count
            for turn in call.turns:
                a, b = seg.base + turn.first_sentence, seg.base + turn.end_sentence
                if b <= a:
                    continue
                sp = turn.speaker
                role = self.roles.get(sp.role)
                if role is None:
                    role = self.roles[sp.role] = bytearray(n)
                role[a:b] = one * (b - a)
                section = self.sections.get(turn.section)
                if section is None:
                    section = self.sections[turn.section] = bytearray(n)
                section[a:b] = one * (b - a)
                entry = self._turns_of.get((seg_no, sp.key))
                if entry is None:
                    entry = self._turns_of[(seg_no, sp.key)] = (call, sp, [])
                entry[2].append((a, b))

    def empty(self) -> bytearray:
        return bytearray(self.size)

    def _speakers(self, aliases: AliasSource | None) -> dict[tuple[str, ...], list[tuple[int, int]]]:
        """Every name a speaker goes by -> sentence ranges of their turns
        (made on the first ``speaker:`` filter, per source of aliases)."""
        if self._by_names is None or self._by_names[0] != id(aliases):
            by_names: dict[tuple[str, ...], list[tuple[int, int]]] = {}
            for call, sp, ranges in self._turns_of.values():
                extra = list(aliases(call, sp)) if aliases is not None else []
                by_names.setdefault(tuple(dict.fromkeys([sp.name, *extra])), []).extend(ranges)
            self._by_names = (id(aliases), by_names)
        return self._by_names[1]

    def speaker_mask(self, value: str, aliases: AliasSource | None = None) -> bytearray:
        mask = self.empty()
        one = b"\x01"
        for names, ranges in self._speakers(aliases).items():
            if name_matches(value, names):
                for a, b in ranges:
                    mask[a:b] = one * (b - a)
        return mask

    def people_mask(self, filters: list[Filter]) -> bytearray:
        """The turns of every speaker ``speaker_matches`` lets through
        (``role:cfo``, ``title:``: judged on each speaker's title, once per
        speaker of each call, not per turn)."""
        mask = self.empty()
        one = b"\x01"
        for call, sp, ranges in self._turns_of.values():
            if speaker_matches(call, sp, filters):
                for a, b in ranges:
                    mask[a:b] = one * (b - a)
        return mask

    def speaker_names(self) -> list[str]:
        return sorted({sp.name for _, sp, _ in self._turns_of.values()})


def _and(a: bytearray, b: bytearray) -> bytearray:
    n = len(a)
    return bytearray((int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(n, "little"))


def _or(a: bytearray, b: bytearray) -> bytearray:
    n = len(a)
    return bytearray((int.from_bytes(a, "little") | int.from_bytes(b, "little")).to_bytes(n, "little"))


def allowed_mask(
    index: SearchIndex,
    tables: FilterTables,
    filters: Iterable[Filter],
    tag_spans: TagSpans | None = None,
    scope: Iterable[str] | None = None,
    aliases: AliasSource | None = None,
) -> bytearray | None:
    """A byte per sentence id, 1 where the filters allow it; None when every
    live sentence is allowed. Filters of different kinds must all pass; the
    same kind given twice passes either value."""
    filters = list(filters)
    scope_ids = set(scope) if scope is not None else None
    if not filters and scope_ids is None and not index.dead:
        return None
    by_key: dict[str, list[str]] = {}
    for f in filters:
        by_key.setdefault(f.key, []).append(f.value)
    mask = tables.live
    call_level = [f for f in filters if f.key in ("company", "year", "quarter")]
    if call_level or scope_ids is not None:
        calls = tables.empty()
        one = b"\x01"
        allowed = call_matcher(call_level)
        for seg, call in index.live_segments():
            if scope_ids is not None and call.id not in scope_ids:
                continue
            if call_level and not allowed(call):
                continue
            calls[seg.base : seg.base + seg.count] = one * seg.count
        mask = _and(mask, calls)
    refuse_annotation_words(filters)
    for key, table in (("role", tables.roles), ("section", tables.sections)):
        if key in by_key:
            either = tables.empty()
            for value in by_key[key]:
                if value in table:
                    either = _or(either, table[value])
                elif key == "role" and value not in ROLES:  # an office: role:cfo
                    either = _or(either, tables.people_mask([Filter("role", value)]))
            mask = _and(mask, either)
    if "title" in by_key:
        mask = _and(mask, tables.people_mask([f for f in filters if f.key == "title"]))
    if "speaker" in by_key:
        either = tables.empty()
        for value in by_key["speaker"]:
            either = _or(either, tables.speaker_mask(value, aliases))
        mask = _and(mask, either)
    if "tag" in by_key:
        if tag_spans is None:
            raise QueryError("'tag:' filters need annotations, and none were loaded for this search")
        tagged = tables.empty()
        for sid in tagged_sentences(index, by_key["tag"], tag_spans):
            tagged[sid] = 1
        mask = _and(mask, tagged)
    return mask if mask is not tables.live else bytearray(mask)


def tagged_sentences(index: SearchIndex, tags: list[str], tag_spans: TagSpans) -> set[int]:
    """Sentence ids overlapping text annotated with any of ``tags``;
    ``tag_spans`` maps a tag (or is called with one) to ``(call id, start,
    end)`` spans."""
    by_id = {call.id: (seg, call) for seg, call in index.live_segments()}
    found: set[int] = set()
    for tag in tags:
        spans = tag_spans.get(tag, ()) if isinstance(tag_spans, Mapping) else tag_spans(tag)
        for call_id, start, end in spans:
            entry = by_id.get(call_id)
            if entry is None:
                continue
            seg, call = entry
            last = call.sentence_at(max(start, end - 1))
            if last is None:
                continue
            first = call.sentence_at(start)
            first = 0 if first is None else first
            if call.sentence_ends[first] <= start and first < last:
                first += 1  # the span starts in the gap after a sentence
            found.update(range(seg.base + first, seg.base + last + 1))
    return found
