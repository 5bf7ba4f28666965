"""``earmark calls``, ``speakers``, ``annotations`` and ``export`` of one
company answer from the catalog: on a second run they parse nothing and
open the text of no call they do not need."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.catalog.catalog_kit import count_parses, refuse_text, write_calls
from transcripts import cache, corpus
from tui.cli import main


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "calls"
    write_calls(folder, 9)
    return folder


def opened_texts(monkeypatch) -> list[str]:
    """No parse allowed; the names of cached calls whose text was opened."""
    opened: list[str] = []
    real = cache.load_entry
    monkeypatch.setattr(corpus, "parse_bytes", lambda path, data: pytest.fail(f"parsed {path}"))
    monkeypatch.setattr(cache, "load_entry", lambda sha, name: opened.append(name) or real(sha, name))
    return opened


def json_of(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", ["calls", "speakers"])
def test_a_second_run_answers_from_the_catalog_alone(folder, capsys, monkeypatch, command):
    first = json_of(capsys, [command, str(folder), "--json"])
    refuse_text(monkeypatch)
    again = json_of(capsys, [command, str(folder), "--json"])
    assert again == first
    if command == "calls":
        assert len(first["calls"]) == 9
    else:  # people across quarters, from the catalog's speakers
        assert first["speakers"] and any(len(p["calls"]) > 1 for p in first["speakers"])


def test_the_listing_counts_speakers_without_making_them(folder, capsys, monkeypatch):
    """``earmark calls`` shows how many speakers each call has; at 30,000
    calls, making every speaker to count them was a second of the command."""
    from transcripts.catalog import entry as entry_module

    listed = json_of(capsys, ["calls", str(folder), "--json"])["calls"]
    monkeypatch.setattr(entry_module, "speakers_of", lambda rows: pytest.fail("made the speakers to count them"))
    assert main(["calls", str(folder)]) == 0
    table = capsys.readouterr().out.splitlines()
    by_id = {line.split()[0]: line for line in table[1:] if line.strip()}
    assert table[0].split()[-3:] == ["Speakers", "Annotations", "Path"]
    for call in listed:  # the speakers column, counted from the right (company names have spaces)
        assert by_id[call["id"]].split()[-3] == str(len(call["speakers"]))


def test_annotations_open_only_the_annotated_call(folder, capsys, monkeypatch):
    target = sorted(folder.glob("*.txt"))[4]
    assert main(["tag", str(target), "--find", "Thank you", "--tag", "metric"]) == 0
    capsys.readouterr()
    json_of(capsys, ["calls", str(folder), "--json"])
    opened = opened_texts(monkeypatch)
    rows = json_of(capsys, ["annotations", str(folder), "--json"])["annotations"]
    assert [r["tags"] for r in rows] == [["metric"]] and rows[0]["status"] == "anchored"
    assert opened == [target.name]


def test_export_of_one_company_opens_that_company_only(folder, capsys, monkeypatch):
    from benchmarks.generate import COMPANIES

    calls = json_of(capsys, ["calls", str(folder), "--json"])["calls"]
    wanted = COMPANIES[0]
    ours = [c for c in calls if c["company"] == wanted][0]
    theirs = [c for c in calls if c["company"] != wanted][0]
    for c in (ours, theirs):
        assert main(["tag", c["path"], "--find", "Thank you", "--tag", "guidance"]) == 0
    capsys.readouterr()
    opened = opened_texts(monkeypatch)
    doc = json_of(capsys, ["export", str(folder), "--format", "json", "--filter",
                           f"company:{wanted.split()[0].lower()}"])
    assert opened == [Path(ours["path"]).name]
    assert [a["call"] for a in doc["annotations"]] == [ours["id"]]


OLD = 1_600_000_000


def tagged(folder: Path, capsys, index: int = 4, find: str = "Thank you") -> Path:
    """One call tagged, its annotation file then aged (written long ago:
    its stamp is trusted)."""
    from transcripts.sidecar import sidecar_path

    target = sorted(folder.glob("*.txt"))[index]
    assert main(["tag", str(target), "--find", find, "--tag", "metric"]) == 0
    capsys.readouterr()
    os.utime(sidecar_path(target), (OLD, OLD))
    return target


def test_annotations_listed_again_open_no_call(folder, capsys, monkeypatch):
    tagged(folder, capsys)
    first = json_of(capsys, ["annotations", str(folder), "--json"])
    filtered = json_of(capsys, ["annotations", str(folder), "--json", "--filter", "tag:metric speaker:operator"])
    opened = opened_texts(monkeypatch)
    assert json_of(capsys, ["annotations", str(folder), "--json"]) == first
    assert json_of(capsys, ["annotations", str(folder), "--json", "--filter",
                            "tag:metric speaker:operator"]) == filtered
    assert json_of(capsys, ["annotations", str(folder), "--json", "--filter", "tag:guidance"]) == {"annotations": []}
    assert opened == []
    assert [r["status"] for r in first["annotations"]] == ["anchored"]


def test_annotations_of_a_changed_transcript_are_anchored_again(folder, capsys):
    target = tagged(folder, capsys)
    [row] = json_of(capsys, ["annotations", str(folder), "--json"])["annotations"]
    text = target.read_text(encoding="utf-8")
    target.write_text("An opening line added above everything.\n" + text, encoding="utf-8")
    [again] = json_of(capsys, ["annotations", str(folder), "--json"])["annotations"]
    assert again["status"] == "moved" and again["start"] > row["start"]
    assert target.read_text(encoding="utf-8")[again["start"]:again["end"]] == row["quote"]


def test_annotations_of_a_hand_edited_file_are_anchored_again(folder, capsys):
    from transcripts.sidecar import sidecar_path

    target = tagged(folder, capsys)
    [row] = json_of(capsys, ["annotations", str(folder), "--json"])["annotations"]
    side = sidecar_path(target)
    side.write_text(side.read_text(encoding="utf-8").replace(f"start: {row['start']}", f"start: {row['start'] + 3}"),
                    encoding="utf-8")
    os.utime(side, (OLD + 60, OLD + 60))
    [again] = json_of(capsys, ["annotations", str(folder), "--json"])["annotations"]
    assert (again["start"], again["end"]) == (row["start"], row["end"])  # found again where its quote is
    assert again["line"] == row["line"]


def test_a_section_filter_is_judged_on_the_call_itself(folder, capsys, monkeypatch):
    tagged(folder, capsys)
    json_of(capsys, ["annotations", str(folder), "--json"])
    opened = opened_texts(monkeypatch)
    rows = json_of(capsys, ["annotations", str(folder), "--json", "--filter", "section:qa"])["annotations"]
    assert len(opened) == 1 and rows == []  # "Thank you" opens the call: prepared remarks
