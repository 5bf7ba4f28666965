"""The installed ``earmark`` in a real terminal (tmux): open a copy of the
samples, press reader keys, and read the screen back with capture-pane."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import Q4_2003
from transcripts import parse_file

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def _earmark() -> str | None:
    local = REPO / ".venv" / "bin" / "earmark"
    if local.exists():
        return str(local)
    return shutil.which("earmark")


def _skip_reason() -> str | None:
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    if _earmark() is None:
        return "the earmark command is not installed (make test installs it)"
    return None


@pytest.fixture
def tmux_session(earmark_home):
    reason = _skip_reason()
    if reason:
        print(f"skipping the tmux end-to-end test: {reason}", file=sys.stderr)
        pytest.skip(reason)
    name = f"earmark-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    _tmux(name, "kill-server", check=False)


def _tmux(session: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """tmux on a private server (``-L``): a server started earlier by someone
    else would hand the session ITS environment, not ours."""
    return subprocess.run(["tmux", "-L", session, *args], capture_output=True, text=True, check=check)


def _start(session: str, earmark_home: Path, *args: str) -> None:
    command = " ".join(
        # COLUMNS/LINES (set under pytest) would override the pane's size.
        ["env", "-u", "COLUMNS", "-u", "LINES", f"EARMARK_HOME={shlex.quote(str(earmark_home))}", "TERM=xterm-256color",
         shlex.quote(_earmark()), *(shlex.quote(a) for a in args)]
    )
    # The pane gets its size while the session starts; start the app only
    # once it has it (respawn), or it may come up at tmux's default 80x24.
    _tmux(session, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sleep 600")
    _tmux(session, "set-option", "-t", session, "remain-on-exit", "on", check=False)
    _tmux(session, "respawn-pane", "-k", "-t", session, command)


def _screen(session: str) -> str:
    return _tmux(session, "capture-pane", "-p", "-t", session).stdout


def _wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if needle in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared on screen:\n{screen}")


def _keys(session: str, *keys: str) -> None:
    for key in keys:
        _tmux(session, "send-keys", "-t", session, key)
        time.sleep(0.15)


def test_reader_keys_in_a_real_terminal(tmux_session, samples_copy, earmark_home):
    call = parse_file(samples_copy / Q4_2003)
    _start(tmux_session, earmark_home, str(samples_copy / Q4_2003))
    _wait_for(tmux_session, call.label)
    _wait_for(tmux_session, "sentence 1/")

    # Two turns on: the third turn's speaker header and status are on screen.
    _keys(tmux_session, "}", "}")
    third = call.turns[2]
    screen = _wait_for(tmux_session, f"turn 3/{len(call.turns)}")
    assert f"{third.speaker.name} \u00b7 {third.speaker.title}" in screen, screen

    # The first question of the Q&A: the analyst's header with their firm.
    _keys(tmux_session, "]")
    exchange = call.exchanges[0]
    screen = _wait_for(tmux_session, f"turn {exchange.first_turn + 1}/")
    analyst = exchange.analyst
    header = analyst.name + (f" \u00b7 {analyst.title}" if analyst.title else "")
    assert header in screen
    assert "Q&A" in screen

    # Only this analyst's turns: a visible filter marker.
    _keys(tmux_session, "f")
    screen = _wait_for(tmux_session, "FILTER")
    assert analyst.name in screen

    _keys(tmux_session, "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        dead = _tmux(tmux_session, "display-message", "-p", "-t", tmux_session, "#{pane_dead}", check=False).stdout.strip()
        if dead == "1":
            break
        time.sleep(0.2)
    assert dead == "1", _screen(tmux_session)
    # Reading never writes next to the transcripts.
    assert sorted(p.name for p in samples_copy.iterdir()) == sorted(
        p.name for p in (REPO / "transcripts" / "samples").iterdir() if p.suffix == ".txt"
    )


def test_no_path_opens_a_writable_copy_of_the_samples(tmux_session, earmark_home):
    _start(tmux_session, earmark_home)
    copy = earmark_home / "data" / "samples"
    screen = _wait_for(tmux_session, "VeriSign")
    assert sorted(p.name for p in copy.iterdir()) == sorted(
        p.name for p in (REPO / "transcripts" / "samples").iterdir() if p.suffix == ".txt"
    )
    assert "Sample calls" in screen or str(copy)[:15] in screen
    _keys(tmux_session, "q")
