"""An analyst covering several companies is merged into one person the same
way however many calls the name is on: the merge that keeps its groups as
it goes gives exactly what working them out again from every cluster seen
gives (the plain way, kept here as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts.identity import name_parts
from transcripts.people_clusters import (
    Cluster,
    Spelling,
    _firm_sets_compatible,
    _UnionFind,
    merge_analysts_across_companies,
)
from transcripts.person import Appearance

NAMES = ["sam lee", "dana evan", "gene munster"]
FIRMS = [None, "UBS", "UBS Securities", "Morgan Stanley"]


def plain_merge(clusters: list[Cluster]) -> list[list[int]]:
    """The groups of clusters (by position) the merge must make: each cluster
    of a name joins the first earlier group it agrees with, the groups
    worked out afresh from every cluster seen before it."""
    by_name: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        if c.role() == "analyst":
            for key in sorted({s.key for s in c.spellings}):
                by_name.setdefault(key, []).append(i)
    uf = _UnionFind(len(clusters))
    members = {i: [i] for i in range(len(clusters))}
    calls = {i: c.calls() for i, c in enumerate(clusters)}
    firms = {i: sorted(set(c.firms())) for i, c in enumerate(clusters)}
    for key in sorted(by_name):
        seen: list[int] = []
        for i in by_name[key]:
            ri = uf.find(i)
            for rj in dict.fromkeys(uf.find(r) for r in seen):
                if rj == ri or calls[ri] & calls[rj] or _firm_sets_compatible(firms[ri], firms[rj]) is not True:
                    continue
                low, high = min(ri, rj), max(ri, rj)
                uf.parent[high] = low
                members[low].extend(members.pop(high))
                calls[low] |= calls.pop(high)
                firms[low] = sorted(set(firms[low]) | set(firms.pop(high)))
                break
            seen.append(i)
    return [sorted(members[r]) for r in sorted(members)]


@st.composite
def analyst_clusters(draw) -> list[Cluster]:
    """Clusters of one company each, some under two names (an analyst whose
    name was spelled two ways there), on calls that sometimes overlap."""
    clusters = []
    for n in range(draw(st.integers(min_value=1, max_value=20))):
        names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
        spellings = []
        for name in names:
            calls = draw(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=2, unique=True))
            firms = FIRMS[1:] if name == NAMES[0] else FIRMS  # a firm each time: one call may name another
            spellings.append(Spelling(f"company {n}", name, name_parts(name), [
                Appearance(call=f"c{c}", speaker=name, turns=1, name=name.title(), role="analyst",
                           firm=draw(st.sampled_from(firms)))
                for c in calls]))
        clusters.append(Cluster(spellings, n))
    return clusters


@settings(max_examples=300, deadline=None)
@given(analyst_clusters())
def test_the_merge_groups_clusters_as_the_plain_way_does(clusters):
    expected = plain_merge(clusters)
    position = {id(s): i for i, c in enumerate(clusters) for s in c.spellings}
    got = [sorted({position[id(s)] for s in c.spellings}) for c in merge_analysts_across_companies(clusters)]
    assert got == expected
