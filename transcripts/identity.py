"""Who is who across calls: one ``Person`` per human being, however the
transcripts spelled them.

Transcribers misspell names from one quarter to the next (``Steven Gateoff``
/ ``Steven Gatoff``, ``Gene Muenster`` / ``C. Eugene Munster``), use
nicknames (``Steve`` / ``Steven``) and write titles differently (``Chairman
and CEO`` / ``Chairman & CEO``). A reader following a CFO through eight
quarters, or an analyst's questions across the companies they cover, needs
those spellings to be one person, without ever folding two real people into
one. So the rules lean conservative:

- Within a company, the same normalised name is the same person. Different
  spellings merge on name evidence (a close surname, compatible given names:
  nicknames, initials, a middle name used as the given name), and role and
  firm are evidence too: an analyst and an executive never merge on a fuzzy
  name, and two analysts whose known firms disagree need an exact surname and
  compatible given names. Two speakers of the same call are never merged,
  and a group only grows when every spelling in it agrees with the newcomer
  (no chaining ``Steve Ashley`` -> ``Steven Ashley`` -> ``Stephen Ashford``).
- Across companies only analysts merge (executives of two companies who share
  a name are two people), and only on the same normalised name with firms
  that agree.
- Calls whose company is unknown are each treated as a company of their own:
  merging executives of unrelated calls would be worse than a split.
- Operators are not people.

Candidate pairs are found through buckets keyed on the surname's first letter
and a phonetic code, so the cost grows with the number of distinct spellings
in a bucket, not with the square of all speakers.
"""


from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable, Iterator, Sequence

from transcripts.model import Call, Turn
from transcripts.names import fold, name_key, strip_marks, tokens
from transcripts.people_clusters import (
    Cluster,
    Spelling,
    cluster_company,
    merge_analysts_across_companies,
    mentions_of,
    most_common_role,
)
from transcripts.person import Appearance, Person
from transcripts.person_evidence import (
    MIDDLE_NAME_SCORE,
    clear_caches,
    company_key,
    firm_tokens,
    firms_compatible,
    given_score,
    name_parts,
    names_match,
    normalize_title,
    same_title,
)

__all__ = [
    "MIDDLE_NAME_SCORE", "Appearance", "PeopleIndex", "Person", "clear_caches", "company_key", "firm_tokens",
    "firms_compatible", "given_score", "identify_people", "names_match", "normalize_title", "same_title",
]
"""Names kept where they were before ``person``, ``person_evidence`` and
``people_clusters`` were taken out of this module (its callers and tests
import them from here)."""


class PeopleIndex:
    """Look a speaker of a call up as a person, and back."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people: list[Person] = list(people)
        self._by_id = {p.id: p for p in self.people}
        self._by_speaker: dict[tuple[str, str], Person] = {}
        for p in self.people:
            for a in p.appearances:
                self._by_speaker[(a.call, a.speaker)] = p

    @classmethod
    def from_calls(cls, calls: Iterable[Call]) -> "PeopleIndex":
        return cls(identify_people(calls))

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def get(self, person_id: str) -> Person | None:
        return self._by_id.get(person_id)

    def person_for(self, call_id: str, speaker_key: str) -> Person | None:
        """The person a call's speaker is (None for the operator or an
        unknown call/speaker)."""
        return self._by_speaker.get((call_id, speaker_key))

    def turns_of(self, person: Person, calls: Iterable[Call]) -> list[tuple[Call, Turn]]:
        """Every turn the person speaks in the given calls, in call order."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for a in person.appearances:
            wanted[a.call].add(a.speaker)
        out: list[tuple[Call, Turn]] = []
        for call in calls:
            keys = wanted.get(call.id)
            if keys:
                out.extend((call, t) for t in call.turns if t.speaker.key in keys)
        return out


# -- a person from a cluster ---------------------------------------------------


def _display_name(spellings: list[Spelling]) -> str:
    """Prefer a spelling the transcript gave with a title (it came from a
    proper speaker line), then the one with most parts, then the longest,
    then the most used."""
    variants: dict[str, list[Appearance]] = defaultdict(list)
    for s in spellings:
        for m in s.mentions:
            variants[strip_marks(m.name)].append(m)
    if len(variants) == 1:
        return next(iter(variants))

    def rank(item: tuple[str, list[Appearance]]) -> tuple:
        name, ms = item
        titled = any(m.title for m in ms)
        return (not titled, -len(tokens(name)), -len(name), -len(ms), name)

    return min(variants.items(), key=rank)[0]


def _pick_spelling(values: list[str], normalise) -> list[tuple[str, int]]:
    """Distinct values under ``normalise``, each with its most common spelling
    (ties: the longest, then first seen), ordered by count then first seen."""
    if len(set(values)) <= 1:
        return [(values[0], len(values))] if values else []
    groups: dict[str, list[str]] = {}
    for v in values:
        groups.setdefault(normalise(v), []).append(v)
    out = []
    for order, (norm, vs) in enumerate(groups.items()):
        counts = Counter(vs)
        best = max(counts, key=lambda v: (counts[v], len(v), -vs.index(v)))
        out.append((best, len(vs), order))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(b, n) for b, n, _ in out]


def _firm_groups(firms: list[str]) -> list[str]:
    """Distinct firms (short and long forms of one firm grouped), the most
    common first and, on a tie, the most recent (analysts change firms); each
    shown by its most complete spelling, the most recent on a tie."""
    if len(set(firms)) <= 1:
        return firms[:1]
    groups: list[list[str]] = []
    for f in firms:
        for g in groups:
            if firms_compatible(g[0], f):
                g.append(f)
                break
        else:
            groups.append([f])
    last_seen = {id(g): max(i for i, f in enumerate(firms) if f in g) for g in groups}
    ranked = sorted(groups, key=lambda g: (-len(g), -last_seen[id(g)]))
    out = []
    for g in ranked:
        counts = Counter(g)
        latest = {v: i for i, v in enumerate(g)}
        out.append(max(counts, key=lambda v: (len(firm_tokens(v)), counts[v], latest[v])))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "person"


def _build_person(cluster: Cluster, call_order: dict[str, int]) -> Person:
    mentions = sorted(cluster.mentions, key=lambda m: (call_order[m.call], m.speaker))
    name = _display_name(cluster.spellings)
    seen_names: dict[str, None] = {}
    for m in mentions:
        seen_names.setdefault(strip_marks(m.name), None)
    aliases = sorted((n for n in seen_names if n != name), key=lambda n: (fold(n), n))
    role = most_common_role(mentions)
    firms = _firm_groups([m.firm for m in mentions if m.firm])
    titles = [t for t, _ in _pick_spelling([m.title for m in mentions if m.title], normalize_title)]
    # keep titles in the order first seen (chronological), not by count
    first_seen = {}
    for m in mentions:
        if m.title:
            first_seen.setdefault(normalize_title(m.title), len(first_seen))
    titles.sort(key=lambda t: first_seen[normalize_title(t)])
    companies = [c for c, _ in _pick_spelling([m.company for m in mentions if m.company], company_key)]
    companies.sort(key=fold)
    return Person(
        id="",
        name=name,
        aliases=aliases,
        role=role,
        firm=firms[0] if firms else None,
        titles=titles,
        company=companies[0] if len(companies) == 1 else None,
        companies=companies,
        firms=firms,
        appearances=mentions,
    )


def _assign_ids(people: list[Person]) -> None:
    """Slug of the name; on a clash the company is added, then a number."""
    base = Counter(_slug(p.name) for p in people)
    taken: set[str] = set()
    for p in people:
        slug = _slug(p.name)
        if base[slug] > 1 and p.company:
            slug = f"{slug}-{_slug(p.company)}"
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        taken.add(candidate)
        p.id = candidate


def identify_people(calls: Iterable[Call]) -> list[Person]:
    """One ``Person`` per human speaking on the calls (operators excluded),
    sorted by role (executives, analysts, unknown) then name."""
    # Chronological order (company, year, quarter), whatever order the calls
    # came in: "first seen" and "most recent" then mean what they say.
    calls = sorted(calls, key=lambda c: (c.sort_key, c.id))
    call_order = {c.id: i for i, c in enumerate(calls)}
    by_group: dict[str, dict[str, Spelling]] = defaultdict(dict)
    first_seen: dict[str, int] = {}
    for n, (group, m) in enumerate(mentions_of(calls)):
        key = name_key(m.name)
        spelling = by_group[group].get(key)
        if spelling is None:
            spelling = by_group[group][key] = Spelling(group, key, name_parts(m.name))
            first_seen[group + "\x01" + key] = n
        spelling.mentions.append(m)

    clusters: list[Cluster] = []
    for group in sorted(by_group):
        clusters.extend(cluster_company(list(by_group[group].values()), first_seen))
    clusters.sort(key=lambda c: c.order)
    clusters = merge_analysts_across_companies(clusters)

    people = [_build_person(c, call_order) for c in clusters]
    rank = {"executive": 0, "analyst": 1, "unknown": 2}
    people.sort(key=lambda p: (
        rank.get(p.role, 3), fold(p.name), p.name, fold(p.company or ""),
        call_order[p.appearances[0].call],
    ))
    _assign_ids(people)
    return people
