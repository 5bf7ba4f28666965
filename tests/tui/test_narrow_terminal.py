"""Narrow terminals (issue 9 item 22): below 100 columns the side panes
give way by themselves, the transcript takes the width, ``w`` brings them
back, and widening the terminal shows them again."""

from __future__ import annotations

from tests.conftest import Q4_2003
from tui.app import NARROW_WIDTH, EarmarkApp
from benchmarks.harness import settle as workers_idle


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


async def test_at_80_columns_the_transcript_gets_the_width(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert not app.calls_pane.display and not app.query_one("#side").display
        assert app.reader.size.width >= 76
        assert app.reader.has_focus
        await pilot.press("w")
        await pilot.pause()
        assert app.calls_pane.display and app.speakers_pane.display
        await pilot.press("w")
        await pilot.pause()
        assert not app.calls_pane.display


async def test_widening_brings_the_panes_back_and_narrowing_hides_them(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        assert app.calls_pane.display and app.speakers_pane.display
        wide = app.reader.size.width
        await pilot.resize_terminal(NARROW_WIDTH - 10, 30)
        await pilot.pause()
        assert not app.calls_pane.display
        assert app.reader.size.width >= NARROW_WIDTH - 14
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert app.calls_pane.display and app.speakers_pane.display
        assert app.reader.size.width == wide


async def test_a_pane_hidden_by_hand_stays_hidden_after_widening(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("c")
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert not app.calls_pane.display and app.speakers_pane.display
