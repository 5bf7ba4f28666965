"""``earmark calls``, ``show`` and ``check``: the JSON shapes of DESIGN.md,
readable text, problems on stderr and the exit codes scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Q1_2003, Q4_2003
from tui import cli

MINE = ("calls", "show", "check")


@pytest.fixture(autouse=True)
def only_these_commands(monkeypatch):
    """The command line builds every command's parser; keep these tests
    about the three commands here, independent of the others' modules."""
    monkeypatch.setattr(cli, "COMMANDS", {k: v for k, v in cli.COMMANDS.items() if k in MINE})


def earmark(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def add_bad_files(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)


def write_sidecar(transcript: Path, text: str) -> Path:
    path = transcript.with_name(transcript.stem + ".annotations.yaml")
    path.write_text(text, encoding="utf-8")
    return path


TWO_ANNOTATIONS = """version: 1
transcript: {name}
annotations:
- id: a1
  tags: [guidance]
  start: 10
  end: 20
  quote: something
- id: a2
  tags: [metric]
  start: 30
  end: 40
  quote: something else
"""


# -- calls ----------------------------------------------------------------------


def test_calls_json_has_the_documented_shape(samples_copy, capsys):
    code, out, err = earmark(capsys, "calls", samples_copy, "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["errors"] == []
    q1, q4 = doc["calls"]
    for call in (q1, q4):
        assert {"id", "path", "company", "fiscal_year", "quarter", "title", "turns", "speakers",
                "annotations"} <= call.keys()
        assert isinstance(call["turns"], int) and call["turns"] > 50
        for s in call["speakers"]:
            assert set(s) == {"name", "title", "role", "firm", "turns"}
            assert s["role"] in ("operator", "executive", "analyst", "unknown")
    assert (q4["id"], q4["company"], q4["fiscal_year"], q4["quarter"]) == ("verisign-2003-q4", "VeriSign", 2003, 4)
    assert q4["path"] == str(samples_copy / Q4_2003)
    assert sum(s["turns"] for s in q4["speakers"]) == q4["turns"]
    firms = {s["name"]: s["firm"] for s in q4["speakers"]}
    assert firms["Walter Pritchard"] == "Soundview" and firms["Operator"] is None


def test_calls_counts_the_annotations_in_each_sidecar(samples_copy, capsys):
    write_sidecar(samples_copy / Q4_2003, TWO_ANNOTATIONS.format(name=Q4_2003))
    code, out, _ = earmark(capsys, "calls", samples_copy, "--json")
    counts = {c["id"]: c["annotations"] for c in json.loads(out)["calls"]}
    assert code == 0 and counts == {"verisign-2003-q1": 0, "verisign-2003-q4": 2}


def test_calls_lists_good_files_and_names_each_bad_one_on_stderr(samples_copy, capsys):
    add_bad_files(samples_copy)
    code, out, err = earmark(capsys, "calls", samples_copy, samples_copy / "missing.txt", "--json")
    assert code == 1
    doc = json.loads(out)
    assert len(doc["calls"]) == 2
    assert {(Path(e["path"]).name, e["error"]) for e in doc["errors"]} >= {
        ("empty.txt", "file is empty"), ("missing.txt", "no such file or folder"),
    }
    assert all(set(e) >= {"path", "error"} for e in doc["errors"])
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any(line.startswith(f"{samples_copy / 'binary.txt'}: ") for line in lines)


def test_calls_prints_an_aligned_table_when_piped(samples_copy, capsys):
    code, out, _ = earmark(capsys, "calls", samples_copy)
    header, *rows = out.strip().splitlines()
    assert code == 0 and header.split()[:3] == ["Call", "Company", "Period"]
    assert [r.split()[0] for r in rows] == ["verisign-2003-q1", "verisign-2003-q4"]
    assert "Q4 2003" in rows[1] and str(samples_copy / Q4_2003) in rows[1]
    assert len({r.index(str(samples_copy)) for r in rows}) == 1  # the path column lines up


def test_calls_on_nothing_but_bad_input_says_so_and_fails(tmp_path, capsys):
    add_bad_files(tmp_path)
    code, out, err = earmark(capsys, "calls", tmp_path)
    assert code == 1 and out == ""
    assert "no calls found" in err


def test_bad_usage_exits_with_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["calls"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["calls", "--no-such-option", "x"])
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err


# -- show -----------------------------------------------------------------------


def test_show_json_turns_are_exact_slices_of_the_text(samples_copy, capsys):
    path = samples_copy / Q1_2003
    code, out, err = earmark(capsys, "show", path, "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert doc["id"] == "verisign-2003-q1" and doc["title"]
    assert {"speakers", "annotations", "company", "fiscal_year", "quarter", "path"} <= doc.keys()
    turns = doc["turns"]
    assert len(turns) == doc["turn_count"] > 50
    for i, t in enumerate(turns):
        assert {"index", "speaker", "title", "role", "firm", "section", "start", "end", "text"} <= t.keys()
        assert t["index"] == i and t["text"] == text[t["start"] : t["end"]]
        assert t["section"] in ("prepared", "qa")
    sections = [t["section"] for t in turns]
    assert sections[doc["qa_start"]] == "qa" and set(sections[: doc["qa_start"]]) == {"prepared"}
    assert any(t["speaker"] == "Dana Evan" and t["role"] == "executive" for t in turns)
    assert all(text[a:b] for a, b in doc["sentence_spans"][:20])


def test_show_prints_the_call_by_turns_for_reading(samples_copy, capsys):
    code, out, _ = earmark(capsys, "show", samples_copy / Q4_2003)
    assert code == 0
    assert out.startswith("VeriSign Q4 2003 earnings call\n")
    assert "== Prepared remarks ==" in out and "== Q&A ==" in out
    assert "Walter Pritchard (Analyst, Soundview) - analyst" in out
    assert "    Hi, most of my questions have been answered." in out


def test_show_a_bad_file_fails_with_one_line(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = earmark(capsys, "show", tmp_path / "empty.txt")
    assert (code, out, err) == (1, "", f"{tmp_path / 'empty.txt'}: file is empty\n")


def test_show_refuses_a_folder_as_bad_usage(samples_copy, capsys):
    code, out, err = earmark(capsys, "show", samples_copy)
    assert code == 2 and out == "" and "earmark calls" in err
    code, out, err = earmark(capsys, "show", "")
    assert code == 2 and out == "" and err.startswith('"": empty path')


# -- check ----------------------------------------------------------------------


def test_check_passes_clean_transcripts(samples_copy, capsys):
    code, out, err = earmark(capsys, "check", samples_copy)
    assert code == 0 and out == ""
    assert "2 transcript file(s): 0 error(s), 0 warning(s)" in err


def test_check_prints_path_line_message_per_problem_and_fails_on_errors(samples_copy, capsys):
    add_bad_files(samples_copy)
    (samples_copy / "latin.txt").write_bytes(b"Operator\nWelcome, caf\xe9 owners, to the call today.\n")
    sidecar = write_sidecar(samples_copy / Q4_2003, "version: 1\ncall:\n  quarter: [\n")
    code, out, _ = earmark(capsys, "check", samples_copy)
    assert code == 1
    lines = out.strip().splitlines()
    assert f"{samples_copy / 'empty.txt'}: file is empty" in lines
    assert any(line.startswith(f"{samples_copy / 'binary.txt'}: not a text file") for line in lines)
    assert any(line.startswith(f"{samples_copy / 'latin.txt'}:2: warning: ") for line in lines)
    assert any(line.startswith(f"{sidecar}:3: ") or line.startswith(f"{sidecar}:4: ") for line in lines)
    assert len(lines) == 4


def test_check_warnings_alone_pass_unless_strict(samples_copy, capsys):
    (samples_copy / "memo.txt").write_text("Just a memo with no speakers in it.\nAnd more prose.\n")
    code, out, _ = earmark(capsys, "check", samples_copy)
    assert code == 0 and "memo.txt: warning: " in out
    code, _, _ = earmark(capsys, "check", samples_copy, "--strict")
    assert code == 1


def test_check_json_lists_problems_with_severity(samples_copy, capsys):
    add_bad_files(samples_copy)
    code, out, _ = earmark(capsys, "check", samples_copy, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["calls"] == 2 and doc["error_count"] == 2 and doc["warning_count"] == 0
    assert {(Path(p["path"]).name, p["severity"]) for p in doc["problems"]} == {
        ("empty.txt", "error"), ("binary.txt", "error"),
    }


# -- on a terminal ----------------------------------------------------------------


def test_on_a_terminal_tables_are_drawn_with_rich(samples_copy, capsys, monkeypatch):
    from tui.commands import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    code, out, _ = earmark(capsys, "calls", samples_copy)
    assert code == 0 and "VeriSign" in out and "Annotations" in out
    assert "━" in out  # rich's rule under the header, not the plain layout
    code, out, _ = earmark(capsys, "show", samples_copy / Q4_2003)
    assert code == 0 and "Prepared remarks" in out and "== Q&A ==" not in out


# -- the real command -----------------------------------------------------------


def test_the_installed_command_reports_bad_files_without_a_traceback(samples_copy):
    import subprocess
    import sys

    from tests.conftest import REPO

    add_bad_files(samples_copy)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "calls", str(samples_copy), "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 2
    assert len(json.loads(result.stdout)["calls"]) == 2


# -- usage, help and the unexpected -----------------------------------------------


def test_a_bad_option_shows_the_usage_of_that_command(samples_copy, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["show", str(samples_copy / Q4_2003), "extra.txt"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "usage: earmark show" in err and "earmark show: error: unrecognized arguments: extra.txt" in err


def test_help_lists_every_command_with_what_it_does(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    for name, text in cli.COMMANDS.items():
        assert any(line.split() == [name, *text.split()] for line in out.splitlines()), name


def test_a_mistyped_command_is_bad_usage_not_an_empty_app(tmp_path, capsys, monkeypatch):
    import tui.launch

    monkeypatch.setattr(tui.launch, "launch_app", lambda paths: pytest.fail("the app was opened"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(["clals", "folder"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "clals: no such file, folder or command" in err and "calls" in err


def test_a_bug_in_a_command_ends_in_one_line_not_a_traceback(samples_copy, capsys, monkeypatch):
    from tui.commands import calls

    def broken(args):
        raise ValueError("something odd")

    monkeypatch.setattr(calls, "run", broken)
    monkeypatch.delenv("EARMARK_DEBUG", raising=False)
    code, out, err = earmark(capsys, "calls", samples_copy)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "ValueError: something odd" in err


def test_the_call_block_of_an_annotation_file_changes_calls_json(samples_copy, capsys):
    write_sidecar(samples_copy / Q4_2003, "version: 1\ncall:\n  company: Acme\n  fiscal_year: 2024\n  quarter: Q3\n")
    code, out, _ = earmark(capsys, "calls", samples_copy, "--json")
    fixed = next(c for c in json.loads(out)["calls"] if c["path"] == str(samples_copy / Q4_2003))
    assert code == 0
    assert (fixed["id"], fixed["company"], fixed["fiscal_year"], fixed["quarter"]) == ("acme-2024-q3", "Acme", 2024, 3)


def test_a_reader_that_stops_early_gets_no_traceback(samples_copy):
    """`earmark show FILE --json | head -1`: the pipe closes under us."""
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "show", str(samples_copy / Q4_2003), "--json"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline() == b"{\n"
    proc.stdout.close()  # far more than a pipe's buffer is still to come
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_show_counts_read_as_english(tmp_path, capsys):
    path = tmp_path / "acme-2024-q3.txt"
    path.write_text(
        "Operator\nWelcome to the Acme third quarter 2024 call. Our first question comes from Sue Lee with UBS.\n"
        "Sue Lee - Analyst\nHow is demand?\nJane Doe - CFO\nStrong.\n",
        encoding="utf-8",
    )
    code, out, _ = earmark(capsys, "show", path)
    assert code == 0
    assert "3 turns, 4 sentences, 1 Q&A exchange, Q&A starts at turn 1, 0 annotations" in out.splitlines()


def test_show_counts_turns_from_1_like_the_app_and_json_from_0(tmp_path, capsys):
    path = tmp_path / "acme-2024-q3.txt"
    path.write_text(
        "Operator\nWelcome to the Acme third quarter 2024 call.\n"
        "Jane Doe - CFO\nRevenue grew.\nOperator\nWe will now begin the question-and-answer session. "
        "Our first question comes from Sue Lee with UBS.\nSue Lee - Analyst\nHow is demand?\n",
        encoding="utf-8",
    )
    code, out, _ = earmark(capsys, "show", path)
    lines = out.splitlines()
    assert "Q&A starts at turn 3" in lines[lines.index("") - 1]
    assert [ln.split("]")[0] for ln in lines if ln.startswith("[")] == ["[1", "[2", "[3", "[4"]
    code, out, _ = earmark(capsys, "show", path, "--json")
    doc = json.loads(out)
    assert [t["index"] for t in doc["turns"]] == [0, 1, 2, 3]
    assert doc["qa_start"] == 2


def test_show_says_when_there_is_no_qa(tmp_path, capsys):
    path = tmp_path / "acme-2024-q3.txt"
    path.write_text("Jane Doe - CFO\nRevenue grew.\nJohn Roe - CEO\nThank you.\n", encoding="utf-8")
    code, out, _ = earmark(capsys, "show", path)
    assert "no Q&A found" in out and "at none" not in out
