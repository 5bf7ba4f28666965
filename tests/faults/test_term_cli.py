"""The commands never send control characters from a file to a terminal.

Transcript text, speaker titles, quotes, notes, tags and file names holding
escape sequences: human output (tables, ``show``, ``search``, messages on
stderr) shows them as visible pictures, on a terminal and in a pipe alike;
``--json`` carries them escaped, so a JSON parser gets the exact text back;
``export`` to a file or a pipe keeps the document's bytes, and to a terminal
is shown safely. Odd file names in messages are quoted as ``ls`` quotes them,
on one line; a name that is not UTF-8 is no crash."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Q1_2003, SAMPLES
from tests.faults.hostile import ATTACK, CLEAR, TITLE, annotate_hostile, hostile_transcript, leaks

BAD_UTF8 = b"bad\xffname-2003-q1.txt"
NEWLINE_NAME = "new\nline-2003-q1.txt"


def earmark(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, cwd=cwd, timeout=120,
    )


def on_a_terminal(*args: str) -> bytes:
    """What ``earmark ARGS`` writes to a terminal (a pseudo-terminal as
    stdout and stderr)."""
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], stdout=child, stderr=child, env=env)
    os.close(child)
    out = bytearray()
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its side
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(main)
    return bytes(out)


def text_leaks(data: bytes) -> list[str]:
    """Control characters other than the SGR colours rich draws with."""
    import re

    text = data.decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # rich's own styles on a terminal
    return leaks(text.replace("\r", ""))


@pytest.fixture
def folder(tmp_path) -> Path:
    calls = tmp_path / "calls"
    path = hostile_transcript(calls)
    annotate_hostile(path)
    return calls


@pytest.mark.parametrize("command", [
    ["show", "HOSTILE"], ["search", "metro", "."], ["annotations", "."], ["calls", "."],
    ["speakers", "."], ["check", "."], ["export", "."], ["export", ".", "--format", "csv"],
])
def test_human_output_in_a_pipe_shows_no_control_characters(folder, command):
    hostile = next(p.name for p in folder.iterdir() if p.suffix == ".txt")
    args = [hostile if a == "HOSTILE" else a for a in command]
    done = earmark(*args, cwd=folder)
    if command[0] != "export":
        assert leaks(done.stdout.decode()) == [], done.stdout.decode()[:2000]
    assert leaks(done.stderr.decode()) == [], done.stderr.decode()
    assert done.returncode == 0, done.stderr.decode()


def test_the_attack_is_shown_not_dropped(folder):
    hostile = next(p.name for p in folder.iterdir() if p.suffix == ".txt")
    out = earmark("show", hostile, cwd=folder).stdout.decode()
    assert "\u241b]0;PWNED\u2407" in out and "\u241b[2J" in out
    assert "Analyst\u241b]0;PWNED\u2407" in out  # a speaker's title
    out = earmark("annotations", ".", cwd=folder).stdout.decode()
    assert "risk\u241b[2J" in out and "see \u241b]0;PWNED\u2407 note" in out


@pytest.mark.parametrize("command", [
    ["show", "HOSTILE"], ["search", "metro", "."], ["annotations", "."], ["export", "."],
])
def test_on_a_terminal_nothing_is_sent_either(folder, command):
    hostile = str(next(p for p in folder.iterdir() if p.suffix == ".txt"))
    args = [hostile if a == "HOSTILE" else str(folder) if a == "." else a for a in command]
    out = on_a_terminal(*args)
    assert b"PWNED" in out  # the command did print the hostile text
    assert text_leaks(out) == [], out[:3000]


def test_json_escapes_them_and_gives_back_the_exact_text(folder):
    hostile = next(p for p in folder.iterdir() if p.suffix == ".txt")
    done = earmark("show", hostile.name, "--json", cwd=folder)
    assert leaks(done.stdout.decode()) == []  # \u001b, \u009b: escaped
    doc = json.loads(done.stdout)
    assert doc["path"] == hostile.name
    assert any(ATTACK in t["text"] for t in doc["turns"])
    assert any(t["title"] == f"EVP{CLEAR} and CFO" for t in doc["turns"])
    notes = json.loads(earmark("annotations", ".", "--json", cwd=folder).stdout)["annotations"]
    assert notes[0]["note"] == f"see {TITLE} note" and ATTACK in notes[0]["quote"]


def test_export_to_a_file_or_a_pipe_keeps_the_bytes(folder, tmp_path):
    out = tmp_path / "out.json"
    done = earmark("export", ".", "-o", str(out), cwd=folder)
    assert done.returncode == 0, done.stderr.decode()
    assert leaks(done.stderr.decode()) == []
    assert json.loads(out.read_text(encoding="utf-8"))["annotations"][0]["note"] == f"see {TITLE} note"
    piped = earmark("export", ".", "--format", "md", cwd=folder).stdout.decode()
    assert TITLE in piped  # the document itself, as `-o out.md` would write it
    written = tmp_path / "out.md"
    earmark("export", ".", "-o", str(written), cwd=folder)
    assert written.read_text(encoding="utf-8") == piped


def test_odd_file_names_are_quoted_on_one_line(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / NEWLINE_NAME).write_bytes(b"\x00\x01 binary, not a transcript")
    (calls / f"t{TITLE}.txt").write_bytes(b"\x00\x02 binary too")
    done = earmark("check", ".", cwd=calls)
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 1
    assert len(lines) == 2, lines  # one line per file, however its name is written
    assert "'new'$'\\n''line-2003-q1.txt': not a text file (it contains binary data)" in lines, lines
    assert any(line.startswith("'t'$'\\033'']0;PWNED'$'\\007''.txt': ") for line in lines), lines
    assert leaks(done.stdout.decode() + done.stderr.decode()) == []


def test_the_quoted_name_is_the_file_for_a_shell(tmp_path):
    """What the message shows can be pasted back into a shell."""
    from transcripts.terminal_safe import quote_name

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    for raw in (b"new\nline.txt", b"bad\xffname.txt", b"it's\x1b]0;x\x07.txt", b"tab\there.txt"):
        name = os.fsdecode(raw)
        back = subprocess.run([bash, "-c", f"printf %s {quote_name(name)}"], capture_output=True).stdout
        assert back == raw


def test_a_file_name_that_is_not_utf8_is_checked_and_listed(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(SAMPLES / Q1_2003, os.fsencode(calls) + b"/" + BAD_UTF8)
    for command in (["check", "."], ["calls", "."], ["annotations", "."], ["search", "revenue", "."],
                    ["export", "."], ["calls", ".", "--json"]):
        done = earmark(*command, cwd=calls)
        assert done.returncode == 0, (command, done.stderr.decode())
        assert b"internal error" not in done.stderr
    name = os.fsdecode(BAD_UTF8)
    tagged = earmark("tag", name, "--find", "revenue", "--tag", "metric", cwd=calls)
    assert tagged.returncode == 0, tagged.stderr.decode()
    check = earmark("check", ".", "--strict", cwd=calls)
    assert check.returncode == 0, check.stderr.decode()  # its annotation file reads back clean
    listed = json.loads(earmark("calls", ".", "--json", cwd=calls).stdout)["calls"]
    assert os.fsencode(listed[0]["path"]).endswith(BAD_UTF8)  # JSON keeps the name's bytes
    exported = json.loads(earmark("export", ".", "--format", "json", cwd=calls).stdout)  # valid UTF-8
    assert exported["annotations"][0]["path"] == "bad\ufffdname-2003-q1.txt"
