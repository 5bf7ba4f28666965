"""The app answers keys while the search index is being built (issue 14).

At 10,000 calls the first build takes minutes; a user must be able to read,
move and open help meanwhile. The build is held back on purpose here: the
searcher's index step waits at a gate the test opens only after the keys
have been answered, so a build that ran on the UI thread (or held it up)
would leave every key unanswered and the test would time out, however fast
the machine."""

from __future__ import annotations

import threading

from textual.widgets import OptionList, Static

from transcripts.search import searcher as searcher_module
from tests.tui.waiting import until
from tui.app import EarmarkApp
from tui.screens.help import HelpScreen

SIZE = (140, 40)
WAIT = 30.0




def status_text(app) -> str:
    return str(app.query_one("#search-status", Static).render())


async def test_keys_are_answered_while_the_index_builds(samples_copy, monkeypatch):
    started, gate, finished = threading.Event(), threading.Event(), threading.Event()
    build = searcher_module.Searcher.ensure_index

    def slow_build(self, *args, **kwargs):
        started.set()
        gate.wait(WAIT)  # a build that takes as long as the test needs
        try:
            return build(self, *args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(searcher_module.Searcher, "ensure_index", slow_build)
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        await until(started.is_set, "the index build to start")
        await until(lambda: app.current_call is not None, "a call on screen")
        app.reader.focus()
        before = app.reader.cursor
        await pilot.press("j", "j")
        assert app.reader.cursor == before + 2  # the cursor moved
        assert not finished.is_set()

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)  # help opened
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert not finished.is_set()

        await pilot.press("slash")
        app.query_one("#search-input").value = "revenue"
        await pilot.pause(0.4)  # past the typing pause: the query is asked
        hits = app.query_one("#search-hits", OptionList)
        # answered already (an engine may search what is indexed so far) or says it is getting ready
        assert hits.option_count > 0 or "index" in status_text(app)
        assert not finished.is_set()

        gate.set()  # the build finishes; the query typed meanwhile is answered
        await until(lambda: hits.option_count > 0, "hits once the index is built")
        await until(finished.is_set, "the build to finish")
        await pilot.pause()
