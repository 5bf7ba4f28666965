"""`earmark suggest`, run as a user would."""

from __future__ import annotations

import json

import yaml

from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.cli import main


def test_json_shape_and_exact_offsets(samples_copy, capsys):
    assert main(["suggest", str(samples_copy), "--limit", "5", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = doc["suggestions"]
    assert len(rows) == 10  # 5 for each of the two calls
    texts = {}
    for r in rows:
        assert set(r) >= {"call", "start", "end", "text", "tags", "score", "fields", "reason", "speaker"}
        assert r["tags"][0] in ("metric", "guidance")
        assert r["call"] in ("verisign-2003-q1", "verisign-2003-q4")
        path = samples_copy / (Q4_2003 if r["call"].endswith("q4") else "001_c59ed768412944d4.txt")
        if path not in texts:
            from transcripts.corpus import parse_file

            texts[path] = parse_file(path).text
        assert texts[path][r["start"] : r["end"]] == r["text"]
        from transcripts.corpus import parse_file as _parse

        call = _parse(path)
        turn = call.turns[r["turn"]]  # 0-based, as in search --json
        assert turn.start <= r["start"] < turn.end and turn.speaker.name == r["speaker"]
    per_call = [r["score"] for r in rows if r["call"] == "verisign-2003-q1"]
    assert per_call[0] == max(per_call), "best first"


def test_tag_filter(samples_copy, capsys):
    assert main(["suggest", str(samples_copy / Q4_2003), "--tag", "guidance", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["suggestions"]
    assert rows and all(r["tags"] == ["guidance"] for r in rows)


def test_accept_writes_annotations_with_fields_and_they_are_not_proposed_again(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["suggest", str(q4), "--limit", "3", "--accept"]) == 0
    out = capsys.readouterr().out
    assert "3 suggestions accepted as annotations" in out
    doc = yaml.safe_load(sidecar_path(q4).read_text(encoding="utf-8"))
    written = doc["annotations"]
    assert len(written) == 3
    assert all(a["tags"][0] in ("metric", "guidance") and a["fields"] for a in written)
    assert main(["suggest", str(q4), "--limit", "3", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["suggestions"]
    assert not {(a["start"], a["end"]) for a in written} & {(r["start"], r["end"]) for r in again}


def test_a_limit_below_one_is_a_usage_error(samples_copy, capsys):
    assert main(["suggest", str(samples_copy), "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["suggest", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.txt" in err[0]
