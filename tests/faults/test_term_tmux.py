"""In a real terminal (tmux): a transcript holding ``ESC]0;title BEL`` and
``ESC[2J`` neither sets the window title nor clears the screen, in the app
or in ``earmark show``; the sequences are shown as visible text instead.

tmux keeps the pane's title as the programs in it set it, so a title that
reached the terminal is seen there; the first test proves it does with a
raw ``printf``, so the others cannot pass by not looking."""

from __future__ import annotations

import shlex
import time

import pytest

from tests.e2e.conftest import tmux  # noqa: F401  (the fixture)
from tests.e2e.tmux import earmark_command
from tests.faults.hostile import CLEAR, TITLE

pytestmark = pytest.mark.e2e

SHORT_CALL = (
    "Operator\n"
    f"Good day and welcome to the Acme call. {TITLE}Please go ahead.\n"
    "Jane Doe - CFO\n"
    f"Revenue was $10 million. MARKER{CLEAR}We expect growth next quarter.\n"
)


def pane_title(server) -> str:
    return server.run("display-message", "-p", "-t", server.name, "#{pane_title}", check=False).stdout.strip()


def test_the_terminal_does_take_a_raw_title(tmux, tmp_path):  # noqa: F811
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "100", "-y", "30", "sleep 600")
    tmux.run("set-option", "-t", tmux.name, "remain-on-exit", "on", check=False)
    tmux.run("respawn-pane", "-k", "-t", tmux.name, "printf 'x\\033]0;PWNED\\007y'; sleep 600")
    tmux.wait_for("xy")
    assert pane_title(tmux) == "PWNED"


def test_earmark_show_in_a_terminal(tmux, tmp_path, earmark_home):  # noqa: F811
    call = tmp_path / "acme-2024-q3.txt"
    call.write_text(SHORT_CALL, encoding="utf-8")
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "120", "-y", "40", "sleep 600")
    tmux.run("set-option", "-t", tmux.name, "remain-on-exit", "on", check=False)
    before = pane_title(tmux)
    command = (f"env EARMARK_HOME={shlex.quote(str(earmark_home))} TERM=xterm-256color "
               f"{shlex.quote(earmark_command() or 'earmark')} show {shlex.quote(str(call))}; echo SHOW-DONE; sleep 600")
    tmux.run("respawn-pane", "-k", "-t", tmux.name, command)
    screen = tmux.wait_for("SHOW-DONE")
    assert "id: acme-2024-q3" in screen  # printed before the clear: not wiped
    assert "MARKER\u241b[2JWe expect" in screen
    assert "\u241b]0;PWNED\u2407Please" in screen
    assert pane_title(tmux) == before != "PWNED"


def test_the_app_in_a_terminal(tmux, tmp_path, earmark_home):  # noqa: F811
    folder = tmp_path / f"calls{TITLE}"  # the export dialog shows a path in it
    folder.mkdir()
    call = folder / "acme-2024-q3.txt"
    call.write_text(SHORT_CALL, encoding="utf-8")
    tmux.start(earmark_home, str(call), width=120, height=30)
    screen = tmux.wait_for("MARKER")
    tmux.wait_for("1 call")
    before_keys = pane_title(tmux)
    assert "MARKER\u241b[2JWe" in screen
    assert "\u241b]0;PWNED" in screen
    tmux.keys("j", "j", "e")  # the export dialog names the file
    tmux.wait_for("Export highlights")
    # The path field shows the folder's name safely (its value is checked
    # in tests/faults/test_term_app.py); here: the terminal took no title.
    screen = tmux.wait_for("Save to")
    assert "Jane Doe" in screen or "Acme" in screen  # the screen behind was not wiped
    assert pane_title(tmux) == before_keys != "PWNED"
    tmux.keys("Escape")
    deadline = time.monotonic() + 20  # under load: wait for the dialog to close, not for a time
    while "Export highlights" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.2)
    tmux.keys("q")
    tmux.wait_dead(timeout=20)
