"""Pre-filling a note's fields from the one number or range in a quote."""

from __future__ import annotations

import pytest

from annotations.numbers import prefill


@pytest.mark.parametrize(
    "quote, fields",
    [
        ("we would look for revenues in Q1 to come in at approximately $220 million",
         {"value": 220, "unit": "USD million", "period": "Q1"}),
        ("in the range of $5 to $10 million", {"low": 5, "high": 10, "unit": "USD million"}),
        ("between $5 million and $10 million", {"low": 5, "high": 10, "unit": "USD million"}),
        ("operating margin of 19-20%", {"low": 19, "high": 20, "unit": "%"}),
        ("earnings per share of approximately 13 cents", {"value": 0.13, "unit": "USD per share"}),
        ("revenue of $7.7 billion", {"value": 7.7, "unit": "USD billion"}),
        ("we have 248 million shares outstanding", {"value": 248, "unit": "million shares"}),
        ("$0.13 per share", {"value": 0.13, "unit": "USD per share"}),
        ("we sold over 108,000 web server certificates", {"value": 108000}),
        ("gross margin of 45 percent in the fourth quarter of 2003", {"value": 45, "unit": "%", "period": "Q4 2003"}),
        ("5 to 10 cents", {"low": 0.05, "high": 0.1, "unit": "USD per share"}),
    ],
)
def test_one_number_or_range_prefills(quote, fields):
    assert prefill(quote).fields() == fields


@pytest.mark.parametrize(
    "quote",
    [
        "up 16% sequentially from Q3's 93,000",       # two numbers
        "revenue grew 2.5%, and margins 3%",
        "5 stores and 10 kiosks",                     # "and" without "between" is not a range
        "we did well in 2003",                        # a year is not an amount
        "no numbers here at all",
    ],
)
def test_no_number_or_several_numbers_prefill_nothing(quote):
    assert prefill(quote) is None
