"""Annotating in a real terminal (tmux): tag one sentence as metric, another
as guidance with a note, quit; the YAML beside the transcript holds both,
each quote exactly the text at its offsets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

from tests.conftest import Q4_2003
from transcripts import parse_file
from transcripts.sidecar import sidecar_path

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def _earmark() -> str | None:
    local = REPO / ".venv" / "bin" / "earmark"
    return str(local) if local.exists() else shutil.which("earmark")


@pytest.fixture
def tmux_session(earmark_home):
    reason = "tmux is not installed" if shutil.which("tmux") is None else (
        "the earmark command is not installed" if _earmark() is None else None
    )
    if reason:
        print(f"skipping the tmux annotation test: {reason}", file=sys.stderr)
        pytest.skip(reason)
    name = f"earmark-e2e-ann-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def _wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if needle in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared on screen:\n{screen}")


def _keys(session: str, *keys: str, literal: bool = False) -> None:
    for key in keys:
        subprocess.run(["tmux", "send-keys", "-t", session, *(["-l"] if literal else []), key], check=True)
        time.sleep(0.2)


def _wait_dead(session: str) -> None:
    deadline = time.monotonic() + 10
    dead = ""
    while time.monotonic() < deadline:
        dead = subprocess.run(
            ["tmux", "display-message", "-p", "-t", session, "#{pane_dead}"],
            capture_output=True, text=True,
        ).stdout.strip()
        if dead == "1":
            return
        time.sleep(0.2)
    raise AssertionError(_screen(session))


def test_tag_metric_and_guidance_with_note_then_quit(tmux_session, samples_copy, earmark_home):
    transcript = samples_copy / Q4_2003
    call = parse_file(transcript)
    env = {**os.environ, "EARMARK_HOME": str(earmark_home), "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", tmux_session, "-x", "140", "-y", "40", f"{_earmark()} {transcript}"],
        check=True, env=env,
    )
    subprocess.run(["tmux", "set-option", "-t", tmux_session, "remain-on-exit", "on"], capture_output=True)
    _wait_for(tmux_session, call.label)
    _wait_for(tmux_session, "sentence 1/")
    _wait_for(tmux_session, "Annotations")

    _keys(tmux_session, "j", "1")                      # sentence 2: metric
    _wait_for(tmux_session, "saved")
    _keys(tmux_session, "j", "j", "2")                 # sentence 4: guidance
    _keys(tmux_session, "a")
    _wait_for(tmux_session, "ctrl+s saves")
    _keys(tmux_session, "Guide: watch Q1", literal=True)
    _keys(tmux_session, "C-s")
    _wait_for(tmux_session, "Guide: watch Q1")         # the note, in the annotations pane
    _keys(tmux_session, "q")
    _wait_dead(tmux_session)

    doc = yaml.safe_load(sidecar_path(transcript).read_text(encoding="utf-8"))
    items = doc["annotations"]
    assert [i["tags"] for i in items] == [["metric"], ["guidance"]]
    assert (items[0]["start"], items[0]["end"]) == (call.sentence_starts[1], call.sentence_ends[1])
    assert (items[1]["start"], items[1]["end"]) == (call.sentence_starts[3], call.sentence_ends[3])
    assert items[1]["note"] == "Guide: watch Q1"
    for item in items:
        assert call.text[item["start"] : item["end"]] == item["quote"]
    assert doc["sha256"] == call.sha256
