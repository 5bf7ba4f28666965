"""The search pane through Pilot: ``/``, typing (debounced, in a worker),
the hits grouped or ranked, ``enter`` opening a hit, ``n``/``N`` in the
reader, the scope toggle and a bad filter."""

from __future__ import annotations

from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


def make_app(samples_copy) -> EarmarkApp:
    app = EarmarkApp([str(samples_copy)])
    app.installers = ["tui.widgets.search_pane:install"]
    return app


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await workers_idle(app)
    await pilot.pause()


async def type_query(app, pilot, text: str) -> SearchPane:
    await pilot.press("slash")
    pane = app.query_one(SearchPane)
    assert pane.display and pane.input.has_focus
    await settle(app, pilot)  # the index is built once the corpus is in
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await settle(app, pilot)
    return pane


def status_text(pane: SearchPane) -> str:
    return str(pane.query_one("#search-status").render())


async def test_typing_a_query_shows_hits_and_enter_opens_one(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "defered revnue")
        hits = pane.hits
        assert hits and {h.call for h in hits} == {"verisign-2003-q1", "verisign-2003-q4"}
        # grouped by call in period order: every Q1 hit before every Q4 hit
        calls = [h.call for h in hits]
        assert calls == sorted(calls, key=lambda c: c.endswith("q4"))
        assert "matches" in status_text(pane)
        # each hit shows the sentence with the matched words highlighted
        prompt = pane.hit_list.get_option(f"hit-0").prompt
        marked = {prompt.plain[s.start:s.end].casefold() for s in prompt.spans if "reverse" in str(s.style)}
        assert {"deferred", "revenue"} <= marked

        await pilot.press("enter")
        await pilot.pause()
        first = hits[0]
        assert not pane.display and app.reader.has_focus
        assert app.current_call.id == first.call
        assert app.reader.cursor == first.sentence

        await pilot.press("n")
        await pilot.pause()
        assert (app.current_call.id, app.reader.cursor) == (hits[1].call, hits[1].sentence)
        await pilot.press("N", "N")
        await pilot.pause()
        last = hits[-1]  # wraps around
        assert (app.current_call.id, app.reader.cursor) == (last.call, last.sentence)


async def test_rank_toggle_and_scope_to_the_open_call(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "guidance")
        await pilot.press("ctrl+g")
        await pilot.pause()
        scores = [h.score for h in pane.hits]
        assert not pane.grouped and scores == sorted(scores, reverse=True)
        assert len({h.call for h in pane.hits}) == 2
        open_call = "verisign-2003-q4"
        assert app.open_call(open_call)
        pane.input.focus()
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert pane.hits and {h.call for h in pane.hits} == {open_call}
        assert "this call" in status_text(pane)


async def test_bad_filter_shows_the_error_and_escape_closes(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "revenue speakr:evan")
        assert pane.hits == [] and "unknown filter 'speakr:'" in status_text(pane)
        await pilot.press("escape")
        await pilot.pause()
        assert not pane.display and app.reader.has_focus


async def test_no_match_suggests_words(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "revnu ")
        assert pane.hits == []
        assert "no matches" in status_text(pane) and "revenue" in status_text(pane)


async def test_the_index_is_built_as_soon_as_the_calls_are_in(samples_copy, monkeypatch):
    """A search typed right after start waits for the index: it is begun
    when the corpus arrives, not at the pane's next look for new calls."""
    import tui.widgets.search_pane as search_pane

    monkeypatch.setattr(search_pane, "WATCH_SECONDS", 1000)
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(SearchPane)
        for _ in range(200):
            await pilot.pause(0.05)
            if pane._index_ready:
                break
        assert pane._index_ready and app.corpus.entries
