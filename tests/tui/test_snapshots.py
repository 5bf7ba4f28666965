"""Screenshots of the reader at a fixed size, compared with approved SVGs in
``tests/tui/__snapshots__`` (update with ``pytest --snapshot-update`` after
checking the change by eye)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Q4_2003, SAMPLES
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (130, 36)

READER_ONLY: list[str] = []
"""No other features installed: these tests are about the reader alone."""


def sample_app() -> EarmarkApp:
    return EarmarkApp([str(SAMPLES / Q4_2003)], installers=READER_ONLY)


async def loaded(pilot) -> None:
    await workers_idle(pilot.app)
    await pilot.pause()


def test_main_screen(snap_compare):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "j")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=run_before)


def test_main_screen_in_qa(snap_compare):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    # The help names the config file in use: a fixed one, not the test's
    # temporary EARMARK_HOME, so the screenshot is the same on every run.
    app = EarmarkApp([str(SAMPLES / Q4_2003)], installers=READER_ONLY,
                     config=Config(path=Path("/home/you/.config/earmark/config.yaml")))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_speaker_filter(snap_compare):
    async def run_before(pilot) -> None:
        await loaded(pilot)
        speakers = pilot.app.query_one("#speakers")
        speakers.focus()
        speakers.highlighted = speakers.get_option_index("dana evan")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=run_before)


def test_main_screen_with_every_feature(snap_compare, samples_copy):
    """As a user runs it: annotations, search and export installed; the
    annotations pane under the outline, a sentence tagged ``metric`` (its
    highlight and gutter mark), the footer with every feature's main keys."""
    app = EarmarkApp([str(samples_copy / Q4_2003)])  # the default installers

    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "j", "1")
        await pilot.pause()
        await pilot.press("j", "j")
        await workers_idle(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
