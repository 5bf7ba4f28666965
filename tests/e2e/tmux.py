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

REPO = Path(__file__).resolve().parents[2]


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

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        """The screen, once ``needle`` is on it (else fail showing it)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared on screen:\n{screen}")

    def keys(self, *keys: str, literal: bool = False, pause: float = 0.15) -> None:
        """Each key (tmux names: ``Enter``, ``C-s``), or with ``literal``
        each string typed as text."""
        for key in keys:
            self.run("send-keys", "-t", self.name, *(["-l"] if literal else []), key)
            time.sleep(pause)

    def wait_dead(self, timeout: float = 10.0) -> None:
        """Until the app has exited (its pane is dead)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = self.run("display-message", "-p", "-t", self.name, "#{pane_dead}", check=False).stdout.strip()
            if dead == "1":
                return
            time.sleep(0.2)
        raise AssertionError(f"the app did not exit:\n{self.screen()}")

    def kill(self) -> None:
        """Stop the server (and the app in it) and remove its socket."""
        try:
            self.run("kill-server", check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
