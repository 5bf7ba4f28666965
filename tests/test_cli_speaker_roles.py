"""Who is an analyst, which firm they are with, and who is one person across
calls, through `earmark show --json` and `earmark speakers --json`.

The family: operators introduce analysts "of", "with", "from" or "at" a firm,
say more or less of the name than the speaker line (a middle name, a
suffix), and analysts carry titles a company's own people carry too
("Partner", "Managing Director", "Head of ...")."""

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


def write_call(folder: Path, name: str, cfo: str, analyst_line: str, intro: str, period: str) -> Path:
    path = folder / name
    path.write_text(
        f"Operator\nGood day and welcome to the Acme {period} earnings call. "
        f"I will now turn the call over to our CFO.\n"
        f"{cfo} -- Chief Financial Officer\nThank you. Revenue grew 12% this quarter.\n"
        f"Operator\nWe will now begin the question-and-answer session. {intro} Please go ahead.\n"
        f"{analyst_line}\nThanks. How is demand in the quarter?\n"
        f"{cfo} -- Chief Financial Officer\nDemand is strong.\n"
        "Operator\nThat concludes our question-and-answer session.\n",
        encoding="utf-8",
    )
    return path


def show(capsys, path: Path) -> dict:
    code, out, _ = earmark(capsys, "show", path, "--json")
    assert code == 0
    return json.loads(out)


def speaker(doc: dict, name: str) -> dict:
    return next(s for s in doc["speakers"] if s["name"] == name)


@pytest.mark.parametrize("title", [
    "Partner of US Life Insurance", "Managing Director", "Director", "Head of Equity Research",
    "Vice President", "Principal",
])
@pytest.mark.parametrize("intro", [
    "Our first question comes from Erik Bass of Autonomous Research.",
    "Our first question comes from Erik Bass with Autonomous Research.",
    "The first question is from the line of Erik Bass from Autonomous Research.",
    "We go first to Erik Bass at Autonomous Research.",
])
def test_an_analyst_with_an_executive_sounding_title_is_an_analyst(tmp_path, capsys, title, intro):
    path = write_call(tmp_path, "acme-2021-q2.txt", "Jane Roe", f"Erik James Bass -- {title}", intro,
                      "second quarter 2021")
    doc = show(capsys, path)
    bass = speaker(doc, "Erik James Bass")
    assert bass["role"] == "analyst" and bass["firm"] == "Autonomous Research"
    # his exchange is in the Q&A outline (the pane and `]` read these)
    assert [e["analyst"] for e in doc["exchanges"]] == ["Erik James Bass"]


def test_an_executive_who_speaks_in_the_prepared_remarks_keeps_the_role(tmp_path, capsys):
    path = write_call(tmp_path, "acme-2021-q2.txt", "Jane Roe", "Sam Lee -- Analyst",
                      "Our first question comes from Sam Lee of UBS.", "second quarter 2021")
    text = path.read_text().replace(
        "Operator\nWe will now begin",
        "Mark Poe -- Managing Director\nOur strategy is unchanged, as Mark Poe of Acme Capital said.\n"
        "Operator\nWe will now begin")
    path.write_text(text)
    doc = show(capsys, path)
    assert speaker(doc, "Mark Poe")["role"] == "executive"
    assert speaker(doc, "Sam Lee")["role"] == "analyst"


@pytest.mark.parametrize("intro, line", [
    ("Our first question comes from Nicole Miller with Piper Sandler.", "Nicole Miller"),
    ("Our first question comes from Nicole Miller Regan with Piper Sandler.", "Nicole Miller"),
    ("Our first question comes from Nicole Miller of Piper Sandler.", "Nicole Miller -- Analyst"),
    ("Next, we have Nicole Miller from Piper Sandler.", "Nicole Miller -- Analyst"),
    ("Our first question comes from Andrew Gregory Jr. with Piper Sandler.", "Andrew Gregory Jr. -- Analyst"),
    ("Our first question comes from Andrew Gregory III of Piper Sandler.", "Andrew Gregory III -- Analyst"),
])
def test_a_firm_only_the_operator_names_is_attached(tmp_path, capsys, intro, line):
    path = write_call(tmp_path, "acme-2021-q2.txt", "Jane Roe", line, intro, "second quarter 2021")
    doc = show(capsys, path)
    name = line.split(" -- ")[0]
    assert speaker(doc, name)["firm"] == "Piper Sandler"


def people(capsys, folder: Path) -> list[dict]:
    code, out, _ = earmark(capsys, "speakers", folder, "--json")
    assert code == 0
    return json.loads(out)["speakers"]


def test_an_analyst_is_one_person_across_calls_whatever_the_title(tmp_path, capsys):
    write_call(tmp_path, "acme-2021-q2.txt", "Jane Roe", "Erik James Bass -- Partner of US Life Insurance",
               "Our first question comes from Erik Bass of Autonomous Research.", "second quarter 2021")
    write_call(tmp_path, "acme-2021-q3.txt", "Jane Roe", "Erik Bass -- Autonomous Research -- Analyst",
               "Our first question comes from Erik Bass with Autonomous Research.", "third quarter 2021")
    found = [p for p in people(capsys, tmp_path) if "Bass" in p["name"]]
    assert len(found) == 1
    assert found[0]["role"] == "analyst" and len(found[0]["calls"]) == 2


@pytest.mark.parametrize("long_name, short_name", [
    ("Andrew Jamie Gregory Jr.", "Jamie Gregory"),
    ("Andrew Jamie Gregory, Jr.", "Jamie Gregory"),
    ("William Thomas Moss III", "Thomas Moss"),
    ("J. Robert Hale", "Bob Hale"),
])
def test_a_middle_name_used_as_first_name_is_one_person(tmp_path, capsys, long_name, short_name):
    write_call(tmp_path, "acme-2021-q2.txt", long_name, "Sam Lee -- Analyst",
               "Our first question comes from Sam Lee of UBS.", "second quarter 2021")
    write_call(tmp_path, "acme-2021-q3.txt", short_name, "Sam Lee -- Analyst",
               "Our first question comes from Sam Lee of UBS.", "third quarter 2021")
    executives = [p for p in people(capsys, tmp_path) if p["role"] == "executive"]
    assert len(executives) == 1
    # (a comma before the suffix is not part of the name as shown)
    assert {executives[0]["name"], *executives[0]["aliases"]} == {long_name.replace(",", ""), short_name}


def test_two_people_who_share_only_a_surname_stay_two(tmp_path, capsys):
    write_call(tmp_path, "acme-2021-q2.txt", "Andrew Jamie Gregory", "Sam Lee -- Analyst",
               "Our first question comes from Sam Lee of UBS.", "second quarter 2021")
    write_call(tmp_path, "acme-2021-q3.txt", "Karen Gregory", "Sam Lee -- Analyst",
               "Our first question comes from Sam Lee of UBS.", "third quarter 2021")
    executives = [p for p in people(capsys, tmp_path) if p["role"] == "executive"]
    assert len(executives) == 2
