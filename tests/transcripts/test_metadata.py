"""Company, fiscal year and quarter: from the file name when it says so,
otherwise from what is said on the call."""

from __future__ import annotations

import pytest

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from transcripts import parse_file
from transcripts.metadata import from_file_name, from_text, infer

BODY = "Operator\nGood day.\nJane Doe - CFO\nRevenue grew.\n"


@pytest.mark.parametrize(
    "name, company, year, quarter",
    [
        ("ACME_q3_2024.txt", "ACME", 2024, 3),
        ("acme-2024-q3.txt", "Acme", 2024, 3),
        ("Acme 2024Q3.txt", "Acme", 2024, 3),
        ("acme_FY2024_Q3.txt", "Acme", 2024, 3),
        ("acme-3Q24.txt", "Acme", 2024, 3),
        ("acme-4Q2023.txt", "Acme", 2023, 4),
        ("acme_Q3FY24.txt", "Acme", 2024, 3),
        ("acme-fy24-q3.txt", "Acme", 2024, 3),
        ("acme_2024_3q.txt", "Acme", 2024, 3),
        ("acme-q1-03.txt", "Acme", 2003, 1),
        ("Acme-Corp_Q3-2024.txt", "Acme Corp", 2024, 3),
        ("acme-corp-earnings-call-q3-2024.txt", "Acme Corp", 2024, 3),
        ("Acme Corp Q1 2003 Earnings Call.txt", "Acme Corp", 2003, 1),
        ("q3_2024_northwind.txt", "Northwind", 2024, 3),
        ("2024Q3.txt", None, 2024, 3),
        ("2024-10-24 Tesla Q3 2024.txt", "Tesla", 2024, 3),
        ("Netflix (NFLX) Q4 2023 Earnings Call Transcript.txt", "Netflix", 2023, 4),
        ("20240131_acme_q4_2023.txt", "Acme", 2023, 4),
    ],
)
def test_file_name_forms(tmp_path, name, company, year, quarter):
    meta = from_file_name(name)
    assert (meta.company, meta.fiscal_year, meta.quarter) == (company, year, quarter)
    # and a call read from such a file carries them (the text says nothing)
    path = tmp_path / name
    path.write_text(BODY, encoding="utf-8")
    call = parse_file(path)
    assert (call.fiscal_year, call.quarter) == (year, quarter)
    if company:
        assert call.company == company


@pytest.mark.parametrize("name", ["000_8965172836b0001b.txt", "notes.txt", "acme_20240131.txt", "q5_2024.txt"])
def test_file_names_that_say_nothing(name):
    meta = from_file_name(name)
    assert (meta.fiscal_year, meta.quarter) == (None, None)


@pytest.mark.parametrize(
    "text, company, year, quarter",
    [
        ("Good afternoon, everyone and welcome to VeriSign's fourth quarter and fiscal 2003 earnings call.",
         "VeriSign", 2003, 4),
        ("Welcome to the Acme Corporation third quarter 2024 earnings conference call.", "Acme", 2024, 3),
        ("Welcome to Acme's Q3 2024 earnings call.", "Acme", 2024, 3),
        ("Welcome to the Acme Q3 FY2024 call.", "Acme", 2024, 3),
        ("Welcome to the Acme fiscal 2024 third quarter call.", "Acme", 2024, 3),
        ("Welcome to the Acme third quarter of fiscal year 2024 results call.", "Acme", 2024, 3),
        ("Welcome to the First Solar Q2 2021 call.", "First Solar", 2021, 2),
        ("Welcome to the 3M Third-Quarter 2024 Earnings Conference Call.", "3M", 2024, 3),
        ("Welcome to the 7-Eleven Q1 2024 call.", "7-Eleven", 2024, 1),
        ("Welcome to the 2024 first quarter call of Acme.", None, 2024, 1),
        # the first period named is the call's own; later ones are guidance
        ("Welcome to the Acme Q3 2024 call. For the fourth quarter of 2024 we expect growth.", "Acme", 2024, 3),
        # a quarter and a date: the date settles the year
        ("Welcome to the VeriSign Q1 Earnings Conference Call. We expect to file before May 15, 2003.",
         "VeriSign", 2003, 1),
        # a fourth-quarter call is held early in the next calendar year
        ("Welcome to the Acme Q4 call. Today is January 28, 2004.", "Acme", 2003, 4),
    ],
)
def test_text_route(text, company, year, quarter):
    meta = from_text(text)
    assert (meta.company, meta.fiscal_year, meta.quarter) == (company, year, quarter)


@pytest.mark.parametrize(
    "title, company, year, quarter",
    [
        ("Acme Corp (ACME) Q3 2024 Earnings Call Transcript", "Acme", 2024, 3),
        ("Q3 2024 Apple Inc Earnings Call", "Apple", 2024, 3),
        ("Apple Inc. (NASDAQ:AAPL) Q3 2024 Earnings Conference Call August 1, 2024 5:00 PM ET", "Apple", 2024, 3),
        ("Microsoft Corporation FY2024 Q3 results", "Microsoft", 2024, 3),
        ("Hewlett-Packard Company 3Q 2024 Earnings", "Hewlett-Packard", 2024, 3),
        ("Acme 4Q23 results call", "Acme", 2023, 4),
        ("Acme Q3-2024", "Acme", 2024, 3),
    ],
)
def test_title_line_when_nobody_says_welcome(title, company, year, quarter):
    meta = from_text(title + "\nOperator\nGood day, everyone.\n")
    assert (meta.company, meta.fiscal_year, meta.quarter) == (company, year, quarter)


@pytest.mark.parametrize("first_line", ["In Q3 we grew revenue.", "Thank you Q3 2024 was great", "Operator"])
def test_speech_on_the_first_line_is_not_a_company(first_line):
    assert from_text(first_line + "\nJane Doe - CFO\nThanks.").company is None


def test_text_that_names_no_period():
    meta = from_text("Operator\nWelcome to the call.\nJane Doe - CFO\nThanks.")
    assert (meta.fiscal_year, meta.quarter) == (None, None)


def test_file_name_wins_over_the_text_and_the_text_fills_the_gaps():
    text = "Welcome to the VeriSign Q1 Earnings Conference Call. Revenue grew in fiscal 2003."
    named = infer("acme_q3_2024.txt", text)
    assert (named.company, named.fiscal_year, named.quarter) == ("Acme", 2024, 3)
    unnamed = infer("000_8965172836b0001b.txt", text)
    assert (unnamed.company, unnamed.fiscal_year, unnamed.quarter) == ("VeriSign", 2003, 1)


def test_a_file_name_that_says_all_still_takes_the_date_from_the_header():
    meta = infer("acme-2024-q3.txt", "Acme Corp Q3 2024 Earnings Call\nOctober 24, 2024\n\nOperator\nHello.\n")
    assert (meta.company, meta.fiscal_year, meta.quarter, meta.date) == ("Acme", 2024, 3, "2024-10-24")


@pytest.mark.parametrize("name, quarter", [(Q4_2003, 4), (Q1_2003, 1)])
def test_samples_keep_names_that_say_nothing_and_the_text_route_works(name, quarter):
    assert from_file_name(name).quarter is None
    call = parse_file(SAMPLES / name)
    assert (call.company, call.fiscal_year, call.quarter) == ("VeriSign", 2003, quarter)
