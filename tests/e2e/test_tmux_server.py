"""The tmux helper leaves nothing behind: its server is private (another
server's sessions are not seen) and killing it ends the app and removes the
socket (stale sessions had been found lingering after test runs)."""

from __future__ import annotations

import pytest

from tests.e2e.tmux import Tmux

pytestmark = pytest.mark.e2e


def test_a_private_server_is_gone_after_kill(tmux, samples_copy, earmark_home):
    tmux.start(earmark_home, str(samples_copy), width=100, height=30)
    tmux.wait_for("sentence 1/")
    other = Tmux()  # a second private server does not see the first one's session
    try:
        assert other.run("has-session", "-t", tmux.name, check=False).returncode != 0
    finally:
        other.kill()
    assert tmux.run("has-session", "-t", tmux.name, check=False).returncode == 0
    tmux.kill()
    assert tmux.run("has-session", "-t", tmux.name, check=False).returncode != 0
    assert not tmux.folder.exists()
