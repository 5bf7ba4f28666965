"""Screenshots of looks issue 9 changed: the 80x24 terminal whose side
panes gave way to the transcript (item 22), and the status bar holding the
active search's position (item 23). Approved SVGs in ``__snapshots__``."""

from __future__ import annotations

from tests.conftest import Q4_2003, SAMPLES
from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS
from benchmarks.harness import settle as workers_idle


async def loaded(pilot) -> None:
    await workers_idle(pilot.app)
    await pilot.pause()


def test_narrow_terminal(snap_compare):
    app = EarmarkApp([str(SAMPLES / Q4_2003)], installers=[])

    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "j")
        # The notice that the panes gave way is a toast for a few seconds:
        # gone, so the picture does not depend on the machine's speed.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_search_position_in_the_status_bar(snap_compare, samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])

    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("slash")
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await workers_idle(pilot.app)
        await pilot.press(*"guidance")
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await workers_idle(pilot.app)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(130, 36), run_before=run_before)
