"""Company, year and quarter filters asked of many calls at once judge each
name once, and allow exactly the calls asking each call alone allows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts.catalog.entry import CallEntry
from transcripts.company_names import company_names
from transcripts.search.query import Filter, call_matcher, name_matches

NAMES = ["Acme Systems", "Acme Foods", "Beacon Energy", "Cobalt Labs", "Nimbus Retail", "Hooli Networks"]
TICKERS = [None, "ACME", "BCN", "CBLT", "NIM"]
VALUES = ["acme", "acm", "acme sys", "beacon", "becon", "labs", "nimbus retail", "hooli", "cbl", "zeta", "2023"]


def entry(i: int, company: str | None, ticker: str | None, year: int, quarter: int) -> CallEntry:
    slug = (company or ticker or "unknown").lower().replace(" ", "-")
    return CallEntry(id=f"{slug}-{year}-q{quarter}", path=f"/calls/{i}.txt", sha256="0" * 64,
                     company=company, ticker=ticker, fiscal_year=year, quarter=quarter)


calls = st.lists(st.tuples(st.sampled_from([*NAMES, None]), st.sampled_from(TICKERS),
                           st.integers(2019, 2024), st.integers(1, 4)), min_size=1, max_size=40)
filters = st.lists(st.one_of(
    st.builds(Filter, st.just("company"), st.sampled_from(VALUES)),
    st.builds(Filter, st.just("year"), st.sampled_from(["2020", "2023", "2024"])),
    st.builds(Filter, st.just("quarter"), st.sampled_from(["1", "4"])),
), min_size=1, max_size=4)


def asked_alone(call: CallEntry, fs: list[Filter]) -> bool:
    """The rule as written for one call: every key's values, companies by name."""
    for key, have in (("year", str(call.fiscal_year)), ("quarter", str(call.quarter))):
        values = {f.value for f in fs if f.key == key}
        if values and have not in values:
            return False
    companies = [f.value for f in fs if f.key == "company"]
    return not companies or any(name_matches(v, company_names(call)) for v in companies)


@settings(max_examples=200, deadline=None)
@given(calls, filters)
def test_one_matcher_for_many_calls_allows_what_each_call_alone_allows(rows, fs):
    entries = [entry(i, *row) for i, row in enumerate(rows)]
    matches = call_matcher(fs)
    assert [matches(e) for e in entries] == [asked_alone(e, fs) for e in entries]


def test_a_company_filter_allows_every_quarter_of_that_company_and_forgives_a_typo():
    entries = [entry(i, "Beacon Energy", "BCN", 2020 + i // 4, i % 4 + 1) for i in range(12)]
    entries.append(entry(99, "Cobalt Labs", None, 2021, 1))
    allowed = call_matcher([Filter("company", "becon")])
    assert [e.company for e in entries if allowed(e)] == ["Beacon Energy"] * 12
    by_ticker = call_matcher([Filter("company", "bcn"), Filter("year", "2021")])
    assert [e.id for e in entries if by_ticker(e)] == [e.id for e in entries[4:8]]
