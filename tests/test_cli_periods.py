"""The period a call states wins; a year the opening leaves out is read from
the rest of the call, with how sure that is; a fiscal year that is not the
calendar year stays fiscal; the company comes from the call when the file
name is only a ticker. Run through the command line, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import cli


def earmark(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def call_file(folder: Path, name: str, opening: str, body: str = "") -> Path:
    path = folder / name
    path.write_text(
        f"Operator\n{opening}\n"
        "Jane Roe - Chief Financial Officer\n"
        f"Thank you. {body}\n"
        "Operator\nWe will now begin the question-and-answer session. Our first question comes from "
        "Sam Lee with UBS.\n"
        "Sam Lee - Analyst\nHow is demand?\n"
        "Jane Roe - Chief Financial Officer\nStrong.\n",
        encoding="utf-8",
    )
    return path


def calls_json(capsys, *paths) -> list[dict]:
    code, out, _ = earmark(capsys, "calls", *paths, "--json")
    return json.loads(out)["calls"]


# -- the year from the rest of the call ------------------------------------------------

OPENINGS_WITHOUT_YEAR = [
    ("Good day and welcome to the Acme Second Quarter Earnings Conference Call.", 2),
    ("Welcome to Acme's second-quarter earnings call.", 2),
    ("Ladies and gentlemen, thank you for standing by, and welcome to the Q2 Acme Corp earnings call.", 2),
    ("Hello, and welcome to Acme's Third Quarter Results Conference Call.", 3),
    ("Welcome to the Fourth Quarter Earnings Call for Acme Industries.", 4),
    ("Good morning. My name is Tia and I will be your conference operator. Welcome to the "
     "Acme first quarter conference call.", 1),
]

BODIES = [
    # (body, quarter -> the year it points to)
    ("Revenue of $120 million was up 12% compared to the {q} quarter of 2019.", 2020),
    ("Sales rose 8% versus the {q} quarter of 2021, driven by price.", 2022),
    ("In the {q} quarter of 2020 we delivered record bookings.", 2020),
    ("Net income for the {q} quarter of 2023 was $4 million, and we are raising our 2023 guidance.", 2023),
]
_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@pytest.mark.parametrize("opening, quarter", OPENINGS_WITHOUT_YEAR)
@pytest.mark.parametrize("body, year", BODIES)
def test_a_year_the_opening_leaves_out_is_read_from_the_call(tmp_path, capsys, opening, quarter, body, year):
    path = call_file(tmp_path, "call.txt", opening, body.format(q=_WORDS[quarter]))
    (call,) = calls_json(capsys, path)
    assert (call["quarter"], call["fiscal_year"]) == (quarter, year)
    assert call["period_source"] == "inferred"
    assert call["period_confidence"] in ("medium", "low")
    assert str(year - 1) in call["period_evidence"] or str(year) in call["period_evidence"]


def test_guidance_for_the_next_quarter_dates_a_fourth_quarter_call(tmp_path, capsys):
    path = call_file(tmp_path, "call.txt", "Welcome to the Acme Fourth Quarter Earnings Call.",
                     "For the first quarter of 2022 we expect revenue of $80 million. "
                     "Compared with the fourth quarter of 2020, margins improved.")
    (call,) = calls_json(capsys, path)
    assert (call["quarter"], call["fiscal_year"]) == (4, 2021)


def test_a_guess_with_little_to_go_on_is_a_warning_in_check(tmp_path, capsys):
    path = call_file(tmp_path, "call.txt", "Welcome to the Acme Second Quarter Earnings Call.",
                     "Our plan for the rest of 2024 is unchanged.")
    (call,) = calls_json(capsys, path)
    assert call["fiscal_year"] == 2024 and call["period_confidence"] == "low"
    code, out, _ = earmark(capsys, "check", path)
    line = next(ln for ln in out.splitlines() if "2024" in ln)
    assert line.startswith(f"{path}: warning: ") and "low confidence" in line


def test_check_says_how_sure_an_inferred_year_is(tmp_path, capsys):
    path = call_file(tmp_path, "call.txt", "Welcome to the Acme Second Quarter Earnings Call.",
                     "Revenue was up 9% compared to the second quarter of 2019. "
                     "In the second quarter of 2020 we opened four plants.")
    code, out, err = earmark(capsys, "check", path)
    assert code == 0
    assert f"{path}: period Q2 2020: year inferred from the call" in err
    assert "medium confidence" in err


def test_a_stated_period_says_so(tmp_path, capsys):
    path = call_file(tmp_path, "call.txt", "Welcome to the Acme third quarter 2024 earnings call.")
    (call,) = calls_json(capsys, path)
    assert call["period"] == "Q3 2024"
    assert (call["period_source"], call["period_confidence"]) == ("call", "high")
    assert call["period_evidence"] == "third quarter 2024"


# -- the file name against the call ------------------------------------------------------

@pytest.mark.parametrize("opening", [
    "Good morning and welcome to the ADM fourth quarter and full year 2019 earnings conference call.",
    "Welcome to Acme's Q4 2019 earnings call.",
    "Welcome to the Acme Corporation 2019 fourth quarter results call.",
    "Thank you for joining the Acme fourth quarter of fiscal 2019 conference call.",
])
def test_the_call_beats_a_file_name_that_contradicts_it_and_check_warns(tmp_path, capsys, opening):
    path = call_file(tmp_path, "ADM_q4_2020.txt", opening,
                     "Revenue grew 5% compared to the fourth quarter of 2018.")
    (call,) = calls_json(capsys, path)
    assert (call["quarter"], call["fiscal_year"]) == (4, 2019)
    assert call["period_source"] == "call"
    code, out, _ = earmark(capsys, "check", path)
    warning = [ln for ln in out.splitlines() if "file name says Q4 2020" in ln]
    assert len(warning) == 1 and warning[0].startswith(f"{path}: warning: ")
    assert "the call says Q4 2019" in warning[0]


def test_a_file_name_that_agrees_is_not_a_warning(tmp_path, capsys):
    path = call_file(tmp_path, "ADM_q4_2019.txt", "Welcome to the ADM fourth quarter 2019 call.")
    code, out, _ = earmark(capsys, "check", path)
    assert code == 0 and out == ""


def test_a_file_name_beats_a_guess(tmp_path, capsys):
    path = call_file(tmp_path, "acme_q2_2021.txt", "Welcome to the Acme Second Quarter Earnings Call.",
                     "Our plan for the rest of 2024 is unchanged.")
    (call,) = calls_json(capsys, path)
    assert (call["fiscal_year"], call["period_source"]) == (2021, "file name")


# -- fiscal years that are not calendar years ------------------------------------------

FISCAL_CASES = [
    # (opening, body, the fiscal year is not the calendar year)
    ("Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.",
     "Sales for the fourth quarter ended May 30, 2021 were $2.3 billion.", True),
    ("Welcome to the Apple Q4 fiscal 2021 earnings call.",
     "Revenue for the fourth fiscal quarter, which ended September 25, set a record.", True),
    ("Good afternoon and welcome to Microsoft's fiscal year 2022 first quarter earnings conference call. "
     "Today is October 26, 2021.", "", True),
    ("Good morning and welcome to the First Bank fourth quarter 2021 earnings call. Today is January 18, 2022.",
     "Net income for the fourth quarter ended December 31, 2021 was $1 billion.", False),
    ("Welcome to VeriSign's fourth quarter and fiscal 2003 earnings call.", "", False),
    ("Welcome to Acme's fiscal 2024 third quarter call.", "The third quarter ended October 1, 2024.", False),
]


@pytest.mark.parametrize("opening, body, non_calendar", FISCAL_CASES)
def test_a_fiscal_year_that_is_not_the_calendar_year_is_labelled_fiscal(tmp_path, capsys, opening, body,
                                                                         non_calendar):
    path = call_file(tmp_path, "call.txt", opening, body)
    (call,) = calls_json(capsys, path)
    q, y = call["quarter"], call["fiscal_year"]
    if non_calendar:
        assert call["fiscal_calendar"] == "non-calendar" and call["period"] == f"FY{y} Q{q}"
    else:
        assert call["fiscal_calendar"] == "calendar" and call["period"] == f"Q{q} {y}"


# -- the company from the call when the file name is only a ticker -----------------------

@pytest.mark.parametrize("name, opening, company", [
    ("DRI_q4_2021.txt", "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.",
     "Darden Restaurants"),
    ("AAPL-2021-Q4.txt", "Good afternoon, and welcome to the Apple Q4 fiscal year 2021 earnings conference call.",
     "Apple"),
    ("call-2024-q3.txt", "Welcome to the Northwind Traders third quarter 2024 earnings call.", "Northwind Traders"),
])
def test_the_company_comes_from_the_call_when_the_file_name_is_a_ticker(tmp_path, capsys, name, opening, company):
    path = call_file(tmp_path, name, opening)
    (call,) = calls_json(capsys, path)
    assert call["company"] == company


def test_a_ticker_file_name_is_kept_as_the_ticker(tmp_path, capsys):
    path = call_file(tmp_path, "DRI_q4_2021.txt",
                     "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.")
    (call,) = calls_json(capsys, path)
    assert (call["company"], call["ticker"]) == ("Darden Restaurants", "DRI")


def test_a_named_company_in_the_file_name_is_kept(tmp_path, capsys):
    path = call_file(tmp_path, "acme-2024-q3.txt", "Welcome to the Acme Corporation third quarter 2024 call.")
    (call,) = calls_json(capsys, path)
    assert call["company"] == "Acme"


# -- a company's names in search: the ticker too ------------------------------------------

def test_company_filter_matches_the_name_and_the_ticker(tmp_path, capsys):
    named = call_file(tmp_path, "DRI_q4_2021.txt",
                      "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.",
                      "Same-restaurant sales grew strongly.")
    silent = call_file(tmp_path, "DRI_q3_2021.txt", "Welcome to the third quarter 2021 call.",
                       "Same-restaurant sales grew again.")
    calls = calls_json(capsys, tmp_path)
    assert {c["company"] for c in calls} == {"Darden Restaurants"}  # one company in the calls pane
    for query in ("company:darden sales", "company:dri sales", "company:DRI sales"):
        code, out, _ = earmark(capsys, "search", query, tmp_path, "--json")
        assert code == 0
        assert {h["path"] for h in json.loads(out)["hits"]} == {str(named), str(silent)}, query


def test_search_results_label_a_fiscal_quarter_as_fiscal(tmp_path, capsys):
    call_file(tmp_path, "DRI_q4_2021.txt",
              "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.",
              "Sales for the fourth quarter ended May 30, 2021 were $2.3 billion.")
    code, out, _ = earmark(capsys, "search", "sales", tmp_path)
    assert code == 0 and out.splitlines()[0].startswith("Darden Restaurants FY2021 Q4")


def test_evidence_from_a_file_never_carries_terminal_control_text(tmp_path, capsys):
    path = call_file(tmp_path, "call.txt", "Welcome to the Acme Second Quarter Earnings Call.",
                     "Our plan for the rest of 2024 \x1b]0;owned\x07 is unchanged.")
    code, out, err = earmark(capsys, "check", path)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "2024" in out
