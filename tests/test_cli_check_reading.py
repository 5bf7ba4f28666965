"""``earmark check`` says how each file was read (format, layout,
confidence) and flags readings that look wrong; ``calls --json`` and
``show --json`` carry the layout and inferred names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tui import cli

FIXTURES = Path(__file__).parent / "transcripts" / "fixtures" / "layouts"


def earmark(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_check_says_format_layout_and_confidence_per_file(tmp_path, capsys):
    for name in ("globex_q2_2021_refinitiv.txt", "acme_q3_2024_diarized.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    code, out, err = earmark(capsys, "check", tmp_path)
    assert code == 0 and out == ""
    assert f"{tmp_path / 'globex_q2_2021_refinitiv.txt'}: read as txt, layout refinitiv (confidence 0.90), 11 turns" in err
    assert f"{tmp_path / 'acme_q3_2024_diarized.txt'}: read as txt, layout diarized" in err
    code, out, _ = earmark(capsys, "check", tmp_path, "--json")
    read = {Path(r["path"]).name: r for r in json.loads(out)["read"]}
    assert read["acme_q3_2024_diarized.txt"]["layout"] == "diarized"
    assert read["acme_q3_2024_diarized.txt"]["format"] == "txt"
    assert 0 < read["acme_q3_2024_diarized.txt"]["confidence"] <= 1


def test_check_flags_single_turn_silent_speakers_and_title_lines_in_speech(tmp_path, capsys):
    long_speech = "We grew revenue in every region this quarter and expect more of the same. " * 40
    (tmp_path / "one.txt").write_text("Jane Roe - CFO\n" + long_speech + "\n")
    (tmp_path / "odd.txt").write_text(
        "Operator\nWelcome to the call.\n"
        "Jane Roe - CFO\n"  # a speaker line with nothing said under it
        "John Smith - CEO\nChief Executive Officer\nThanks. We grew.\n"
        "Jane Roe - CFO\nMargins rose.\n"
    )
    code, out, _ = earmark(capsys, "check", tmp_path)
    assert code == 0  # warnings, not errors
    lines = out.splitlines()
    assert any(line.startswith(f"{tmp_path / 'one.txt'}: warning: read as a single turn by Jane Roe") for line in lines)
    assert f"{tmp_path / 'odd.txt'}:3: warning: speaker 'Jane Roe' says nothing" not in out  # she speaks later
    assert any(line.startswith(f"{tmp_path / 'odd.txt'}:5: warning: turn 2 by John Smith begins with what looks "
                               "like a title line: 'Chief Executive Officer'") for line in lines)
    (tmp_path / "odd.txt").write_text("Operator\nWelcome.\nJane Roe - CFO\nJohn Smith - CEO\nThanks.\n")
    code, out, _ = earmark(capsys, "check", tmp_path / "odd.txt")
    assert f"{tmp_path / 'odd.txt'}:3: warning: speaker 'Jane Roe' says nothing" in out


def test_the_samples_read_cleanly(samples_copy, capsys):
    code, out, err = earmark(capsys, "check", samples_copy)
    assert code == 0 and out == ""
    assert err.count("layout generic") == 2


def test_calls_json_names_the_layout_and_show_json_the_inferred_names(tmp_path, capsys):
    shutil.copy(FIXTURES / "acme_q3_2024_diarized.txt", tmp_path / "acme_q3_2024_diarized.txt")
    _, out, _ = earmark(capsys, "calls", tmp_path, "--json")
    call = json.loads(out)["calls"][0]
    assert (call["layout"], call["format"]) == ("diarized", "txt")
    _, out, _ = earmark(capsys, "show", tmp_path / "acme_q3_2024_diarized.txt", "--json")
    doc = json.loads(out)
    speakers = {s["name"]: s for s in doc["speakers"]}
    assert (speakers["Jane Roe"]["label"], speakers["Jane Roe"]["inferred"]) == ("Speaker 1", True)
    assert (speakers["Speaker 5"]["label"], speakers["Speaker 5"]["inferred"]) == ("Speaker 5", False)
    assert doc["turns"][1]["speaker"] == "Jane Roe" and doc["turns"][1]["inferred"] is True
