"""Find in the calls pane: typing filters the calls by company, ticker or
period; the title and the status bar show the filter; escape clears it."""

from __future__ import annotations

from tui.app import EarmarkApp
from tui.config import Config
from tui.widgets.calls_filter import call_passes
from transcripts import load_corpus

from tests.panes.team_calls import ready, write_team_call

SIZE = (140, 40)


def calls_folder(tmp_path):
    for company, year, quarter in (("Acme", 2024, 3), ("Acme", 2024, 4), ("Beta", 2025, 1), ("Jupiter", 2024, 3)):
        write_team_call(tmp_path, company, year, quarter)
    return tmp_path


def folder_app(tmp_path) -> EarmarkApp:
    app = EarmarkApp([str(calls_folder(tmp_path))], config=Config())
    app.installers = []
    return app


def labels(app) -> list[str]:
    return [c.label for c in app.calls_pane.shown_calls]


async def test_typing_in_the_calls_pane_filters_and_escape_clears(tmp_path):
    app = folder_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.calls_pane.focus()
        await pilot.press("a", "c", "m")
        assert labels(app) == ["Acme Q3 2024", "Acme Q4 2024"]
        assert "/acm" in app.calls_pane.border_title
        assert "calls /acm: 2 of 4" in app.status.text
        await pilot.press("backspace", "backspace", "backspace", "2", "0", "2", "4", "q", "3")
        assert labels(app) == ["Acme Q3 2024", "Jupiter Q3 2024"]
        await pilot.press("escape")  # clears the filter, stays in the pane
        assert len(labels(app)) == 4 and app.calls_pane.has_focus
        assert app.calls_pane.border_title == "Calls" and "calls /" not in app.status.text
        # After ctrl+f (or once typing), j and k are letters: "jup" finds Jupiter.
        await pilot.press("ctrl+f", "j", "u", "p")
        assert labels(app) == ["Jupiter Q3 2024"]
        await pilot.press("enter")
        assert app.current_call.company == "Jupiter" and app.reader.has_focus
        assert "calls /jup: 1 of 4" in app.status.text, "the filter stays shown while it is on"
        app.calls_pane.focus()
        await pilot.press("escape", "escape")  # clear, then back to the transcript
        assert app.reader.has_focus and len(labels(app)) == 4


async def test_ctrl_f_starts_the_filter_and_j_k_move_without_one(tmp_path):
    app = folder_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.calls_pane.focus()
        before = app.calls_pane.highlighted_call_id
        await pilot.press("k")
        assert app.calls_pane.highlighted_call_id not in (before, None) and app.calls_pane.filter_text == ""
        await pilot.press("ctrl+f", "k")
        assert app.calls_pane.filter_text == "k" and labels(app) == []


def test_period_and_company_spellings(tmp_path):
    write_team_call(tmp_path, "Acme", 2024, 3, stem="ACME_q3_2024")
    (call,) = load_corpus([tmp_path]).calls
    for typed in ("acme", "ACM", "acne", "q3", "2024", "2024q3", "q3-2024", "3q24", "acme q3"):
        assert call_passes(typed, call), typed
    for typed in ("beta", "q4", "2023", "2024q4", "acme q1"):
        assert not call_passes(typed, call), typed


async def test_the_filter_takes_letters_that_are_reader_keys_elsewhere(tmp_path):
    """With every feature installed, m (mark), Q (Q&A) and ' (go to mark) typed
    in the calls pane are letters of the filter, not jumps in the reader."""
    write_team_call(tmp_path, "Mqm", 2024, 3)
    app = EarmarkApp([str(calls_folder(tmp_path))], config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.calls_pane.focus()
        await pilot.press("m", "Q")
        await pilot.pause()
        assert "/mQ" in app.calls_pane.border_title
        assert labels(app) == ["Mqm Q3 2024"]
        assert app.calls_pane.has_focus
