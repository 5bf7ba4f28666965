"""Up / down in the search box recall earlier queries, kept per user
(issue 12 item 8): most recent first, each once, across a restart; down
still moves through the hits, and up on the first hit goes to the history."""

from __future__ import annotations

from tests.tui.test_search_pane import settle, type_query
from tui.app import EarmarkApp
from tui.widgets.search_pane import SearchPane

SIZE = (140, 40)


def make_app(samples_copy) -> EarmarkApp:
    app = EarmarkApp([str(samples_copy)])
    app.installers = ["tui.widgets.search_pane:install"]
    return app


async def search_and_open(app, pilot, text: str) -> None:
    pane = await type_query(app, pilot, text)
    assert pane.hits, text
    await pilot.press("enter")
    await pilot.pause()


async def test_up_and_down_recall_earlier_queries_after_a_restart(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "revenue")
        pane = app.query_one(SearchPane)
        pane.input.value = ""
        await search_and_open(app, pilot, "margin")
        pane.input.value = ""
        await search_and_open(app, pilot, "revenue")  # again: once, now the newest

    again = make_app(samples_copy)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await pilot.press("slash")
        pane = again.query_one(SearchPane)
        await pilot.press("u", "p")  # a draft, brought back by down
        await settle(again, pilot)
        assert pane.hit_list.highlighted in (None, 0, 1)  # on the first hit (or none)
        await pilot.press("up")
        assert pane.input.value == "revenue"
        await pilot.press("up")
        assert pane.input.value == "margin"
        await settle(again, pilot)
        await pilot.press("up")  # the oldest: stays, and says so
        assert pane.input.value == "margin"
        assert "no earlier search" in str(pane.query_one("#search-status").render())
        await pilot.press("down")
        assert pane.input.value == "revenue"
        await pilot.press("down")
        assert pane.input.value == "up"


async def test_down_moves_through_the_hits_and_up_back_to_the_history(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "margin")
        pane = app.query_one(SearchPane)
        await pilot.press("slash")
        pane.input.value = ""
        for ch in "revenue":
            await pilot.press(ch)
        await settle(app, pilot)
        first = pane.hit_list.highlighted
        await pilot.press("down", "down")
        assert pane.hit_list.highlighted > first
        assert pane.input.value == "revenue"
        await pilot.press("up", "up")
        assert pane.hit_list.highlighted == first and pane.input.value == "revenue"
        await pilot.press("up")  # past the first hit: the earlier query
        assert pane.input.value == "margin"
        await pilot.press("backspace")  # editing it leaves the history
        await settle(app, pilot)
        await pilot.press("down")
        assert pane.input.value == "margi"


async def test_the_history_is_bounded_and_has_no_repeats(tmp_path):
    from tui.user_state import HISTORY_LIMIT, UserState

    state = UserState.load(tmp_path / "state.json")
    for i in range(HISTORY_LIMIT + 20):
        state.add_query(f"q{i % (HISTORY_LIMIT + 10)}")
    assert state.save()
    history = UserState.load(tmp_path / "state.json").history()
    assert len(history) == HISTORY_LIMIT == len(set(history))
    assert history[0] == f"q{(HISTORY_LIMIT + 19) % (HISTORY_LIMIT + 10)}"
