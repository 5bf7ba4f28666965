"""`earmark export` as a user runs it: files in, a file or stdout out,
messages on stderr, exit codes 0/1/2, annotation files never touched, an
existing export replaced atomically."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from export_fixture import ORPHAN, Q1_2003, Q4_2003, build_fixture
from tui.commands import export as export_command

REPO = Path(__file__).resolve().parents[2]


def export(*args: str) -> int:
    parser = argparse.ArgumentParser(prog="earmark export")
    export_command.add_arguments(parser)
    return export_command.run(parser.parse_args([str(a) for a in args]))


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    calls = build_fixture(tmp_path)
    monkeypatch.chdir(tmp_path)
    return calls


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_export_never_changes_annotation_files(folder, tmp_path, capsys):
    before = _snapshot(folder)
    for fmt in ("md", "csv", "json"):
        assert export(folder, "--format", fmt) == 0
        assert export(folder, "--format", fmt, "-o", tmp_path / f"out.{fmt}") == 0
    assert _snapshot(folder) == before  # same files, same bytes, same mtimes


def test_orphans_are_reported_on_stderr_and_exported(folder, capsys):
    assert export(folder, "--format", "json") == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert [a["id"] for a in doc["annotations"] if a["status"] == "orphaned"] == [ORPHAN["id"]]
    err = captured.err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("calls/000_8965172836b0001b.annotations.yaml:5: orphaned annotation q4orph")


def test_format_follows_the_output_suffix(folder, tmp_path, capsys):
    out = tmp_path / "summary.json"
    assert export(folder, "-o", out) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert "exported 13 highlights from 2 calls to" in capsys.readouterr().err
    assert export(folder, "-o", tmp_path / "notes.txt") == 0  # unknown suffix: Markdown
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").startswith("# Highlights")


def test_existing_export_is_replaced_atomically(folder, tmp_path, capsys):
    out = tmp_path / "summary.md"
    out.write_text("old summary\n", encoding="utf-8")
    os.chmod(out, 0o640)
    reader = tmp_path / "held-open.md"
    os.link(out, reader)  # a reader that opened the old file keeps a complete old file
    assert export(folder, "-o", out) == 0
    assert out.read_text(encoding="utf-8").startswith("# Highlights")
    assert reader.read_text(encoding="utf-8") == "old summary\n"  # renamed over, not rewritten in place
    assert (out.stat().st_mode & 0o777) == 0o640  # permissions kept
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_a_failed_write_leaves_the_old_export_intact(folder, tmp_path, monkeypatch, capsys):
    out = tmp_path / "summary.csv"
    out.write_bytes(b"old,data\r\n")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert export(folder, "-o", out) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"old,data\r\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".summary")] == []


@pytest.mark.parametrize("target", ["folder", "sidecar", "transcript"])
def test_refuses_to_write_over_inputs(folder, tmp_path, capsys, target):
    path = {
        "folder": tmp_path,
        "sidecar": folder / "extra.annotations.yaml",
        "transcript": folder / Q1_2003,
    }[target]
    before = _snapshot(folder)
    assert export(folder, "-o", path) == 2
    err = capsys.readouterr().err
    assert err.startswith("earmark export: ") and str(path.name) in err
    assert _snapshot(folder) == before


def test_usage_errors_exit_2(folder, capsys):
    assert export(folder, "--filter", "speakr:evan") == 2
    assert "unknown filter 'speakr:'" in capsys.readouterr().err
    assert export(folder, "--since", "spring") == 2
    assert "not a quarter: 'spring'" in capsys.readouterr().err


def test_unreadable_inputs_exit_1_but_export_the_rest(folder, capsys):
    sidecar = folder / (Path(Q1_2003).stem + ".annotations.yaml")
    sidecar.write_text("version: 1\nannotations: [\n  - broken\n", encoding="utf-8")
    assert export(folder, "missing-folder", "--format", "json") == 1
    captured = capsys.readouterr()
    assert "missing-folder" in captured.err
    assert str(sidecar.name) in captured.err
    doc = json.loads(captured.out)
    assert {a["call"] for a in doc["annotations"]} == {"verisign-2003-q4"}


def test_no_transcripts_is_an_input_problem(tmp_path, capsys):
    assert export(tmp_path / "nothing-here") == 1
    assert "nothing-here" in capsys.readouterr().err


def test_filters_on_the_command_line(folder, capsys):
    assert export(folder, "--format", "json", "--tag", "guidance", "--since", "2003q4") == 0
    doc = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in doc["annotations"]} == {"q4gd01", "q4gd02"}
    assert export(folder, "--format", "json", "--speaker", "Steve Jue", "--filter", "section:qa") == 0
    doc = json.loads(capsys.readouterr().out)
    # The analyst's question; the orphan's section is unknown and its speaker is not Steve Jue.
    assert [a["id"] for a in doc["annotations"]] == ["q1ana1"]


def test_export_command_does_not_import_textual(folder):
    code = (
        "import sys, argparse\n"
        "from tui.commands import export\n"
        "p = argparse.ArgumentParser(); export.add_arguments(p)\n"
        "rc = export.run(p.parse_args(sys.argv[1:]))\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(folder), "--format", "csv"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("call,company,")


def test_earmark_export_entry_point(folder, tmp_path, capsys):
    from tui.cli import main

    out = tmp_path / "via-cli.md"
    assert main(["export", str(folder / Q4_2003), str(folder / Q1_2003), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Highlights: VeriSign, Q1 2003 to Q4 2003")


def test_markdown_written_into_a_transcript_folder(folder, capsys):
    """A summary beside the transcripts must not become a call next time:
    *.highlights.md is skipped, any other .md name gets a note."""
    from transcripts import load_corpus

    assert export(folder, "-o", folder / "q.highlights.md") == 0
    assert "would be read as a transcript" not in capsys.readouterr().err
    assert len(load_corpus([folder]).calls) == 2
    assert export(folder, "-o", folder / "summary.md") == 0
    assert "name it *.highlights.md" in capsys.readouterr().err


def test_many_orphans_are_counted_not_flooded(folder, capsys):
    import yaml

    from tui.commands.export import MAX_ORPHAN_LINES

    sidecar = folder / (Path(Q1_2003).stem + ".annotations.yaml")
    doc = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    extra = MAX_ORPHAN_LINES + 5
    for i in range(extra):
        doc["annotations"].append({**ORPHAN, "id": f"gone{i:02d}", "quote": f"edited out {i}", "start": 10, "end": 20})
    sidecar.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert export(folder, "--format", "csv") == 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    total = extra + 1
    assert len(lines) == MAX_ORPHAN_LINES + 1
    assert lines[-1] == (f"earmark export: {total - MAX_ORPHAN_LINES} more orphaned annotations "
                         f"({total} in all), exported with status orphaned")
    assert captured.out.count(",orphaned,") == total  # every one is in the export


def test_json_written_into_a_transcript_folder(folder, capsys):
    """JSON files are transcripts too now: a JSON export named
    *.highlights.json is skipped, any other .json name gets a note."""
    from transcripts import load_corpus

    assert export(folder, "-o", folder / "q.highlights.json") == 0
    assert "would be read as a transcript" not in capsys.readouterr().err
    corpus = load_corpus([folder])
    assert len(corpus.calls) == 2 and not corpus.errors
    assert export(folder, "--format", "json", "-o", folder / "summary.json") == 0
    assert "name it *.highlights.json" in capsys.readouterr().err
