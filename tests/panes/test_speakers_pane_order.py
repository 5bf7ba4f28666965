"""The speakers pane sorts by name, turns or role (``s`` cycles, the title
says which) and shows one role at a time (``F`` cycles)."""

from __future__ import annotations

from tui.app import EarmarkApp
from tui.config import Config

from tests.panes.team_calls import ready, write_team_call

SIZE = (140, 40)


def listed(app) -> list[str]:
    pane = app.speakers_pane
    call = app.current_call
    return [call.speaker(pane.get_option_at_index(i).id).name for i in range(pane.option_count)]


async def test_s_cycles_the_order_and_r_the_role(tmp_path):
    write_team_call(tmp_path, "Acme", 2024, 3)
    app = EarmarkApp([str(tmp_path)], config=Config())
    app.installers = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        pane = app.speakers_pane
        pane.focus()
        as_spoken = listed(app)
        assert as_spoken == ["Operator", "Mary Vee", "John Doe", "Jane Roe", "Ted Low", "Sam Poe"]
        assert pane.border_title == "Speakers"
        await pilot.press("s")
        assert listed(app) == sorted(as_spoken) and pane.border_title == "Speakers \u00b7 by name"
        await pilot.press("s")
        assert listed(app)[:2] == ["Operator", "Jane Roe"]  # 2 turns each, in the order they first speak
        assert pane.border_title == "Speakers \u00b7 by turns"
        await pilot.press("s")
        assert listed(app) == ["Mary Vee", "John Doe", "Jane Roe", "Ted Low", "Sam Poe", "Operator"]
        assert pane.border_title == "Speakers \u00b7 by role"
        await pilot.press("s")
        assert listed(app) == as_spoken
        await pilot.press("F")
        assert listed(app) == ["Mary Vee", "John Doe", "Jane Roe", "Ted Low"]
        assert pane.border_title == "Speakers \u00b7 executives 4/6"
        await pilot.press("F")
        assert listed(app) == ["Sam Poe"] and pane.border_title == "Speakers \u00b7 analysts 1/6"
        await pilot.press("F", "F")
        assert listed(app) == as_spoken and pane.border_title == "Speakers"
        # enter still jumps to the highlighted speaker's first turn
        await pilot.press("F", "F", "enter")
        turn = app.reader.current_turn
        assert turn.speaker.name == "Sam Poe"
