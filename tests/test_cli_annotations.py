"""`earmark tag`, `earmark annotations` and the annotation part of
`earmark check`, run as a user would (through the command line's main)."""

from __future__ import annotations

import json

import yaml

from tests.conftest import Q1_2003, Q4_2003
from transcripts.sidecar import sidecar_path
from tui.cli import main

GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"


def _text(path):
    from transcripts.corpus import parse_file

    return parse_file(path).text


def test_tag_then_annotations_json(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance", "--note", "Q1 guide: $220M"]) == 0
    new_id = capsys.readouterr().out.strip()
    assert len(new_id) >= 6
    assert main(["tag", str(q4), "--find", "up 16% sequentially", "--tag", "metric", "--tag", "growth"]) == 0
    second = capsys.readouterr().out.strip()
    assert main(["annotations", str(samples_copy), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = doc["annotations"]
    assert {r["id"] for r in rows} == {new_id, second}
    text = _text(q4)
    for r in rows:
        assert set(r) >= {"call", "id", "tags", "start", "end", "quote", "note", "speaker", "status"}
        assert text[r["start"] : r["end"]] == r["quote"]
        assert r["status"] == "anchored" and r["call"] == "verisign-2003-q4"
    guide = next(r for r in rows if r["id"] == new_id)
    assert guide["tags"] == ["guidance"] and guide["note"] == "Q1 guide: $220M" and guide["speaker"] == "Dana Evan"
    assert next(r for r in rows if r["id"] == second)["tags"] == ["metric", "growth"]


def test_tagging_the_same_text_twice_adds_the_tag_to_one_annotation(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance"])
    main(["tag", str(q4), "--find", GUIDE, "--tag", "risk"])
    ids = capsys.readouterr().out.split()
    assert ids[0] == ids[1]
    doc = yaml.safe_load(sidecar_path(q4).read_text())
    assert [a["tags"] for a in doc["annotations"]] == [["guidance", "risk"]]


def test_tag_text_not_found_is_one_line_and_exit_1(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", "no such words anywhere", "--tag", "metric"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{q4}: text not found: 'no such words anywhere'")
    assert not sidecar_path(q4).exists()


def test_tag_missing_transcript_is_exit_1(tmp_path, capsys):
    assert main(["tag", str(tmp_path / "nope.txt"), "--find", "x", "--tag", "metric"]) == 1
    assert "nope.txt" in capsys.readouterr().err


def test_annotations_human_table(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance"])
    capsys.readouterr()
    assert main(["annotations", str(q4)]) == 0
    out = capsys.readouterr().out
    assert "guidance" in out and "anchored" in out and "Dana Evan" in out


def test_annotations_reports_status_after_transcript_edit(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance"])
    capsys.readouterr()
    before = sidecar_path(q4).read_bytes()
    q4.write_text("Inserted line.\n" + q4.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["annotations", str(q4), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["annotations"]
    assert row["status"] == "moved" and _text(q4)[row["start"] : row["end"]] == GUIDE
    assert sidecar_path(q4).read_bytes() == before  # listing never writes


def test_annotations_and_check_report_an_invalid_file(samples_copy, capsys):
    q4, q1 = samples_copy / Q4_2003, samples_copy / Q1_2003
    main(["tag", str(q1), "--find", "VeriSign", "--tag", "company"])
    capsys.readouterr()
    side = sidecar_path(q4)
    side.write_text("version: 1\nannotations:\n- {id: aaa111, start: 9, end: 2, quote: x}\n")
    assert main(["annotations", str(samples_copy), "--json"]) == 1
    captured = capsys.readouterr()
    assert f"{side}:3: start 9 is after end 2" in captured.err
    assert len(json.loads(captured.out)["annotations"]) == 1  # the other call still listed
    assert main(["check", str(samples_copy)]) == 1
    assert f"{side}:3: start 9 is after end 2" in capsys.readouterr().out
    assert side.read_text() == "version: 1\nannotations:\n- {id: aaa111, start: 9, end: 2, quote: x}\n"


def test_check_passes_on_good_annotation_files(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance"])
    capsys.readouterr()
    assert main(["check", str(samples_copy)]) == 0


def test_annotations_accepts_the_annotation_file_itself(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    main(["tag", str(q4), "--find", GUIDE, "--tag", "guidance"])
    capsys.readouterr()
    assert main(["annotations", str(sidecar_path(q4)), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["annotations"]
    assert row["quote"] == GUIDE


def test_check_points_out_unsaved_edits_in_a_recovery_file(samples_copy, capsys):
    from annotations.session import recovery_path

    q4 = samples_copy / Q4_2003
    rescue = recovery_path(q4)
    rescue.write_text("version: 1\nannotations: []\n")
    assert main(["check", str(samples_copy)]) == 0  # a warning
    out = capsys.readouterr().out
    assert f"{rescue}: warning: unsaved annotation edits" in out
    assert main(["check", "--strict", str(samples_copy)]) == 1


def test_tag_with_a_blank_tag_name_is_a_usage_error(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", GUIDE, "--tag", "  "]) == 2
    assert "--tag needs a name" in capsys.readouterr().err
    assert not sidecar_path(q4).exists()
