"""``earmark speakers``: the people across calls, as JSON and as a table."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui import cli

try:
    from conftest import REPO
except ImportError:  # tests run as a package
    from tests.conftest import REPO


@pytest.fixture(autouse=True)
def only_speakers(monkeypatch):
    """The command line builds every command's parser; keep this test about
    ``speakers`` alone so it does not depend on the other commands' modules."""
    monkeypatch.setattr(cli, "COMMANDS", {"speakers": cli.COMMANDS["speakers"]})


def run_speakers(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["speakers", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_one_entry_per_person_with_their_calls(samples_copy, capsys):
    code, out, err = run_speakers(capsys, str(samples_copy), "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    speakers = doc["speakers"]
    for entry in speakers:
        assert {"id", "name", "aliases", "role", "firm", "calls", "titles", "company"} <= entry.keys()
        assert entry["role"] in ("executive", "analyst", "unknown")
        assert all(set(c) >= {"call", "turns"} and c["turns"] > 0 for c in entry["calls"])
    assert len({e["id"] for e in speakers}) == len(speakers)
    by_name = {e["name"]: e for e in speakers}
    gatoff = by_name["Steven Gatoff"]
    assert gatoff["aliases"] == ["Steven Gateoff"]
    assert gatoff["role"] == "executive" and gatoff["firm"] is None
    assert gatoff["company"] == "VeriSign"
    assert sorted(c["call"] for c in gatoff["calls"]) == ["verisign-2003-q1", "verisign-2003-q4"]
    munster = by_name["C. Eugene Munster"]
    assert munster["aliases"] == ["Gene Muenster"] and munster["firm"] == "Piper Jaffray"
    assert len(by_name["Stratton Sclavos"]["titles"]) == 1
    assert "Operator" not in by_name


def test_json_turn_counts_match_the_calls(samples_copy, capsys):
    code, out, _ = run_speakers(capsys, str(samples_copy), "--json")
    assert code == 0
    from transcripts import load_corpus

    corpus = load_corpus([samples_copy])
    spoken = sum(1 for c in corpus.calls for t in c.turns if t.speaker.role != "operator")
    assert sum(c["turns"] for e in json.loads(out)["speakers"] for c in e["calls"]) == spoken


def test_bad_files_are_reported_and_good_ones_still_listed(samples_copy, capsys):
    (samples_copy / "empty.txt").write_text("", encoding="utf-8")
    (samples_copy / "blob.txt").write_bytes(b"\x00\x01\x02\xff binary \x00")
    code, out, err = run_speakers(capsys, str(samples_copy), "--json")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert any("empty.txt" in line for line in lines) and any("blob.txt" in line for line in lines)
    assert "Traceback" not in err
    doc = json.loads(out)
    assert any(e["name"] == "Steven Gatoff" for e in doc["speakers"])
    assert sorted(e["path"].rsplit("/", 1)[-1] for e in doc["errors"]) == ["blob.txt", "empty.txt"]


def test_missing_path_is_an_input_problem(tmp_path, capsys):
    code, out, err = run_speakers(capsys, str(tmp_path / "nope.txt"))
    assert code == 1
    assert "nope.txt" in err


def test_no_path_is_bad_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["speakers"])
    assert exc.value.code == 2


def test_table_shows_each_person_once_with_aliases(samples_copy, capsys):
    code, out, err = run_speakers(capsys, str(samples_copy))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Person", "Role", "Firm"]
    gatoff = [line for line in lines if "Gatoff" in line or "Gateoff" in line]
    assert len(gatoff) == 1 and "Steven Gateoff" in gatoff[0] and "executive" in gatoff[0]
    munster = [line for line in lines if "Munster" in line or "Muenster" in line]
    assert len(munster) == 1 and "Piper Jaffray" in munster[0]
    assert not any(line.startswith("Operator") for line in lines)


def test_speakers_command_does_not_import_textual(samples_copy):
    code = (
        "import sys\n"
        "from tui import cli\n"
        "cli.COMMANDS = {'speakers': cli.COMMANDS['speakers']}\n"
        f"rc = cli.main(['speakers', {str(samples_copy)!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["speakers"]


def test_table_on_a_terminal_is_drawn_with_rich(samples_copy, capsys, monkeypatch):
    from tui.commands import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    code, out, _ = run_speakers(capsys, str(samples_copy))
    assert code == 0
    assert "Steven Gatoff" in out and "Steven Gateoff" in out
    assert "─" in out or "━" in out  # a rich table rule, not the plain layout


def test_a_file_decoded_with_a_warning_still_counts(tmp_path, capsys):
    text = (
        "Operator\nGood day, and welcome to the Acme first quarter fiscal 2024 earnings call.\n"
        "Ren\xe9 Dupont - CEO\nRevenue grew 5% to $10 million, caf\xe9 sales included.\n"
    )
    (tmp_path / "acme-2024-q1.txt").write_bytes(text.encode("cp1252"))
    code, out, err = run_speakers(capsys, str(tmp_path), "--json")
    assert code == 0
    assert "acme-2024-q1.txt" in err and "warning" in err
    assert [e["name"] for e in json.loads(out)["speakers"]] == ["Ren\xe9 Dupont"]


def test_a_folder_without_calls_is_an_input_problem(tmp_path, capsys):
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n")
    code, out, err = run_speakers(capsys, str(tmp_path))
    assert code == 1
    assert "no calls found" in err
