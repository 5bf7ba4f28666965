"""The fields of a suggestion, on a table of the ways calls state figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.suggest.fields import extract_fields
from annotations.suggest.scoring import Context, figures, names_future_period, score_sentences

# (sentence, is guidance, expected fields) on a call for Q4 2003.
TABLE = [
    ("We expect Q1 revenue of $215 to $220 million.", True,
     {"metric": "revenue", "low": 215, "high": 220, "unit": "USD million", "period": "Q1 2004"}),
    ("Revenue for the quarter was $252 million, up 4% sequentially.", False,
     {"metric": "revenue", "value": 252, "unit": "USD million", "period": "Q4 2003"}),
    ("We reported $270 million of revenue for the fourth quarter.", False,
     {"metric": "revenue", "value": 270, "unit": "USD million", "period": "Q4 2003"}),
    ("Diluted earnings per share were $1.24, compared to $1.10 a year ago.", False,
     {"metric": "EPS", "value": 1.24, "unit": "USD per share", "period": "Q4 2003"}),
    ("Pro forma earnings per share for Q4 was 17 cents.", False,
     {"metric": "EPS", "value": 0.17, "unit": "USD per share", "period": "Q4 2003"}),
    ("GAAP loss per share was $(0.06).", False,
     {"metric": "EPS", "value": -0.06, "unit": "USD per share", "period": "Q4 2003"}),
    ("Gross margin expanded 150 basis points.", False,
     {"metric": "gross margin", "value": 150, "unit": "bps", "period": "Q4 2003"}),
    ("We expect same-store sales to grow in the low single digits.", True,
     {"metric": "same-store sales", "low": 1, "high": 3, "unit": "%", "qualifier": "low single digits"}),
    ("For 2004 we see operating margin flat to up slightly.", True,
     {"metric": "operating margin", "low": 0, "unit": "%", "qualifier": "flat to up slightly", "period": "FY2004"}),
    ("We now expect full-year EPS between $2.10 and $2.20, raising our prior guidance.", True,
     {"metric": "EPS", "low": 2.1, "high": 2.2, "unit": "USD per share", "period": "FY2004", "direction": "raised"}),
    ("We are reaffirming our outlook for fiscal 2004 revenue of $1.1 billion.", True,
     {"metric": "revenue", "value": 1.1, "unit": "USD billion", "period": "FY2004", "direction": "maintained"}),
    ("We are lowering our guidance for next quarter to 19-20% growth.", True,
     {"low": 19, "high": 20, "unit": "%", "period": "Q1 2004", "direction": "lowered"}),
    ("Capital expenditures should be approximately $100 to $110 million for the year.", True,
     {"metric": "capital expenditures", "low": 100, "high": 110, "unit": "USD million", "period": "FY2004"}),
]


@pytest.mark.parametrize(("sentence", "guidance", "expected"), TABLE, ids=[t[0][:40] for t in TABLE])
def test_fields_of_each_phrasing(sentence, guidance, expected):
    assert extract_fields(sentence, guidance=guidance, call_quarter=4, call_year=2003) == expected


def test_a_fiscal_company_s_periods_are_labelled_fiscal():
    fields = extract_fields("Revenue for the quarter was $2.1 billion.", guidance=False,
                            call_quarter=4, call_year=2021, fiscal=True)
    assert fields["period"] == "FY2021 Q4"
    guide = extract_fields("We expect first quarter revenue of $2.2 billion.", guidance=True,
                           call_quarter=4, call_year=2021, fiscal=True)
    assert guide["period"] == "FY2022 Q1"


@pytest.mark.parametrize(("text", "future"), [
    ("we look for revenue in Q1 to be", True),      # on a Q4 call, Q1 is ahead
    ("compared to the third quarter", False),       # the quarter before
    ("up from Q4 of 2002", False),
    ("for fiscal 2004", True),
    ("in the first quarter of 2004", True),
    ("for 2003 as a whole", False),
])
def test_a_later_period_is_told_from_a_comparison(text, future):
    assert names_future_period(text, 4, 2003) is future


def test_figures_are_values_without_quarter_digits():
    assert figures("q1 revenue rose 2.5 percent to $1,820 million") == figures("Q1: 1820 and 2.50")


def test_a_forward_sentence_is_guidance_and_a_result_is_a_metric():
    ctx = [Context("executive", "CFO", "prepared", 4, 2003)] * 2
    forward, result = score_sentences(
        ["We expect Q1 revenue of $215 to $220 million.", "Revenue for the quarter was $252 million."], ctx
    )
    assert forward.guidance and not result.guidance


def test_an_analyst_quoting_a_figure_ranks_below_the_cfo_saying_it():
    sentence = "Revenue for the quarter was $252 million, up 4% sequentially."
    cfo, analyst = score_sentences(
        [sentence, sentence],
        [Context("executive", "EVP and CFO", "prepared"), Context("analyst", "", "qa")],
    )
    assert cfo.score > analyst.score


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=8), st.booleans(),
       st.one_of(st.none(), st.integers(1, 4)), st.one_of(st.none(), st.integers(1990, 2040)))
def test_scoring_and_fields_never_raise(texts, guidance, quarter, year):
    for scored in score_sentences(texts, [Context(quarter=quarter, year=year)] * len(texts)):
        assert 0 <= scored.score <= 100
        assert 0 <= scored.index < len(texts)
    for text in texts:
        fields = extract_fields(text, guidance=guidance, call_quarter=quarter, call_year=year)
        assert set(fields) <= {"metric", "value", "low", "high", "unit", "period", "qualifier", "direction"}
