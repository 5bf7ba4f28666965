"""Suggestions on the two sample calls, checked by hand against the calls."""

from __future__ import annotations

import pytest

from annotations.suggest import suggest_call
from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from transcripts.corpus import parse_file


@pytest.fixture(scope="module")
def q4():
    return parse_file(SAMPLES / Q4_2003)


@pytest.fixture(scope="module")
def q1():
    return parse_file(SAMPLES / Q1_2003)


def _find(suggestions, words):
    return next((s for s in suggestions if words in s.text), None)


def test_dana_evans_q1_2004_revenue_guide_is_suggested_with_its_fields(q4):
    top = suggest_call(q4)
    assert len(top) == 16
    guide = _find(top, "look for revenues in Q1 to come in at approximately $220 million")
    assert guide is not None, [s.text[:60] for s in top]
    assert guide.tags == ["guidance"]
    assert guide.speaker == "Dana Evan"
    assert guide.fields["metric"] == "revenue"
    assert guide.fields["value"] == 220
    assert guide.fields["unit"] == "USD million"
    assert guide.fields["period"] == "Q1 2004"
    assert "EVP and CFO" in guide.reason and "prepared remarks" in guide.reason


def test_a_reported_figure_that_mentions_guidance_is_a_metric_of_the_calls_quarter(q4):
    eps = _find(suggest_call(q4, limit=None), "Pro forma earnings per share for Q4 was 17 cents")
    assert eps is not None
    assert eps.tags == ["metric"]
    assert eps.fields == {"metric": "EPS", "value": 0.17, "unit": "USD per share", "period": "Q4 2003"}


def test_q1_2003_eps_and_the_q2_revenue_range(q1):
    top = suggest_call(q1)
    eps = _find(top, "pro forma earnings per share for Q1 was $0.14")
    assert eps is not None and eps.tags == ["metric"] and eps.fields["period"] == "Q1 2003"
    assert eps is top[0], "the quarter's EPS is the headline figure"
    q2 = _find(top, "we look for revenue in Q2 to be down slightly")
    assert q2 is not None and q2.tags == ["guidance"]
    assert (q2.fields["low"], q2.fields["high"], q2.fields["period"]) == (260, 265, "Q2 2003")


@pytest.mark.parametrize("which", ["q1", "q4"])
def test_every_suggestion_is_exact_text_of_management_with_a_figure(which, request):
    call = request.getfixturevalue(which)
    top = suggest_call(call, limit=None)
    assert top, "a call full of figures gets suggestions"
    for s in top:
        assert call.text[s.start : s.end] == s.text
        assert any(ch.isdigit() for ch in s.text)
        assert 0 <= s.score <= 100
    best16 = top[:16]
    roles = {call.turns[s.turn].speaker.role for s in best16}
    assert roles <= {"executive", "unknown"}, "analysts ask and the operator hosts; neither reports figures"


def test_annotated_spans_are_not_proposed_again(q4):
    first = suggest_call(q4, limit=3)
    again = suggest_call(q4, limit=3, exclude=[(s.start, s.end) for s in first])
    assert not {(s.start, s.end) for s in first} & {(s.start, s.end) for s in again}


def test_tag_filter_keeps_only_that_tag(q4):
    assert {s.tag for s in suggest_call(q4, tag="guidance")} == {"guidance"}
    assert {s.tag for s in suggest_call(q4, tag="metric")} == {"metric"}
