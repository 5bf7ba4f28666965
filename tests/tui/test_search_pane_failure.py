"""A search that fails for an unexpected reason (a bug, a broken cache) is a
one-line message in the pane, not a traceback that closes the app and the
user's reading session."""

from __future__ import annotations

from transcripts.search.searcher import Searcher
from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await workers_idle(app)
    await pilot.pause()


async def test_a_failing_search_is_a_message_and_the_app_stays(samples_copy, monkeypatch):
    working = Searcher.run
    failing = [True]

    def broken(self, *args, **kwargs):
        if failing[0]:
            raise IndexError("array index out of range")
        return working(self, *args, **kwargs)

    app = EarmarkApp([str(samples_copy)])
    app.installers = ["tui.widgets.search_pane:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        await settle(app, pilot)
        monkeypatch.setattr(Searcher, "run", broken)
        for ch in "revenue":
            await pilot.press(ch)
        await settle(app, pilot)
        status = str(pane.query_one("#search-status").render())
        assert "search failed" in status and "array index out of range" in status
        assert "\n" not in status and pane.hits == []
        assert app.is_running and pane.display

        # once the search works again, so does the pane
        failing[0] = False
        await pilot.press("space")
        await settle(app, pilot)
        assert pane.hits


async def test_an_index_report_arriving_as_the_app_closes_is_dropped(samples_copy):
    """The index's worker reports its progress from its thread; a report
    that arrives after the pane's widgets are gone (the app closing) must
    not fail the worker and end the app with a traceback (seen in CI: the
    quit came while a first run was still indexing)."""
    app = EarmarkApp([str(samples_copy)])
    app.installers = ["tui.widgets.search_pane:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(SearchPane)
        await pane.query_one("#search-status").remove()
        pane._index_progress(37, 40)
        pane._index_failed("search index failed: gone")
        await pilot.pause()
    assert app._exception is None
