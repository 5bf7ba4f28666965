"""The new keys are in help (with their ids, for the keymap), in the
command palette, and remappable."""

from __future__ import annotations

from tests.conftest import Q4_2003
from tests.panes.team_calls import ready
from tui.app import EarmarkApp
from tui.config import Config
from tui.screens.all_annotations import AllAnnotationsScreen
from tui.screens.help import HelpScreen

SIZE = (140, 40)


async def test_help_lists_the_pane_and_review_keys_with_their_ids(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for binding_id in ("annotations.review", "annotations.all", "calls.filter", "speakers.sort", "speakers.role"):
            assert binding_id in text, binding_id
        assert "Mark reviewed (again: not reviewed)" in text


async def test_the_palette_opens_every_calls_annotations(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"annotations: every call")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await ready(app, pilot)
        assert isinstance(app.screen, AllAnnotationsScreen)


async def test_the_new_keys_can_be_remapped(samples_copy):
    config = Config(keymap={"annotations.all": "ctrl+b", "speakers.sort": "O"})
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+b")
        await ready(app, pilot)
        assert isinstance(app.screen, AllAnnotationsScreen)
        await pilot.press("escape")
        app.speakers_pane.focus()
        await pilot.press("O")
        assert app.speakers_pane.sort == "name"
