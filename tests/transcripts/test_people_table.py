"""The grouped speakers answer a people filter exactly as asking every
speaker does, and say when a person can be one term for every call."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts import load_corpus
from transcripts.model import Speaker
from transcripts.search.allowed import people_filters
from transcripts.search.disk_rows import person_term
from transcripts.search.people_table import PeopleTable
from transcripts.search.query import parse_query, speaker_matches


@dataclass
class Entry:
    path: str
    speakers: list[Speaker] = field(default_factory=list)
    id: str = ""


NAMES = ["Dana Evan", "Stratton Sclavos", "Gene Munster", "Operator", "Jane Roe", "Sam Lee"]
TITLES = [None, "Chief Financial Officer", "CEO", "EVP and CFO", "Analyst"]
ROLES_ = ["executive", "analyst", "operator"]


@st.composite
def corpora(draw):
    entries = []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        people = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(TITLES), st.sampled_from(ROLES_)),
                               min_size=1, max_size=4, unique_by=lambda p: p[0]))
        entries.append(Entry(f"/calls/{i}.txt", [Speaker(n.casefold(), n, t, r) for n, t, r in people], f"c{i}"))
    return entries


FILTERS = ["speaker:evan", "speaker:dana evn", "speaker:operator", "role:analyst", "role:cfo", "role:executive",
           "title:cfo", "speaker:gene role:analyst", "speaker:munstr", "speaker:evan speaker:sclavos"]


def _aliases(entry, speaker):
    """Gene Munster is also "Eugene Muenster", but only where a call says so."""
    return ["Eugene Muenster"] if speaker.name == "Gene Munster" and entry.path.endswith(("0.txt", "2.txt")) else []


def _one_by_one(entries, query, aliases) -> set[tuple[str, str]]:
    """Every speaker of every call asked in turn: what the table must equal."""
    people = people_filters(parse_query(query).filters)
    return {(e.path, sp.key) for e in entries for sp in e.speakers if speaker_matches(e, sp, people, aliases)}


def _as_pairs(allowed, table: PeopleTable) -> set[tuple[str, str]]:
    pairs = set(allowed.who)
    for kind in table.kinds:
        if kind.person in allowed.persons:
            pairs.update(kind.where)
    return pairs


@settings(max_examples=60, deadline=None)
@given(entries=corpora(), query=st.sampled_from(FILTERS + ["speaker:eugene", "speaker:muenster"]),
       with_aliases=st.booleans())
def test_the_table_allows_exactly_whom_asking_each_speaker_allows(entries, query, with_aliases):
    aliases = _aliases if with_aliases else None
    table = PeopleTable(entries, aliases)
    people = people_filters(parse_query(query).filters)
    got = table.allowed(people)
    want = _one_by_one(entries, query, aliases)
    assert _as_pairs(got, table) == want
    assert got.paths == {p for p, _ in want}


def test_a_person_whose_aliases_differ_between_calls_is_allowed_call_by_call():
    gene = Speaker("gene munster", "Gene Munster", "Analyst", "analyst", "Piper")
    entries = [Entry(f"/calls/{i}.txt", [gene]) for i in range(4)]
    table = PeopleTable(entries, _aliases)
    allowed = table.allowed(people_filters(parse_query("speaker:eugene").filters))
    assert allowed.who == {("/calls/0.txt", "gene munster"), ("/calls/2.txt", "gene munster")}
    assert not allowed.persons  # one term would also allow calls 1 and 3
    everywhere = table.allowed(people_filters(parse_query("speaker:gene").filters))
    assert everywhere.persons == {person_term(gene)} and not everywhere.who


def test_the_operator_of_every_sample_call_is_one_term(samples_copy):
    corpus = load_corpus([samples_copy])
    table = PeopleTable(corpus.entries, None)
    allowed = table.allowed(people_filters(parse_query("speaker:operator").filters))
    assert len(allowed.persons) == 1 and not allowed.who
    assert allowed.paths == {e.path for e in corpus.entries}


def test_a_plain_role_filter_is_answered_by_the_index_without_grouping_every_speaker(samples_copy, monkeypatch):
    """``role:analyst`` is a term of each sentence in the on-disk index: the
    search finds analysts only, and never groups every call's speakers (at
    30,000 calls that was five seconds of each such command)."""
    from transcripts.search import searcher as searcher_module

    made: list[int] = []
    real = searcher_module.PeopleTable
    monkeypatch.setattr(searcher_module, "PeopleTable", lambda *a, **k: made.append(1) or real(*a, **k))
    corpus = load_corpus([samples_copy])
    searcher = searcher_module.Searcher(corpus, engine="disk")
    roles = {(e.id, sp.name): sp.role for e in corpus.entries for sp in e.speakers}
    hits = searcher.run("role:analyst quarter", 50).hits
    assert hits and {roles[(h.call, h.speaker)] for h in hits} == {"analyst"}
    assert made == []
    title_hits = searcher.run("title:cfo quarter", 50).hits  # a title needs the table
    assert made == [1] and title_hits
