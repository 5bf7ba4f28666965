"""Attack: the transcript under an annotation file is renamed, moved,
deleted, replaced by a folder, or renamed and edited (issue 13, item 2).

Before the fix each made the annotations vanish: ``annotations`` printed an
empty table and exited 0, ``check --strict`` said nothing, ``export`` left
them out. Now an annotation file without its transcript is listed with
every annotation ``orphaned``, ``check`` says so (failing under
``--strict``), ``export`` keeps them, and ``check --fix`` re-links the file
to the call it belongs to when exactly one call matches it (same sha256, or
its quotes with their context). Every case runs the real command line on
real files in a temporary folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from transcripts.sidecar import sidecar_path
from tui.cli import main

QUOTES = [
    "we would look for revenues in Q1 to come in at approximately $220 million",
    "Pro forma earnings per share for Q4 was 17 cents",
]


def _setup(tmp_path: Path, capsys) -> tuple[Path, Path, list[str]]:
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(SAMPLES / Q1_2003, calls / Q1_2003)
    t = calls / Q4_2003
    shutil.copy(SAMPLES / Q4_2003, t)
    ids = []
    for q in QUOTES:
        assert main(["tag", str(t), "--find", q, "--tag", "metric", "--note", "keep me"]) == 0
        ids.append(capsys.readouterr().out.strip())
    return calls, t, ids


def _rename(calls, t):
    t.rename(calls / "verisign-2003-q4.txt")
    return calls / "verisign-2003-q4.txt"


def _move(calls, t):
    (calls / "2003").mkdir()
    return Path(shutil.move(t, calls / "2003" / "verisign-q4.txt"))


def _delete(calls, t):
    t.unlink()
    return None


def _folder(calls, t):
    t.unlink()
    t.mkdir()
    (t / "notes.md").write_text("a folder now stands where the transcript was\n")
    return None


def _rename_and_edit(calls, t):
    new = calls / "verisign-2003-q4-corrected.txt"
    text = t.read_text(encoding="utf-8").replace("Good day, everyone", "Good day everyone")
    new.write_text(text, encoding="utf-8")
    t.unlink()
    return new


CHANGES = {"renamed": _rename, "moved": _move, "deleted": _delete, "folder": _folder, "renamed+edited": _rename_and_edit}


def _annotations(paths, capsys):
    code = main(["annotations", *map(str, paths), "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out)["annotations"], out.err


@pytest.mark.parametrize("change", CHANGES)
def test_annotations_lists_every_annotation_orphaned(tmp_path, capsys, change):
    calls, t, ids = _setup(tmp_path, capsys)
    CHANGES[change](calls, t)
    code, rows, err = _annotations([calls], capsys)
    mine = [r for r in rows if r["id"] in ids]
    assert sorted(r["id"] for r in mine) == sorted(ids)
    assert {r["status"] for r in mine} == {"orphaned"}
    assert {r["note"] for r in mine} == {"keep me"}
    assert f"{sidecar_path(t)}: warning: annotation file whose transcript is missing" in err
    assert code == 1


@pytest.mark.parametrize("change", CHANGES)
def test_check_says_so_and_strict_fails(tmp_path, capsys, change):
    calls, t, ids = _setup(tmp_path, capsys)
    CHANGES[change](calls, t)
    assert main(["check", "--strict", str(calls)]) == 1
    out = capsys.readouterr().out
    assert f"{sidecar_path(t)}: warning: annotation file whose transcript is missing ('{Q4_2003}'" in out
    for aid in ids:
        assert f"annotation {aid}: its transcript is missing (orphaned)" in out


@pytest.mark.parametrize("change", CHANGES)
def test_export_keeps_them_as_orphans(tmp_path, capsys, change):
    calls, t, ids = _setup(tmp_path, capsys)
    CHANGES[change](calls, t)
    assert main(["export", str(calls), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    mine = [r for r in doc["annotations"] if r["id"] in ids]
    assert sorted(r["quote"] for r in mine) == sorted(QUOTES)
    assert {r["status"] for r in mine} == {"orphaned"}


@pytest.mark.parametrize("change", ["renamed", "moved", "renamed+edited"])
def test_check_fix_re_links_to_the_call_found(tmp_path, capsys, change):
    calls, t, ids = _setup(tmp_path, capsys)
    new = CHANGES[change](calls, t)
    assert main(["check", str(calls)]) == 0
    hint = capsys.readouterr().out
    assert f"it looks like {new}" in hint and "earmark check --fix" in hint
    assert main(["check", "--fix", "--strict", str(calls)]) == 0
    err = capsys.readouterr().err
    assert f"re-linked to {new}" in err
    assert not sidecar_path(t).exists()
    doc = yaml.safe_load(sidecar_path(new).read_text(encoding="utf-8"))
    assert doc["transcript"] == new.name
    assert sorted(a["id"] for a in doc["annotations"]) == sorted(ids)
    code, rows, _ = _annotations([calls], capsys)
    assert code == 0 and {r["status"] for r in rows if r["id"] in ids} <= {"anchored", "moved"}  # placed again


@pytest.mark.parametrize("change", ["deleted", "folder"])
def test_check_fix_leaves_a_file_with_nowhere_to_go(tmp_path, capsys, change):
    calls, t, ids = _setup(tmp_path, capsys)
    CHANGES[change](calls, t)
    before = sidecar_path(t).read_bytes()
    assert main(["check", "--fix", "--strict", str(calls)]) == 1
    assert sidecar_path(t).read_bytes() == before


def test_two_copies_of_the_transcript_are_not_chosen_between(tmp_path, capsys):
    calls, t, ids = _setup(tmp_path, capsys)
    shutil.copy(t, calls / "copy-a.txt")
    t.rename(calls / "copy-b.txt")
    assert main(["check", "--fix", str(calls)]) == 0
    out = capsys.readouterr().out
    assert "2 calls could be it" in out
    assert sidecar_path(t).exists()  # left for the user to choose (in the app)


def test_re_linking_merges_with_annotations_made_after_the_rename(tmp_path, capsys):
    calls, t, ids = _setup(tmp_path, capsys)
    new = _rename(calls, t)
    assert main(["tag", str(new), "--find", "up 16% sequentially", "--tag", "metric"]) == 0
    later = capsys.readouterr().out.strip()
    assert main(["check", "--fix", str(calls)]) == 0
    capsys.readouterr()
    doc = yaml.safe_load(sidecar_path(new).read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in doc["annotations"]) == sorted([*ids, later])


def test_the_annotation_file_named_directly(tmp_path, capsys):
    calls, t, ids = _setup(tmp_path, capsys)
    t.unlink()
    code, rows, err = _annotations([sidecar_path(t)], capsys)
    assert code == 1 and sorted(r["id"] for r in rows) == sorted(ids)
    assert {r["status"] for r in rows} == {"orphaned"}


def test_a_broken_stray_file_is_reported_not_a_crash(tmp_path, capsys):
    calls, t, ids = _setup(tmp_path, capsys)
    t.unlink()
    sidecar_path(t).write_text("version: 1\nannotations: [\n", encoding="utf-8")
    assert main(["check", str(calls)]) == 1
    out = capsys.readouterr().out
    assert f"{sidecar_path(t)}:" in out and "Traceback" not in out
    assert main(["annotations", str(calls)]) == 1
