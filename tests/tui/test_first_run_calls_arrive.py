"""On a first run the app is usable on the calls already parsed (issue 14):
the calls pane fills while the rest load, a listed call opens at once, and
search answers over what is indexed so far.

The load is held back on purpose: after the first dozen files each parse
takes a while, and the last one waits at a gate the test opens only at the
end, so an app that listed its calls only once all were in would leave the
pane empty, and the test would time out however fast the machine."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.catalog.catalog_kit import write_calls
from transcripts import file_parse
from tests.tui.waiting import until
from transcripts.search import searcher_for
from tui.app import EarmarkApp

SIZE = (140, 40)
WAIT = 30.0
CALLS = 40
BEFORE_GATE = 12
SLOW = 0.1
"""Seconds each parse after the first ``BEFORE_GATE`` takes."""
MARK = "zanzibarite"
"""A word only one early call says (it is parsed before the gate)."""




@pytest.fixture
def held_load(tmp_path, monkeypatch):
    """A folder of calls whose load slows down after ``BEFORE_GATE`` files
    and cannot finish until the test sets the returned event."""
    folder = tmp_path / "calls"
    paths = sorted(write_calls(folder, CALLS, words=300))
    marked = paths[0]  # parsed among the first: files load in name order
    marked.write_text(marked.read_text(encoding="utf-8")
                      + f"\nOperator\nOur {MARK} shipments doubled this quarter.\n", encoding="utf-8")
    gate, parsed = threading.Event(), []
    real = file_parse.parse_bytes

    def held(path, data):
        parsed.append(Path(path).name)
        if len(parsed) == CALLS + 1:  # the last file (the first call is parsed twice: early, then loaded)
            gate.wait(WAIT)
        elif len(parsed) > BEFORE_GATE:
            time.sleep(SLOW)
        return real(path, data)

    monkeypatch.setattr(file_parse, "parse_bytes", held)
    return folder, gate


@contextlib.asynccontextmanager
async def running(folder: Path, gate: threading.Event):
    """The app on ``folder``; the gate opens however the test ends (the
    loader's thread must not wait at it while the app closes)."""
    app = EarmarkApp([str(folder)])
    try:
        async with app.run_test(size=SIZE) as pilot:
            try:
                yield app, pilot
            finally:
                gate.set()
    finally:
        gate.set()


def listed(app) -> list:
    return app.calls_pane.shown_calls


async def test_calls_are_listed_and_open_while_the_rest_load(held_load):
    folder, gate = held_load
    async with running(folder, gate) as (app, pilot):
        await until(lambda: len(listed(app)) >= 5, "calls in the calls pane before the load ends")
        assert app.is_loading and not gate.is_set()
        shown = listed(app)
        assert len(shown) < CALLS
        assert [c.sort_key for c in shown] == sorted(c.sort_key for c in shown)  # company and period order
        assert "calls" in app.status.text and f"/{CALLS} calls" in app.status.text  # loading n/40 calls

        # Open a listed call that is not the one on screen, from the pane, by keys.
        other = next(c for c in shown if app.current_call is None or c.path != app.current_call.path)
        pane = app.calls_pane
        pane.focus()
        pane.mark_current(other.id)
        assert pane.highlighted_call_id == other.id
        await pilot.press("enter")
        await until(lambda: app.current_call is not None and app.current_call.path == other.path,
                    "the chosen call to open")
        assert app.is_loading and not gate.is_set()  # still loading: it opened from the part loaded
        assert app.current_call.turns and app.reader.has_focus
        await pilot.press("j", "j")
        assert app.reader.cursor == 2

        gate.set()
        await until(lambda: not app.is_loading, "the load to finish")
        assert len(listed(app)) == CALLS
        assert app.current_call.path == other.path  # the call being read stays open
        assert app.reader.cursor == 2
        assert f"{CALLS} calls" in app.status.text


async def test_search_answers_over_the_calls_indexed_so_far(held_load):
    pytest.importorskip("tantivy")
    folder, gate = held_load
    async with running(folder, gate) as (app, pilot):
        await until(lambda: "indexed" in app.status.text, "the index to start on the calls loaded so far")
        assert app.is_loading and not gate.is_set()
        await pilot.press("slash")
        app.query_one("#search-input").value = MARK
        hits = app.query_one("#search-hits", OptionList)
        await until(lambda: hits.option_count > 0, "hits before the load ends")
        assert app.is_loading and not gate.is_set()
        pane = app.query_one("#search")
        assert [h.call for h in pane.hits] and all(app.corpus.entry(h.call) for h in pane.hits)
        assert MARK in pane.hits[0].text
        assert "loaded so far" in str(app.query_one("#search-status").render())

        await pilot.press("enter")  # a hit opens its call, mid-load
        await until(lambda: app.current_call is not None and MARK in app.current_call.text, "the hit's call")
        gate.set()
        await until(lambda: not app.is_loading, "the load to finish")
        # (not workers.wait_for_complete: a build replaced by the next one is cancelled on purpose)
        await until(lambda: "indexed" not in app.status.text, "the index figure to go once it is complete")
        pane = app.query_one("#search")
        assert pane._index_ready and not pane._building
        assert len(searcher_for(app.corpus).backend.indexed()) == CALLS
