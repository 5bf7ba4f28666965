"""A key that finds nothing to do says so in the status bar (issue 9 item
21), the active search's position stays in the status bar, and
notifications never cover the bar's save state (item 23)."""

from __future__ import annotations

from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def message(app) -> str:
    return app.status.part("message")


async def test_s_on_a_speakers_last_turn_says_there_is_no_later_one(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        speaker = reader.current_turn.speaker
        last = max(t.index for t in call.turns if t.speaker.key == speaker.key and t.first_sentence < t.end_sentence)
        reader.goto_turn(last)
        await pilot.pause()
        assert message(app) == ""
        before = reader.cursor
        await pilot.press("s")
        await pilot.pause()
        assert reader.cursor == before
        assert message(app) == f"no later turn by {speaker.name}"
        assert message(app) in app.status.text
        await pilot.press("k")  # any move ends the message
        await pilot.pause()
        assert message(app) == ""


async def test_question_and_turn_keys_at_the_end_say_so(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        reader.goto_turn(call.exchanges[-1].first_turn)
        await pilot.pause()
        before = reader.cursor
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader.cursor == before and message(app) == "no question after this one"
        await pilot.press("G", "j")
        await pilot.pause()
        assert message(app) == "end of the call"
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert message(app) == "this is the last turn"
        await pilot.press("g", "k")
        await pilot.pause()
        assert message(app) == "start of the call"


async def test_next_call_on_the_last_call_says_so(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        calls = app.corpus.calls
        app.open_call(calls[-1].id)
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.current_call is calls[-1]
        assert message(app) == "this is the last call"
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.current_call is calls[-2] and message(app) == ""
        app.open_call(calls[0].id)
        await pilot.pause()
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert message(app) == "this is the first call"


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await workers_idle(app)
    await pilot.pause()


async def test_the_search_position_stays_in_the_status_bar(samples_copy):
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        await settle(app, pilot)
        pane.input.value = "revenue"
        await settle(app, pilot)
        n = len(pane.hits)
        assert n > 2
        assert app.status.part("search") == f"{n} hits \u00b7 /revenue"
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.part("search") == f"hit 1/{n} \u00b7 /revenue"
        await pilot.press("n", "n")
        await pilot.pause(3)  # longer than any notification about the hit stays
        assert f"hit 3/{n}" in app.status.text
        await pilot.press("N")
        await pilot.pause()
        assert f"hit 2/{n}" in app.status.text
        await pilot.press("escape")  # the search put away: the bar says nothing of it
        await pilot.pause()
        assert "hit " not in app.status.text


async def test_notifications_do_not_cover_the_save_state(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("1")  # tag: the bar says saved, and x's toast is about to come
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app._notifications, "a toast is shown"
        rack = app.screen.query_one("ToastRack")
        toasts = [t.region for t in rack.query("Toast")]
        assert toasts
        bar = app.status.region
        assert all(not t.overlaps(bar) for t in toasts), (toasts, bar)
        assert "[saved]" in app.status.text
