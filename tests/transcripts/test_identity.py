"""Identity across calls: the same person under different spellings is one
person, and different people stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcripts import load_corpus
from transcripts.identity import (
    PeopleIndex,
    Person,
    firms_compatible,
    identify_people,
    names_match,
    normalize_title,
    same_title,
)

try:
    from conftest import Q1_2003, Q4_2003, SAMPLES
except ImportError:  # tests run as a package
    from tests.conftest import Q1_2003, Q4_2003, SAMPLES

ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def write_call(
    folder: Path,
    company: str,
    year: int,
    quarter: int,
    executives: list[tuple[str, str]],
    analysts: list[tuple[str, str | None]],
) -> Path:
    """A small call in the samples' layout; the file name carries company and
    period, the operator announces each analyst (with a firm when given)."""
    ceo, ceo_title = executives[0]
    lines = [
        "Operator",
        f"Good day, and welcome to the {company} {ORDINAL[quarter]} quarter fiscal {year} "
        f"earnings conference call. I would like to turn the call over to {ceo}. Please go ahead.",
    ]
    for i, (name, title) in enumerate(executives):
        lines += [f"{name} - {title}",
                  f"Thank you. Revenue grew {i + 3}% in the quarter to ${quarter}{i}0 million. "
                  "We expect the next quarter to be similar."]
    lines += ["Operator",
              "Thank you. We will now begin the question-and-answer session. [Operator Instructions]"]
    for name, firm in analysts:
        intro = f"We will go next to {name} with {firm}." if firm else f"We will go next to {name}."
        lines += ["Operator", intro,
                  f"{name} - Analyst", "Could you talk about margins in the enterprise segment?",
                  f"{ceo} - {ceo_title}", "Margins improved by two points, driven by pricing."]
    lines += ["Operator", "That concludes today's call. Thank you for your participation."]
    slug = company.lower().replace(" ", "")
    path = folder / f"{slug}-{year}-q{quarter}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def people_of(paths) -> list[Person]:
    corpus = load_corpus(paths)
    assert not corpus.errors
    return identify_people(corpus.calls)


def find(people: list[Person], name: str) -> list[Person]:
    return [p for p in people if name in p.names]


@pytest.fixture(scope="module")
def sample_people() -> list[Person]:
    return people_of([SAMPLES])


# -- the bundled samples ----------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "other", "canonical"),
    [
        ("Steven Gateoff", "Steven Gatoff", "Steven Gatoff"),
        ("Steve Ashley", "Steven Ashley", "Steven Ashley"),
        ("Gene Muenster", "C. Eugene Munster", "C. Eugene Munster"),
    ],
)
def test_spellings_across_quarters_are_one_person(sample_people, spelling, other, canonical):
    [person] = find(sample_people, spelling)
    assert find(sample_people, other) == [person]
    assert person.name == canonical
    assert sorted(person.names) == sorted({spelling, other})
    assert sorted(a.call for a in person.appearances) == ["verisign-2003-q1", "verisign-2003-q4"]


def test_merged_people_keep_role_and_firm(sample_people):
    [gatoff] = find(sample_people, "Steven Gatoff")
    assert gatoff.role == "executive"
    assert gatoff.titles == ["VP Finance"]
    [munster] = find(sample_people, "C. Eugene Munster")
    assert (munster.role, munster.firm) == ("analyst", "Piper Jaffray")
    [ashley] = find(sample_people, "Steven Ashley")
    assert ashley.role == "analyst"
    assert "Baird" in ashley.firm


def test_different_people_stay_apart(sample_people):
    steves = {p.id for name in ("Steve Jue", "Steve Sigmond", "Steven Ashley") for p in find(sample_people, name)}
    assert len(steves) == 3
    for name in ("Steve Jue", "Steve Sigmond", "Sarah Friar", "Howard Smith", "Gregg Moskowitz"):
        [p] = find(sample_people, name)
        assert p.aliases == []


def test_executive_titles_written_differently_are_one_title(sample_people):
    [sclavos] = find(sample_people, "Stratton Sclavos")
    assert len(sclavos.titles) == 1
    assert sclavos.titles[0] in ("Chairman and CEO", "Chairman & CEO")
    [evan] = find(sample_people, "Dana Evan")
    assert sorted(evan.titles) == ["CFO", "EVP and CFO"]
    assert len(evan.appearances) == 2


def test_operator_is_not_a_person(sample_people):
    assert not find(sample_people, "Operator")
    assert all(p.role != "operator" for p in sample_people)


def test_every_speaker_is_counted_once(sample_people):
    corpus = load_corpus([SAMPLES])
    speakers = {(c.id, s.key): s.turns for c in corpus.calls for s in c.speakers if s.role != "operator"}
    seen = {(a.call, a.speaker): a.turns for p in sample_people for a in p.appearances}
    assert seen == speakers
    assert len({p.id for p in sample_people}) == len(sample_people)


def test_people_are_sorted_executives_first_then_by_name(sample_people):
    roles = [p.role for p in sample_people]
    assert roles == sorted(roles, key=["executive", "analyst", "unknown"].index)
    analysts = [p.name.casefold() for p in sample_people if p.role == "analyst"]
    assert analysts == sorted(analysts)


def test_result_does_not_depend_on_input_order(samples_copy):
    corpus = load_corpus([samples_copy])
    forward = identify_people(corpus.calls)
    backward = identify_people(list(reversed(corpus.calls)))
    assert [(p.id, p.name, p.aliases, p.titles, p.firm) for p in forward] == [
        (p.id, p.name, p.aliases, p.titles, p.firm) for p in backward
    ]


def test_index_finds_a_speaker_in_every_call_of_the_company(samples_copy):
    corpus = load_corpus([samples_copy])
    index = PeopleIndex.from_calls(corpus.calls)
    q4 = next(c for c in corpus.calls if Path(c.path).name == Q4_2003)
    q1 = next(c for c in corpus.calls if Path(c.path).name == Q1_2003)
    person = index.person_for(q4.id, "steven gateoff")
    assert person is not None and person is index.person_for(q1.id, "steven gatoff")
    assert index.get(person.id) is person
    turns = index.turns_of(person, corpus.calls)
    assert {call.id for call, _ in turns} == {q1.id, q4.id}
    assert len(turns) == person.turns
    assert all(t.speaker.name in person.names for _, t in turns)
    assert index.person_for(q4.id, "operator") is None
    assert index.person_for("no-such-call", "steven gatoff") is None


# -- titles, firms and names ------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chairman and CEO", "Chairman & CEO"),
        ("Chairman and CEO", "CEO and Chairman"),
        ("Chairman & CEO", "Chairman and Chief Executive Officer"),
        ("EVP and CFO", "Executive Vice President & Chief Financial Officer"),
        ("VP Finance", "Vice President, Finance"),
        ("VP Finance", "V.P. of Finance"),
        ("Sr. VP, Investor Relations", "Senior Vice President - Investor Relations"),
        ("cfo", "CFO."),
    ],
)
def test_titles_written_differently_are_the_same(a, b):
    assert same_title(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("EVP and CFO", "CFO"), ("CEO", "CFO"), ("VP Finance", "VP Marketing"), ("President", "Vice President")],
)
def test_different_titles_stay_different(a, b):
    assert normalize_title(a) != normalize_title(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Credit Suisse First Boston", "First Boston", True),
        ("Robert W. Baird & Company", "Robert Baird", True),
        ("S.G. Cohen", "SG Cowen", True),
        ("RBC Capital Markets", "RBC", True),
        ("J.P. Morgan", "JPMorgan", True),
        ("First Albany", "First Analysis", False),
        ("Goldman Sachs", "Morgan Stanley", False),
        ("First Boston", None, False),
    ],
)
def test_firm_spellings(a, b, same):
    assert firms_compatible(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Steven Gateoff", "Steven Gatoff", True),
        ("Gene Muenster", "C. Eugene Munster", True),
        ("Steve Ashley", "Steven Ashley", True),
        ("P. Sterling Auty", "Sterling Auty", True),
        ("Chris Russ", "Christopher Russ", True),
        ("Jon Smith", "John Smith", True),
        ("Dr. Jane Doe", "Jane Doe", True),
        ("Ed McGuire Jr.", "Ed McGuire", True),
        ("Jon Smith", "John Smyth", False),
        ("Dan Smith", "Don Smith", False),
        ("Mike Chen", "Michael Cheng", False),
        ("Pieter van der Berg", "Pieter Vanderberg", True),
        ("Sean O'Brien", "Sean OBrien", True),
        ("Anna Smith-Jones", "Anna Smithjones", True),
        ("Steve Jue", "Steve Sigmond", False),
        ("Steve Ashley", "Steve Sigmond", False),
        ("Chris Russ", "Chris Ross", False),
        ("Dana Evan", "Diana Evans", False),
        ("Mary Chen", "Michael Chen", False),
    ],
)
def test_name_spellings(a, b, same):
    assert (names_match(a, b) > 0) is same


# -- corpora written in temporary folders -----------------------------------


def test_executives_of_two_companies_sharing_a_name_are_two_people(tmp_path):
    write_call(tmp_path, "Acme", 2024, 1, [("John Smith", "CEO"), ("Mary Baird", "CFO")], [("Ann Lee", "UBS")])
    write_call(tmp_path, "Globex", 2024, 1, [("John Smith", "CEO"), ("Marie Baird", "CFO")], [("Bo Kim", "UBS")])
    people = people_of([tmp_path])
    smiths = find(people, "John Smith")
    assert len(smiths) == 2
    assert {p.company.casefold() for p in smiths} == {"acme", "globex"}
    assert len({p.id for p in smiths}) == 2
    assert len(find(people, "Mary Baird")) == 1 and find(people, "Mary Baird") != find(people, "Marie Baird")


def test_executive_spellings_merge_within_a_company(tmp_path):
    write_call(tmp_path, "Acme", 2024, 1, [("Jonathan Smyth", "Chief Executive Officer")], [("Ann Lee", "UBS")])
    write_call(tmp_path, "Acme", 2024, 2, [("Jon Smith", "CEO")], [("Ann Lee", "UBS")])
    people = people_of([tmp_path])
    [ceo] = find(people, "Jon Smith")
    assert ceo.names == ["Jonathan Smyth", "Jon Smith"]
    assert ceo.titles in (["Chief Executive Officer"], ["CEO"])
    [lee] = find(people, "Ann Lee")
    assert len(lee.appearances) == 2


def test_an_analyst_and_an_executive_with_similar_names_stay_apart(tmp_path):
    write_call(tmp_path, "Acme", 2024, 1, [("Ann Baker", "CEO"), ("Steve Ashley", "CFO")], [("Ann Lee", "UBS")])
    write_call(tmp_path, "Acme", 2024, 2, [("Ann Baker", "CEO")], [("Steven Ashley", "Robert Baird")])
    people = people_of([tmp_path])
    [cfo] = find(people, "Steve Ashley")
    [analyst] = find(people, "Steven Ashley")
    assert cfo is not analyst
    assert (cfo.role, analyst.role) == ("executive", "analyst")


def test_analysts_with_different_firms_need_the_same_name(tmp_path):
    execs = [("Ann Baker", "CEO")]
    write_call(tmp_path, "Acme", 2024, 1, execs, [("Sarah Frier", "Goldman Sachs"), ("Tom Wood", "UBS")])
    write_call(tmp_path, "Acme", 2024, 2, execs, [("Sarah Friar", "Morgan Stanley"), ("Thomas Wood", "Barclays")])
    write_call(tmp_path, "Acme", 2024, 3, execs, [("Sarah Friar", "Morgan Stanley")])
    people = people_of([tmp_path])
    assert find(people, "Sarah Frier") != find(people, "Sarah Friar")
    [friar] = find(people, "Sarah Friar")
    assert len(friar.appearances) == 2
    # same surname and a nickname is a strong enough name to outweigh a firm change
    [wood] = find(people, "Tom Wood")
    assert sorted(wood.names) == ["Thomas Wood", "Tom Wood"]


def test_analysts_with_agreeing_firms_merge_on_a_fuzzy_name(tmp_path):
    execs = [("Ann Baker", "CEO")]
    write_call(tmp_path, "Acme", 2024, 1, execs, [("Sarah Frier", "Goldman Sachs")])
    write_call(tmp_path, "Acme", 2024, 2, execs, [("Sarah Friar", "Goldman Sachs")])
    people = people_of([tmp_path])
    [friar] = find(people, "Sarah Friar")
    assert sorted(friar.names) == ["Sarah Friar", "Sarah Frier"]
    assert friar.firm == "Goldman Sachs"


def test_an_analyst_covering_two_companies_is_one_person(tmp_path):
    write_call(tmp_path, "Acme", 2024, 1, [("Ann Baker", "CEO")], [("Walter Pritchard", "Soundview")])
    write_call(tmp_path, "Globex", 2024, 1, [("Bob Stone", "CEO")], [("Walter Pritchard", "Soundview Technology")])
    people = people_of([tmp_path])
    [walter] = find(people, "Walter Pritchard")
    assert len(walter.appearances) == 2
    assert walter.company is None
    assert [c.casefold() for c in walter.companies] == ["acme", "globex"]


def test_analysts_of_two_companies_with_different_firms_stay_apart(tmp_path):
    write_call(tmp_path, "Acme", 2024, 1, [("Ann Baker", "CEO")], [("Walter Pritchard", "Soundview")])
    write_call(tmp_path, "Globex", 2024, 1, [("Bob Stone", "CEO")], [("Walter Pritchard", "Goldman Sachs")])
    write_call(tmp_path, "Initech", 2024, 1, [("Cy Young", "CEO")], [("Walt Pritchard", "Soundview")])
    people = people_of([tmp_path])
    walters = find(people, "Walter Pritchard")
    assert len(walters) == 2
    assert len(find(people, "Walt Pritchard")) == 1 and find(people, "Walt Pritchard")[0] not in walters
    assert len({p.id for p in people}) == len(people)


def test_calls_of_unknown_company_do_not_merge_executives(tmp_path):
    a = write_call(tmp_path, "Acme", 2024, 1, [("John Smith", "CEO")], [("Ann Lee", None)])
    b = write_call(tmp_path, "Globex", 2024, 1, [("John Smith", "CEO")], [("Bo Kim", None)])
    corpus = load_corpus([a, b])
    for call in corpus.calls:
        call.company = None
    people = identify_people(corpus.calls)
    assert len(find(people, "John Smith")) == 2


def test_text_without_speaker_lines_has_no_person(tmp_path):
    (tmp_path / "acme-2024-q1.txt").write_text(
        "Revenue grew five percent in the quarter.\nWe expect more of the same.\n", encoding="utf-8"
    )
    write_call(tmp_path, "Acme", 2024, 2, [("Ann Baker", "CEO")], [("Bo Kim", "UBS")])
    corpus = load_corpus([tmp_path])
    assert len(corpus.calls) == 2
    people = identify_people(corpus.calls)
    assert sorted(p.name for p in people) == ["Ann Baker", "Bo Kim"]


# -- properties over many made-up corpora -----------------------------------

from array import array  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from transcripts.model import Call, Speaker  # noqa: E402
from transcripts.names import name_key  # noqa: E402

_FIRST = ["Steve", "Steven", "Stephen", "Gene", "C. Eugene", "Jon", "John", "Dana", "Diana", "P."]
_LAST = ["Ashley", "Ashly", "Gatoff", "Gateoff", "Munster", "Muenster", "Chen", "Cheng", "Smith"]
_FIRMS = [None, "Robert Baird", "Robert W. Baird & Co.", "Goldman Sachs", "RBC"]

speaker_st = st.tuples(
    st.sampled_from(_FIRST), st.sampled_from(_LAST),
    st.sampled_from(["executive", "analyst", "unknown", "operator"]), st.sampled_from(_FIRMS),
    st.integers(1, 9),
)
call_st = st.tuples(st.sampled_from(["Acme", "ACME", "Globex", None]), st.lists(speaker_st, max_size=8))


def _calls(spec) -> list[Call]:
    calls = []
    for n, (company, speakers) in enumerate(spec):
        by_key: dict[str, Speaker] = {}
        for first, last, role, firm, turns in speakers:
            name = f"{first} {last}"
            by_key.setdefault(name_key(name), Speaker(name_key(name), name, None, role, firm, turns))
        calls.append(Call(
            id=f"call-{n}", path=f"/x/call-{n}.txt", text="", sha256="", turns=[],
            speakers=list(by_key.values()), sentence_starts=array("i"), sentence_ends=array("i"),
            company=company, fiscal_year=2000 + n // 4, quarter=n % 4 + 1,
        ))
    return calls


@settings(max_examples=60, deadline=None)
@given(st.lists(call_st, max_size=6), st.randoms(use_true_random=False))
def test_every_speaker_belongs_to_exactly_one_person(spec, rnd):
    calls = _calls(spec)
    people = identify_people(calls)
    expected = {(c.id, s.key) for c in calls for s in c.speakers if s.role != "operator"}
    seen = [(a.call, a.speaker) for p in people for a in p.appearances]
    assert sorted(seen) == sorted(expected)
    for p in people:
        assert len({a.call for a in p.appearances}) == len(p.appearances)  # never two speakers of one call
        # an analyst and an executive share a person only through one identical name
        if {"analyst", "executive"} <= {a.role for a in p.appearances}:
            roles_by_name: dict[str, set[str]] = {}
            for a in p.appearances:
                roles_by_name.setdefault(name_key(a.name), set()).add(a.role)
            assert any({"analyst", "executive"} <= r for r in roles_by_name.values())
        if p.role == "executive":
            assert len(p.companies) <= 1
    assert len({p.id for p in people}) == len(people)
    shuffled = list(calls)
    rnd.shuffle(shuffled)
    again = identify_people(shuffled)
    assert [(p.id, p.name, [(a.call, a.speaker) for a in p.appearances]) for p in again] == [
        (p.id, p.name, [(a.call, a.speaker) for a in p.appearances]) for p in people
    ]
