"""The speakers of every call, grouped, so that a people filter
(``speaker:``, ``role:``, ``title:``) is answered without asking each of
them.

At 30,000 calls there are hundreds of thousands of speakers, and asking
``query.speaker_matches`` of each one (a fuzzy match of every name word)
took seconds per query. Here they are grouped once per corpus into
distinct descriptions (the same person with the same title on forty calls
is one), with the words of their names and their roles looked up in
tables. A query then picks the few candidates the tables allow and asks
``speaker_matches`` of those only, so the answer is exactly what asking
every speaker would give; the tables only say whom not to ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from transcripts.model import ROLES, Call, Speaker
from transcripts.search.disk_rows import person_term
from transcripts.search.query import AliasSource, Filter, speaker_matches, word_matches
from transcripts.search.tokens import words


@dataclass
class _Kind:
    """One distinct speaker description, and where it speaks."""

    entry: Call
    speaker: Speaker
    person: str
    where: list[tuple[str, str]] = field(default_factory=list)
    """``(call path, speaker key)`` of each call it speaks on."""


@dataclass(frozen=True)
class AllowedPeople:
    """Whom a query's people filters allow, as an engine can use it."""

    persons: frozenset[str] = frozenset()
    """``disk_rows.person_term`` of descriptions allowed on every call they
    speak on."""
    who: frozenset[tuple[str, str]] = frozenset()
    """``(call path, speaker key)`` allowed one by one (a description whose
    aliases differ between calls, and only some of them match)."""
    paths: frozenset[str] = frozenset()
    """The calls on which anyone allowed speaks."""


class PeopleTable:
    def __init__(self, entries: Sequence[Call], aliases: AliasSource | None) -> None:
        self.aliases = aliases
        self.kinds: list[_Kind] = []
        self.by_word: dict[str, set[int]] = {}
        self.by_role: dict[str, set[int]] = {}
        self.variants: dict[str, list[int]] = {}
        """Person term -> the kinds of that description (they differ in aliases only)."""
        seen: dict[tuple, int] = {}
        for e in entries:
            for sp in e.speakers:
                names = tuple(aliases(e, sp)) if aliases is not None else ()
                key = (sp.name, sp.title, sp.role, sp.firm, sp.label, sp.inferred, names)
                i = seen.get(key)
                if i is None:
                    i = seen[key] = len(self.kinds)
                    self.kinds.append(_Kind(e, sp, person_term(sp)))
                    self.variants.setdefault(self.kinds[i].person, []).append(i)
                    for name in (sp.name, *names):
                        for w in words(name):
                            self.by_word.setdefault(w, set()).add(i)
                    self.by_role.setdefault(sp.role, set()).add(i)
                self.kinds[i].where.append((e.path, sp.key))

    def allowed(self, people: list[Filter], paths: Iterable[str] | None = None) -> AllowedPeople:
        """Every speaker the filters allow, in the calls of ``paths`` (every
        call when None)."""
        candidates: set[int] | None = None
        for key, narrow in (("speaker", self._named), ("role", self._in_role)):
            values = [f.value for f in people if f.key == key]
            if values:
                found = set().union(*(narrow(v) for v in values))
                candidates = found if candidates is None else candidates & found
        ids = range(len(self.kinds)) if candidates is None else sorted(candidates)
        matched = {i for i in ids
                   if speaker_matches(self.kinds[i].entry, self.kinds[i].speaker, people, self.aliases)}
        keep = set(paths) if paths is not None else None
        persons: set[str] = set()
        who: set[tuple[str, str]] = set()
        where: set[str] = set()
        for i in matched:
            kind = self.kinds[i]
            places = kind.where if keep is None else [w for w in kind.where if w[0] in keep]
            if not places:
                continue
            where.update(p for p, _ in places)
            if all(v in matched for v in self.variants[kind.person]):
                persons.add(kind.person)
            else:
                who.update(places)
        return AllowedPeople(frozenset(persons), frozenset(who), frozenset(where))

    def _named(self, value: str) -> set[int]:
        """Who has, for each word of ``value``, a name word it matches."""
        wanted = value.split()
        if not wanted:
            return set(range(len(self.kinds)))
        found: set[int] | None = None
        for w in wanted:
            ids = set().union(*(ids for have, ids in self.by_word.items() if word_matches(w, have)))
            found = ids if found is None else found & ids
            if not found:
                break
        return found or set()

    def _in_role(self, value: str) -> set[int]:
        """A role is held by those in it; an office (``cfo``) by executives."""
        if value in ROLES:
            return set(self.by_role.get(value, ()))
        return set(self.by_role.get("executive", ()))
