"""Driving the installed ``earmark`` in a real terminal (tmux) for the
end-to-end tests: one private tmux server per test, the app started in a
pane of a given size, keys sent, the screen read back with capture-pane.

The server is private (its own socket in a fresh temporary folder, ``-S``):
a server someone started earlier would hand the session ITS environment
(EARMARK_HOME, TERM), not ours, and a test must never touch another's
sessions. ``tests/e2e/conftest.py``'s ``tmux`` fixture kills the server and
removes the folder whatever the test did, so no session outlives its test.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0
"""Seconds a test waits for a state: generous, as a test machine may be
loaded (a wait ends as soon as the state is there)."""
POLL = 0.1


def earmark_command() -> str | None:
    """The installed ``earmark`` (the project's venv first)."""
    local = REPO / ".venv" / "bin" / "earmark"
    if local.exists():
        return str(local)
    return shutil.which("earmark")


def skip_reason() -> str | None:
    """Why the tmux tests cannot run here, or None."""
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    if earmark_command() is None:
        return "the earmark command is not installed (make test installs it)"
    return None


class Tmux:
    """One private tmux server with one session (named like the server)."""

    def __init__(self) -> None:
        self.name = f"earmark-e2e-{uuid.uuid4().hex[:8]}"
        # short: a unix socket path must stay under ~100 characters
        self.folder = Path(tempfile.mkdtemp(prefix="em-tmux-"))
        self.socket = self.folder / "s"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=check)

    def start(self, earmark_home: Path, *args: str, width: int = 120, height: int = 40) -> None:
        """The app (``earmark ARGS``) in a ``width`` x ``height`` pane."""
        command = " ".join(
            # COLUMNS/LINES (set under pytest) would override the pane's size.
            ["env", "-u", "COLUMNS", "-u", "LINES", f"EARMARK_HOME={shlex.quote(str(earmark_home))}",
             "TERM=xterm-256color", shlex.quote(earmark_command() or "earmark"), *(shlex.quote(a) for a in args)]
        )
        # The pane gets its size while the session starts; start the app only
        # once it has it (respawn), or it may come up at tmux's default 80x24.
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "sleep 600")
        # keep the pane (and its last screen) when the app exits: wait_dead
        # sees it, and a crash leaves its message to capture
        self.run("set-option", "-t", self.name, "remain-on-exit", "on", check=False)
        self.run("respawn-pane", "-k", "-t", self.name, command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name, check=False).stdout

    def is_dead(self) -> bool:
        """The app has exited (its pane is kept, with its last screen)."""
        out = self.run("display-message", "-p", "-t", self.name, "#{pane_dead}", check=False).stdout
        return out.strip() == "1"

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """The screen, once ``condition(screen)`` holds; else fail showing it.

        Every check of the screen goes through here: a test waits for the
        state it expects, never for a fixed time, so a loaded machine makes
        it slower, not red. An app that exits meanwhile fails at once."""
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if self.is_dead():
                raise AssertionError(f"the app exited while waiting for {what}:\n{self.screen()}")
            if time.monotonic() >= deadline:
                raise AssertionError(f"{what} never appeared on screen ({timeout:.0f} s):\n{screen}")
            time.sleep(POLL)

    def wait_for(self, *needles: str, timeout: float = TIMEOUT) -> str:
        """The screen, once every one of ``needles`` is on it at the same time."""
        return self.wait_until(lambda screen: all(n in screen for n in needles),
                               " and ".join(repr(n) for n in needles), timeout)

    def wait_gone(self, needle: str, timeout: float = TIMEOUT) -> str:
        """The screen, once ``needle`` is no longer on it."""
        return self.wait_until(lambda screen: needle not in screen, f"the end of {needle!r}", timeout)

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send each key (tmux names: ``Enter``, ``C-s``), or with ``literal``
        each string as text. The terminal delivers them in order; wait for
        what they do with ``wait_for``."""
        for key in keys:
            self.run("send-keys", "-t", self.name, *(["-l"] if literal else []), key)

    def type_by_hand(self, text: str, pace: float, shown: Callable[[str, str], bool] | None = None) -> None:
        """Type ``text`` one letter at a time, as a person does: each letter
        is sent once the screen shows the letters before it (``shown(screen,
        typed)``, by default a line holding just them: a text field), then
        ``pace`` seconds pass, so an app that acts on a pause in typing acts
        on every prefix."""
        shown = shown or field_shows
        for i, ch in enumerate(text):
            self.keys(ch, literal=True)
            typed = text[: i + 1]
            self.wait_until(lambda screen: shown(screen, typed), f"a field holding {typed!r}")
            time.sleep(pace)

    def wait_dead(self, timeout: float = TIMEOUT) -> None:
        """Until the app has exited (its pane is dead)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_dead():
                return
            time.sleep(POLL)
        raise AssertionError(f"the app did not exit:\n{self.screen()}")

    def kill(self) -> None:
        """Stop the server (and the app in it) and remove its socket."""
        try:
            self.run("kill-server", check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def field_shows(screen: str, text: str) -> bool:
    """A line of ``screen`` is a text field holding exactly ``text`` (box
    borders and padding aside)."""
    return any(line.strip().strip("\u2502\u2503|").strip() == text for line in screen.splitlines())
