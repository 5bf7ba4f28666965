"""`earmark tag --find`: the words a user typed, whatever their case and
spacing, and a miss that says what was searched."""

from __future__ import annotations

import json

from tests.conftest import Q4_2003
from tui.cli import main


def _only_annotation(path, capsys) -> dict:
    capsys.readouterr()
    assert main(["annotations", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["annotations"]
    assert len(rows) == 1
    return rows[0]


def test_find_ignores_case(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", "WE WOULD LOOK FOR REVENUES in q1", "--tag", "guidance"]) == 0
    row = _only_annotation(q4, capsys)
    # the quote is the transcript's own spelling, not what was typed
    assert row["quote"] == "we would look for revenues in Q1"


def test_find_tolerates_spacing_and_line_breaks(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", "  we   would\nlook\tfor  revenues ", "--tag", "guidance"]) == 0
    assert _only_annotation(q4, capsys)["quote"] == "we would look for revenues"


def test_find_matches_across_a_line_break_in_the_file(tmp_path, capsys):
    call = tmp_path / "acme-2024-q3.txt"
    call.write_text(
        "Operator\nWelcome to the Acme third quarter 2024 earnings call.\n\n"
        "Jane Roe - CFO\nRevenue was up\n12% in the quarter.\n"
    )
    assert main(["tag", str(call), "--find", "up 12%", "--tag", "metric"]) == 0
    assert _only_annotation(call, capsys)["quote"] == "up\n12%"


def test_a_miss_names_the_file_and_what_was_searched(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", "no such words anywhere", "--tag", "metric"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    line = err[0]
    assert line.startswith(f"{q4}: text not found: 'no such words anywhere'")
    assert "ignoring case" in line and "characters" in line
