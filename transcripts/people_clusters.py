"""Grouping the spellings of speakers into people: within a company on name,
role and firm evidence, surest pairs first and never two speakers of one
call; then analysts across companies, on the same name with firms that
agree. The rules are the ones ``transcripts.identity`` states; this module
is how they are applied (buckets, a union-find, the checks each merge
must pass)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from transcripts.model import ROLES, UNKNOWN_SPEAKER, Call
from transcripts.person import Appearance
from transcripts.person_evidence import NameParts, company_key, firms_compatible, names_match, soundex


@dataclass(slots=True)
class Spelling:
    """All mentions of one normalised name within one company."""

    group: str
    key: str
    parts: NameParts
    mentions: list[Appearance] = field(default_factory=list)


@dataclass(slots=True)
class Cluster:
    spellings: list[Spelling]
    order: int
    """Position of the first mention, for deterministic results."""

    @property
    def mentions(self) -> list[Appearance]:
        return [m for s in self.spellings for m in s.mentions]

    def calls(self) -> set[str]:
        return {m.call for s in self.spellings for m in s.mentions}

    def role(self) -> str:
        return most_common_role(self.mentions)

    def firms(self) -> list[str]:
        return [m.firm for m in self.mentions if m.firm]


def most_common_role(mentions: Iterable[Appearance]) -> str:
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


def mentions_of(calls: Iterable[Call]) -> list[tuple[str, Appearance]]:
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


def cluster_company(spellings: list[Spelling], first_seen: dict[str, int]) -> list[Cluster]:
    """Merge one company's spellings, surest pairs first."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(spellings):
        sur = s.parts.surname
        if not sur:
            continue
        buckets["i:" + sur[0]].append(i)
        code = soundex(sur)
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
        clusters.append(Cluster(group, min(first_seen[s.group + "\x01" + s.key] for s in group)))
    return clusters


def _may_merge(a: list[Spelling], b: list[Spelling]) -> bool:
    """Group-level checks: no shared call, no analyst/executive clash, every
    spelling agrees with every other, firms agree or the names are sure."""
    calls_a = {m.call for s in a for m in s.mentions}
    if any(m.call in calls_a for s in b for m in s.mentions):
        return False
    ma = [m for s in a for m in s.mentions]
    mb = [m for s in b for m in s.mentions]
    role_a, role_b = most_common_role(ma), most_common_role(mb)
    if _roles_conflict(role_a, role_b):
        return False
    firms = _firm_sets_compatible([m.firm for m in ma if m.firm], [m.firm for m in mb if m.firm])
    strict = firms is False and "analyst" in (role_a, role_b)
    return all(names_match(x.key, y.key, strict=strict) > 0 for x in a for y in b)


def merge_analysts_across_companies(clusters: list[Cluster]) -> list[Cluster]:
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

    judged: dict[tuple[str, str], bool] = {}

    def firms_agree(a: list[str], b: list[str]) -> bool:
        """``_firm_sets_compatible(a, b) is True`` for firm lists already
        sorted and distinct, each pair of firms judged once: an analyst
        name on a thousand calls asks the same few firms again and again."""
        for x in a:
            for y in b:
                ok = judged.get((x, y))
                if ok is None:
                    ok = judged[(x, y)] = bool(firms_compatible(x, y))
                if ok:
                    return True
        return False

    def root(i: int) -> int:
        r = uf.find(i)
        if r not in calls:  # never merged yet: a single cluster
            calls[r] = clusters[r].calls()
            firms[r] = sorted(set(clusters[r].firms()))
        return r

    for key in sorted(by_name):
        # The groups of the clusters seen so far under this name, by where
        # each was first seen: kept as merges happen, not worked out again
        # from every cluster seen (a name on a thousand calls of as many
        # companies was quadratic: half a minute of `earmark speakers` at
        # 30,000 calls).
        groups: list[int] = []
        for i in by_name[key]:
            ri = root(i)
            for rj in groups:
                if rj == ri or calls[ri] & calls[rj]:
                    continue
                if not firms_agree(firms[ri], firms[rj]):
                    continue
                low, high = min(ri, rj), max(ri, rj)
                uf.parent[high] = low
                members[low].extend(members.pop(high))
                calls[low] = calls[low] | calls.pop(high)
                firms[low] = sorted(set(firms[low]) | set(firms.pop(high)))
                # the two are one group now, where the first of them was seen
                groups = list(dict.fromkeys(map(uf.find, groups)))
                break
            else:
                if ri not in groups:
                    groups.append(ri)
    out = []
    for r in sorted(members):
        group = [clusters[k] for k in sorted(members[r])]
        out.append(Cluster([s for c in group for s in c.spellings], min(c.order for c in group)))
    return out
