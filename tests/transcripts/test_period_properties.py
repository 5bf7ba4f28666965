"""Period inference never fails on any text, and what it says hangs
together: a year has a source and a confidence, and a missing year has
neither."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts.metadata import infer

_PIECES = st.sampled_from([
    "second quarter", "Q2", "2Q", "fiscal", "FY", "2019", "2020", "'21", "compared to the", "versus",
    "ended May 30,", "since the", "guidance", "Welcome to the Acme", "earnings call", ".", ",", " ", "\n",
    "$1.5 million", "from", "to", "January 28, 2004", "fourth quarter of fiscal", "Q4 FY2021",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=60).map(" ".join))
NAMES = st.sampled_from(["call.txt", "DRI_q4_2020.txt", "acme-2024-q3.txt", "Q2.txt", "FY21_q1.txt"])


@settings(max_examples=300, deadline=None)
@given(NAMES, TEXTS)
def test_infer_never_fails_and_says_how_sure(name, text):
    meta = infer(name, text)
    if meta.fiscal_year is None:
        assert meta.period_source == "" and meta.period_confidence == ""
    else:
        assert meta.period_source in ("call", "inferred", "file name")
        assert meta.period_confidence in ("high", "medium", "low")
        assert 1900 <= meta.fiscal_year <= 2100
    assert meta.quarter in (None, 1, 2, 3, 4)
    assert all("\n" not in w for w in meta.warnings)
