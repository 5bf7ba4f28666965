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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from rapidfuzz import fuzz

from transcripts.model import ROLES, UNKNOWN_SPEAKER, Call, Turn
from transcripts.names import NICKNAMES, PARTICLES, SUFFIXES, fold, name_key, strip_marks, tokens


# -- public model -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Appearance:
    """One person speaking in one call, as that call wrote them."""

    call: str
    """The call id."""
    speaker: str
    """The speaker key within the call."""
    turns: int
    name: str = ""
    title: str | None = None
    role: str = "unknown"
    firm: str | None = None
    company: str | None = None


@dataclass(slots=True)
class Person:
    id: str
    """A slug of the name, unique in the result (company added on a clash)."""
    name: str
    """The most complete spelling seen (titled spellings preferred)."""
    aliases: list[str]
    """Other spellings seen, sorted."""
    role: str
    """The most common known role (``unknown`` when no call knew it)."""
    firm: str | None
    """The most common known firm (analysts), else None."""
    titles: list[str]
    """Distinct titles, one spelling each (``Chairman & CEO`` and ``Chairman
    and CEO`` are one title)."""
    company: str | None
    """The company whose calls they speak on; None for an analyst seen on the
    calls of several companies (see ``companies``)."""
    companies: list[str] = field(default_factory=list)
    firms: list[str] = field(default_factory=list)
    """Every distinct firm seen, one spelling each."""
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def turns(self) -> int:
        return sum(a.turns for a in self.appearances)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


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


# -- titles -----------------------------------------------------------------

_TITLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{a})\b"), b)
    for a, b in [
        (r"chief executive officer", "ceo"),
        (r"chief financial officer", "cfo"),
        (r"chief operating officer", "coo"),
        (r"chief technology officer", "cto"),
        (r"chief information officer", "cio"),
        (r"chief marketing officer", "cmo"),
        (r"chief accounting officer", "cao"),
        (r"chief revenue officer", "cro"),
        (r"executive vice president", "evp"),
        (r"senior vice president", "svp"),
        (r"vice president", "vp"),
        (r"investor relations", "ir"),
        (r"sr", "senior"),
        (r"exec", "executive"),
        (r"mgr", "manager"),
        (r"mgmt", "management"),
        (r"dir", "director"),
        (r"pres", "president"),
        (r"chmn", "chairman"),
        (r"chairwoman|chairperson|chair", "chairman"),
        (r"gen", "general"),
        (r"senior vp", "svp"),
        (r"executive vp", "evp"),
        (r"v ?p", "vp"),
    ]
]
_TITLE_FILLERS = frozenset({"and", "of", "the", "for", "&"})


@lru_cache(maxsize=1 << 16)
def normalize_title(title: str | None) -> str:
    """A comparison key: case, accents, punctuation, ``&``/``and``, word
    order and common abbreviations do not matter (``Chairman & CEO`` ==
    ``CEO and Chairman`` == ``Chairman and Chief Executive Officer``)."""
    if not title:
        return ""
    text = fold(title).replace("&", " and ")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # v.p. -> vp
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    for pattern, repl in _TITLE_PHRASES:
        text = pattern.sub(repl, text)
    words = [w for w in text.split() if w not in _TITLE_FILLERS]
    return " ".join(sorted(words))


def same_title(a: str | None, b: str | None) -> bool:
    return normalize_title(a) == normalize_title(b)


# -- firms ------------------------------------------------------------------

_FIRM_NOISE = frozenset(
    """and the co company companies inc incorporated corp corporation llc lp llp ltd
    limited plc group securities capital markets partners research associates holdings
    financial international asset management investments sa ag""".split()
)


@lru_cache(maxsize=1 << 16)
def firm_tokens(firm: str | None) -> tuple[str, ...]:
    """``Robert W. Baird & Company`` -> ``(robert, baird)``; ``S.G. Cowen`` ->
    ``(sg, cowen)``: the words that tell one firm from another."""
    if not firm:
        return ()
    text = fold(firm).replace("&", " and ")
    text = re.sub(r"[.'’]", "", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    kept = [w for w in words if w not in _FIRM_NOISE and len(w) > 1]
    return tuple(kept or words)


@lru_cache(maxsize=1 << 16)
def firms_compatible(a: str | None, b: str | None) -> bool:
    """Same firm, allowing the short forms operators use (``First Boston`` for
    ``Credit Suisse First Boston``, ``RBC`` for ``RBC Capital Markets``) and
    transcription slips (``S.G. Cohen`` / ``SG Cowen``)."""
    ta, tb = firm_tokens(a), firm_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    return fuzz.ratio(" ".join(ta), " ".join(tb)) >= 85


@lru_cache(maxsize=1 << 16)
def company_key(company: str | None) -> str:
    """``VeriSign``, ``Verisign, Inc.`` -> ``verisign``."""
    if not company:
        return ""
    words = re.sub(r"[^\w]+", " ", fold(company).replace("&", " and ")).split()
    while len(words) > 1 and words[-1] in _FIRM_NOISE:
        words.pop()
    return " ".join(words)


# -- names ------------------------------------------------------------------


_SOUNDEX = {
    **dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
    "l": "4", **dict.fromkeys("mn", "5"), "r": "6",
}


@lru_cache(maxsize=1 << 16)
def _soundex(word: str) -> str:
    """A phonetic code so ``Muenster`` and ``Munster`` land in one bucket even
    when a first-letter bucket would not be enough on its own."""
    letters = [c for c in word if "a" <= c <= "z"]
    if not letters:
        return ""
    out = [letters[0]]
    last = _SOUNDEX.get(letters[0], "")
    for c in letters[1:]:
        code = _SOUNDEX.get(c, "")
        if code and code != last:
            out.append(code)
        if c not in "hw":
            last = code
    return "".join(out)[:4]


@dataclass(frozen=True, slots=True)
class _NameParts:
    given: tuple[str, ...]
    """Given names and initials, in order (particles and suffixes dropped)."""
    surname: str


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"})


@lru_cache(maxsize=1 << 16)
def _parts(name: str) -> _NameParts:
    toks = [t for t in tokens(name) if t not in SUFFIXES]
    while len(toks) > 1 and toks[0] in _HONORIFICS:
        toks.pop(0)
    if not toks:
        return _NameParts((), "")
    # "van der Berg" and "Vanderberg" are one surname: particles join it.
    start = len(toks) - 1
    while start > 1 and toks[start - 1] in PARTICLES:
        start -= 1
    surname = "".join(toks[start:]).replace("-", "").replace("'", "").replace("’", "")
    given = tuple(t for t in toks[:start] if t not in PARTICLES)
    return _NameParts(given, surname)


def _first_names_score(a: str, b: str) -> float:
    """How well two given names agree: 1 same, .95 nickname or short form,
    .8 a likely misspelling, .7 an initial, 0 different."""
    if a == b:
        return 0.7 if len(a) == 1 else 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.7 if a[0] == b[0] else 0.0
    if a in NICKNAMES.get(b, ()) or b in NICKNAMES.get(a, ()):
        return 0.95
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.95
    if min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80:
        return 0.8
    if len(long_) == len(short) + 1 and len(short) >= 3 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    ):
        return 0.8  # one letter dropped: "Jon" / "John"
    return 0.0


def given_score(a: Sequence[str], b: Sequence[str]) -> float:
    """Given names of two spellings: ``Steve``/``Steven`` (nickname),
    ``C. Eugene``/``Gene`` (goes by the middle name), ``P.``/``Peter``
    (initial). 0.5 when one side has no given name at all."""
    if not a or not b:
        return 0.5
    best = _first_names_score(a[0], b[0])
    if len(a[0]) > 1 and len(b[0]) > 1 and best == 0.0:
        # Someone who goes by a spelled-out middle name: "Andrew Jamie
        # Gregory" / "Jamie Gregory". Surer evidence is asked for
        # (an exact surname, see names_match).
        for x, y in ((a, b), (b, a)):
            if len(x) > 1 and len(y) == 1 and _first_names_score(x[1], y[0]) >= 0.95:
                return MIDDLE_NAME_SCORE
        return 0.0  # two spelled-out first names that disagree
    # Someone who goes by a middle name: "C. Eugene" / "Gene".
    for x, y in ((a, b), (b, a)):
        if len(x) > 1 and len(x[0]) == 1 and len(y[0]) > 1:
            s = _first_names_score(x[1], y[0])
            if s >= 0.8:
                best = max(best, min(s, 0.9))
    return best


MIDDLE_NAME_SCORE = 0.85
"""A spelled-out middle name used as the given name: only with an exact
surname, and never with another spelled-out given name on the short side."""


def _surname_score(a: str, b: str) -> float:
    """Short surnames must match exactly: one letter is all that tells
    ``Chen`` from ``Cheng`` or ``Kim`` from ``Kin``."""
    if a == b:
        return 100.0
    if min(len(a), len(b)) < 5:
        return 0.0
    return fuzz.ratio(a, b)


@lru_cache(maxsize=1 << 16)
def names_match(a: str, b: str, *, strict: bool = False) -> float:
    """0 when two spellings cannot be one person, else a score (higher is
    surer). ``strict`` asks for an exact surname and compatible spelled-out
    given names (used when other evidence, like firms, disagrees)."""
    pa, pb = _parts(a), _parts(b)
    if not pa.surname or not pb.surname:
        return 0.0
    sur = _surname_score(pa.surname, pb.surname)
    if sur < 80.0:  # no rule accepts a surname this far off
        return 0.0
    giv = given_score(pa.given, pb.given)
    if giv <= 0.0:
        return 0.0
    if strict:
        ok = sur == 100.0 and giv >= 0.9
    elif giv >= 0.95:
        ok = sur >= 80.0
    elif giv == MIDDLE_NAME_SCORE:
        ok = sur == 100.0
    elif giv in (0.9, 0.7):  # a middle name or an initial: a close surname
        ok = sur >= 88.0
    else:  # a misspelt given name, or none on one side: the surname must be exact
        ok = sur == 100.0
    return sur * giv if ok else 0.0


# -- identification -----------------------------------------------------------


@dataclass(slots=True)
class _Spelling:
    """All mentions of one normalised name within one company."""

    group: str
    key: str
    parts: _NameParts
    mentions: list[Appearance] = field(default_factory=list)


@dataclass(slots=True)
class _Cluster:
    spellings: list[_Spelling]
    order: int
    """Position of the first mention, for deterministic results."""

    @property
    def mentions(self) -> list[Appearance]:
        return [m for s in self.spellings for m in s.mentions]

    def calls(self) -> set[str]:
        return {m.call for s in self.spellings for m in s.mentions}

    def role(self) -> str:
        return _most_common_role(self.mentions)

    def firms(self) -> list[str]:
        return [m.firm for m in self.mentions if m.firm]


def _most_common_role(mentions: Iterable[Appearance]) -> str:
    roles = [m.role for m in mentions if m.role not in ("unknown", "operator")]
    if not roles:
        return "unknown"
    if roles.count(roles[0]) == len(roles):
        return roles[0]
    counts = Counter(roles)
    return min(counts, key=lambda r: (-counts[r], ROLES.index(r) if r in ROLES else 99))


def _roles_conflict(a: str, b: str) -> bool:
    return {a, b} == {"analyst", "executive"}


def _firm_sets_compatible(a: list[str], b: list[str]) -> bool | None:
    """True when some known firms agree, False when all known firms
    disagree, None when a side has no known firm."""
    if not a or not b:
        return None
    fa, fb = sorted(set(a)), sorted(set(b))
    return any(firms_compatible(x, y) for x in fa for y in fb)


def _mentions(calls: Iterable[Call]) -> list[tuple[str, Appearance]]:
    out = []
    for call in calls:
        group = company_key(call.company) or f"\x00call:{call.id}"
        for sp in call.speakers:
            if sp.role == "operator" or sp.name == UNKNOWN_SPEAKER or not sp.key:
                continue
            out.append((group, Appearance(
                call=call.id, speaker=sp.key, turns=sp.turns, name=sp.name,
                title=sp.title, role=sp.role, firm=sp.firm, company=call.company,
            )))
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i


def _cluster_company(spellings: list[_Spelling], first_seen: dict[str, int]) -> list[_Cluster]:
    """Merge one company's spellings, surest pairs first."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(spellings):
        sur = s.parts.surname
        if not sur:
            continue
        buckets["i:" + sur[0]].append(i)
        code = _soundex(sur)
        if code:
            buckets["s:" + code].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in pairs:
                    continue
                score = names_match(spellings[i].key, spellings[j].key)
                if score > 0:
                    pairs[(i, j)] = score
    uf = _UnionFind(len(spellings))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(spellings))}
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    for (i, j), _score in ordered:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        a = [spellings[k] for k in members_of[ri]]
        b = [spellings[k] for k in members_of[rj]]
        if not _may_merge(a, b):
            continue
        uf.parent[rj] = ri
        members_of[ri].extend(members_of.pop(rj))
    clusters = []
    for root, idx in members_of.items():
        group = [spellings[k] for k in sorted(idx)]
        clusters.append(_Cluster(group, min(first_seen[s.group + "\x01" + s.key] for s in group)))
    return clusters


def _may_merge(a: list[_Spelling], b: list[_Spelling]) -> bool:
    """Group-level checks: no shared call, no analyst/executive clash, every
    spelling agrees with every other, firms agree or the names are sure."""
    calls_a = {m.call for s in a for m in s.mentions}
    if any(m.call in calls_a for s in b for m in s.mentions):
        return False
    ma = [m for s in a for m in s.mentions]
    mb = [m for s in b for m in s.mentions]
    role_a, role_b = _most_common_role(ma), _most_common_role(mb)
    if _roles_conflict(role_a, role_b):
        return False
    firms = _firm_sets_compatible([m.firm for m in ma if m.firm], [m.firm for m in mb if m.firm])
    strict = firms is False and "analyst" in (role_a, role_b)
    return all(names_match(x.key, y.key, strict=strict) > 0 for x in a for y in b)


def _merge_analysts_across_companies(clusters: list[_Cluster]) -> list[_Cluster]:
    """An analyst covering several companies is one person when the name is
    the same and the firms agree. Within one name, each cluster joins the
    first earlier group it agrees with, so the result is deterministic."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.role() == "analyst":
            for key in sorted({s.key for s in c.spellings}):
                by_name[key].append(i)
    uf = _UnionFind(len(clusters))
    members: dict[int, list[int]] = {i: [i] for i in range(len(clusters))}
    calls: dict[int, set[str]] = {}
    firms: dict[int, list[str]] = {}

    def root(i: int) -> int:
        r = uf.find(i)
        if r not in calls:  # never merged yet: a single cluster
            calls[r] = clusters[r].calls()
            firms[r] = sorted(set(clusters[r].firms()))
        return r

    for key in sorted(by_name):
        seen: list[int] = []
        for i in by_name[key]:
            ri = root(i)
            for rj in dict.fromkeys(root(r) for r in seen):
                if rj == ri or calls[ri] & calls[rj]:
                    continue
                if _firm_sets_compatible(firms[ri], firms[rj]) is not True:
                    continue
                low, high = min(ri, rj), max(ri, rj)
                uf.parent[high] = low
                members[low].extend(members.pop(high))
                calls[low] = calls[low] | calls.pop(high)
                firms[low] = sorted(set(firms[low]) | set(firms.pop(high)))
                break
            seen.append(i)
    out = []
    for r in sorted(members):
        group = [clusters[k] for k in sorted(members[r])]
        out.append(_Cluster([s for c in group for s in c.spellings], min(c.order for c in group)))
    return out


def _display_name(spellings: list[_Spelling]) -> str:
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


def _build_person(cluster: _Cluster, call_order: dict[str, int]) -> Person:
    mentions = sorted(cluster.mentions, key=lambda m: (call_order[m.call], m.speaker))
    name = _display_name(cluster.spellings)
    seen_names: dict[str, None] = {}
    for m in mentions:
        seen_names.setdefault(strip_marks(m.name), None)
    aliases = sorted((n for n in seen_names if n != name), key=lambda n: (fold(n), n))
    role = _most_common_role(mentions)
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


def clear_caches() -> None:
    """Forget memoised name, title and firm forms (benchmarks measure cold
    runs; a long session may want the memory back)."""
    for fn in (normalize_title, firm_tokens, firms_compatible, company_key, _parts, names_match, _soundex):
        fn.cache_clear()


def identify_people(calls: Iterable[Call]) -> list[Person]:
    """One ``Person`` per human speaking on the calls (operators excluded),
    sorted by role (executives, analysts, unknown) then name."""
    # Chronological order (company, year, quarter), whatever order the calls
    # came in: "first seen" and "most recent" then mean what they say.
    calls = sorted(calls, key=lambda c: (c.sort_key, c.id))
    call_order = {c.id: i for i, c in enumerate(calls)}
    by_group: dict[str, dict[str, _Spelling]] = defaultdict(dict)
    first_seen: dict[str, int] = {}
    for n, (group, m) in enumerate(_mentions(calls)):
        key = name_key(m.name)
        spelling = by_group[group].get(key)
        if spelling is None:
            spelling = by_group[group][key] = _Spelling(group, key, _parts(m.name))
            first_seen[group + "\x01" + key] = n
        spelling.mentions.append(m)

    clusters: list[_Cluster] = []
    for group in sorted(by_group):
        clusters.extend(_cluster_company(list(by_group[group].values()), first_seen))
    clusters.sort(key=lambda c: c.order)
    clusters = _merge_analysts_across_companies(clusters)

    people = [_build_person(c, call_order) for c in clusters]
    rank = {"executive": 0, "analyst": 1, "unknown": 2}
    people.sort(key=lambda p: (
        rank.get(p.role, 3), fold(p.name), p.name, fold(p.company or ""),
        call_order[p.appearances[0].call],
    ))
    _assign_ids(people)
    return people
