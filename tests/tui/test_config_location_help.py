"""Where config.yaml lives is said in ``earmark --help`` and on the help
screen (``?``): the path in use, and how to move it."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import Q4_2003
from transcripts.locations import config_file
from tui.app import EarmarkApp
from benchmarks.harness import settle as workers_idle


def test_earmark_help_names_the_config_file_and_the_override():
    out = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert str(config_file()) in out
    assert "EARMARK_CONFIG_DIR" in out and "EARMARK_HOME" in out
    assert "macOS" in out and "Windows" in out


async def test_the_help_screen_names_the_config_file(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=(140, 40)) as pilot:
        await workers_idle(app)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert str(config_file()) in text and "EARMARK_CONFIG_DIR" in text
