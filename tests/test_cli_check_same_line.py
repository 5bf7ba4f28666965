"""`earmark check` names every problem on a line, not just the first: an
annotation written as one flow mapping can break several rules at once, and
a user fixing them one run at a time would be told "1 error" each time.
The same place flagged by two checks (the corpus reading the ``call:``
block, and the annotation check) is still reported once."""

from __future__ import annotations

import json

from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.cli import main


def test_every_error_on_one_line_is_reported(samples_copy, capsys):
    side = sidecar_path(samples_copy / Q4_2003)
    side.write_text("version: 1\nannotations:\n- {id: abc123, start: -5, end: -1, tags: 5, quote: x}\n")
    assert main(["check", str(samples_copy), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    on_line_3 = [p["message"] for p in doc["problems"] if p["path"] == str(side) and p["line"] == 3]
    assert any("'start'" in m for m in on_line_3)
    assert any("'end'" in m for m in on_line_3)
    assert any("'tags'" in m for m in on_line_3)
    assert doc["error_count"] == len(on_line_3) >= 3

    assert main(["check", str(samples_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.startswith(f"{side}:3: ")]) == len(on_line_3)


def test_a_broken_file_seen_by_two_checks_is_reported_once(samples_copy, capsys):
    side = sidecar_path(samples_copy / Q4_2003)
    side.write_text("version: 1\ncall:\n  company: [Acme\nannotations: []\n")
    assert main(["check", str(samples_copy), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    mine = [p for p in doc["problems"] if p["path"] == str(side)]
    assert len(mine) == 1 and mine[0]["severity"] == "error"
