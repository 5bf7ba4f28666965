"""The ``tmux`` fixture of the end-to-end tests (helpers in ``tmux.py``)."""

from __future__ import annotations

import sys

import pytest

from tests.e2e.tmux import Tmux, skip_reason


@pytest.fixture
def tmux(earmark_home):
    """A private tmux server for one test, killed when the test ends (pass
    or fail). Skips, saying why, where tmux or earmark is missing."""
    reason = skip_reason()
    if reason:
        print(f"skipping the tmux end-to-end test: {reason}", file=sys.stderr)
        pytest.skip(reason)
    server = Tmux()
    try:
        yield server
    finally:
        server.kill()
