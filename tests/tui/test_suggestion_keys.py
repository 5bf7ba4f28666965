"""Suggestions in the app, through Pilot: move between them, accept, accept
as the other tag, dismiss, accept a whole turn; the ledger and the
quarter-over-quarter screens."""

from __future__ import annotations

import yaml

from annotations.suggest import suggest_call
from tests.conftest import Q1_2003, Q4_2003
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
INSTALLERS = ["tui.annotations_ui:install", "tui.suggestions_ui:install"]


def make_app(paths) -> EarmarkApp:
    app = EarmarkApp([str(p) for p in paths], config=Config())
    app.installers = list(INSTALLERS)
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()
    await workers_idle(app)
    await pilot.pause()


def on_disk(transcript) -> dict:
    path = sidecar_path(transcript)
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


async def test_next_suggestion_then_accept_writes_it_with_its_fields(samples_copy):
    transcript = samples_copy / Q4_2003
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        marks = app.suggestions.marks.items
        assert len(marks) == 16
        first = min(marks, key=lambda s: s.start)
        await pilot.press("full_stop")
        call = app.current_call
        assert call.sentence_starts[app.reader.cursor] == first.start
        await pilot.press("A")
        (item,) = on_disk(transcript)["annotations"]
        assert (item["start"], item["end"]) == (first.start, first.end)
        assert item["tags"] == first.tags and item["fields"] == first.fields
        assert first.start not in [s.start for s in app.suggestions.marks.items], "an accepted one is no longer proposed"
        # Two on and one back lands on the next one; nothing is left before it.
        second, third = sorted(app.suggestions.marks.items, key=lambda s: s.start)[:2]
        await pilot.press("full_stop", "full_stop")
        assert call.sentence_starts[app.reader.cursor] == third.start
        await pilot.press("comma")
        assert call.sentence_starts[app.reader.cursor] == second.start
        await pilot.press("comma")
        assert call.sentence_starts[app.reader.cursor] == second.start
        assert "No more suggestions above" in app.status.part("message")


async def test_accept_as_the_other_tag_and_dismiss(samples_copy):
    transcript = samples_copy / Q4_2003
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("full_stop")
        one = app.suggestions.under_cursor()
        await pilot.press("R")
        (item,) = on_disk(transcript)["annotations"]
        assert item["tags"] == [{"metric": "guidance", "guidance": "metric"}[one.tag]]
        await pilot.press("full_stop")
        two = app.suggestions.under_cursor()
        assert two is not None and two.start != one.start
        await pilot.press("d")
        doc = on_disk(transcript)
        assert doc["dismissed"] == [" ".join(two.text.split())]
        assert len(doc["annotations"]) == 1, "dismissing annotates nothing"
        assert two.start not in [s.start for s in app.suggestions.marks.items]


async def test_accept_every_suggestion_of_the_turn(samples_copy):
    transcript = samples_copy / Q4_2003
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        items = app.suggestions.marks.items
        turn = max({s.turn for s in items}, key=lambda t: sum(1 for s in items if s.turn == t))
        expected = {(s.start, s.end) for s in items if s.turn == turn}
        assert len(expected) >= 2
        app.reader.goto_offset(min(expected)[0])
        await pilot.press("T")
        written = {(a["start"], a["end"]) for a in on_disk(transcript)["annotations"]}
        assert written == expected


async def test_a_key_with_no_suggestion_under_the_cursor_says_so(samples_copy):
    transcript = samples_copy / Q4_2003
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.suggestions.under_cursor() is None  # the operator's opening
        await pilot.press("A")
        await pilot.pause()
        assert not sidecar_path(transcript).exists()
        assert "No suggestion on this sentence" in app.status.part("message")


async def test_the_ledger_screen_lists_guides_and_enter_opens_the_quote(samples_copy):
    app = make_app([samples_copy])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("dollar_sign")
        await ready(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "LedgerScreen"
        assert screen.rows, "the samples hold guidance"
        first = screen.rows[0].guidance
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "LedgerScreen"
        call = app.current_call
        assert call.id == first.call
        assert call.sentence_starts[app.reader.cursor] <= first.start < call.sentence_ends[app.reader.cursor]


async def test_compare_with_the_previous_quarter(samples_copy):
    app = make_app([samples_copy])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.open_call("verisign-2003-q4")
        await ready(app, pilot)
        await pilot.press("equals_sign")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "CompareScreen"
        assert (screen.before.id, screen.after.id) == ("verisign-2003-q1", "verisign-2003-q4")
        kinds = {r.kind for r in screen.rows}
        assert {"new", "dropped"} <= kinds
        await pilot.press("tab")
        assert screen.part == 1
        await pilot.press("escape")
        app.open_call("verisign-2003-q1")
        await ready(app, pilot)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert type(app.screen).__name__ != "CompareScreen"
        assert "No earlier call" in app.status.part("message")


async def test_the_palette_offers_the_ledger_and_the_comparison(samples_copy):
    from tui.suggestions_ui import SuggestionCommands

    app = make_app([samples_copy])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert SuggestionCommands in app.COMMANDS
        texts = [t for t, _, _ in SuggestionCommands(app.screen).entries()]
        assert any(t.startswith("ledger:") for t in texts)
        assert "compare with the previous quarter" in texts


async def test_a_next_suggestion_asked_before_they_are_known_goes_there_once_they_are(samples_copy, monkeypatch):
    """``.`` pressed as a call opens, while its suggestions are still being
    worked out, is not told "no suggestions": the cursor goes to the first
    one once they are in."""
    import threading

    from annotations import suggest

    transcript = samples_copy / Q4_2003
    gate = threading.Event()
    real = suggest.open_suggestions

    def held(call, session):
        gate.wait(10)
        return real(call, session)

    monkeypatch.setattr(suggest, "open_suggestions", held)
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_call is not None and not app.suggestions.marks.items
        await pilot.press("full_stop")
        assert app.reader.cursor == 0 and "no suggestions" not in app.status.text.lower()
        gate.set()
        await ready(app, pilot)
        first = min(app.suggestions.marks.items, key=lambda s: s.start)
        assert app.current_call.sentence_starts[app.reader.cursor] == first.start
        assert "suggested" in app.status.text
