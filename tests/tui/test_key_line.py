"""The line of keys at the bottom: the keys of what has focus, as many as
fit, the command palette's key at the right end, and a click on a key
presses it."""

from __future__ import annotations

from benchmarks.harness import settle
from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from tui.screens.help import HelpScreen
from tui.widgets.key_line import KeyLine

SIZE = (140, 40)


def line_text(app) -> str:
    return app.query_one("#keys", KeyLine).render().plain


async def test_the_line_shows_the_focused_panes_keys_and_follows_focus(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        reading = line_text(app)
        assert "Same speaker" in reading and "? Help" in reading
        assert reading.rstrip().endswith("^p Commands")
        assert len(reading) == SIZE[0]  # the palette's key at the right end, the rest cut before it
        app.query_one("#speakers").focus()
        await pilot.pause()
        await pilot.pause()
        assert line_text(app) != reading and "Same speaker" not in line_text(app)


async def test_a_narrow_line_keeps_the_palettes_key(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(app)
        await pilot.pause()
        text = line_text(app)
        assert len(text) == 60 and text.rstrip().endswith("^p Commands")


async def test_clicking_a_key_presses_it(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        line = app.query_one("#keys", KeyLine)
        line.render()
        (help_key,) = [s for s in line.spans if s.key == "question_mark"]
        await pilot.click("#keys", offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
