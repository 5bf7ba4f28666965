"""Find in the calls pane: typing filters the calls by company, ticker or
period; the title and the status bar show the filter; escape clears it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app import EarmarkApp
from tui.config import Config
from tui.widgets.calls_filter import CallsFilter, call_passes
from transcripts import load_corpus
from transcripts.catalog.entry import CallEntry
from transcripts.company_names import company_names
from transcripts.search.query import name_matches

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


def plain_passes(text: str, call) -> bool:
    """The filter's meaning, call by call with nothing shared: what the pane's
    one-pass ``CallsFilter`` must agree with on every call of a list."""
    words = text.casefold().split()
    periods = {w for w in (f"q{call.quarter}" if call.quarter else "", str(call.quarter or ""),
                           str(call.fiscal_year or ""), f"fy{call.fiscal_year}" if call.fiscal_year else "",
                           str(call.fiscal_year or "")[2:]) if w} | set(call.period.casefold().split())

    def one(word: str) -> bool:
        if word in periods:
            return True
        m = re.match(r"^(?:fy)?(\d{4})[-_ ]?q([1-4])$|^q([1-4])[-_ ]?(?:fy)?(\d{4})$|^([1-4])q(\d{2})$", word)
        if m:
            year = m.group(1) or m.group(4) or f"20{m.group(6)}"
            return (str(call.fiscal_year), str(call.quarter)) == (year, m.group(2) or m.group(3) or m.group(5))
        names = company_names(call)
        return any(word in n.casefold() for n in names) or name_matches(word, names)

    return all(one(w) for w in words)


WORDS = ["acme", "acm", "acne", "ACME", "corp", "beta", "bta", "jup", "mining", "q3", "q4", "3", "2024",
         "24", "2024q3", "q3-2024", "3q24", "fy2024", "fy", "x", "acme-2024", "2023"]
CALL = st.builds(
    CallEntry,
    id=st.sampled_from(["acme-2024-q3", "beta-2023-q4", "acme-corp-2024-q3-2", "jupiter_call", "x"]),
    path=st.just("/calls/a.txt"), sha256=st.just(""),
    company=st.sampled_from([None, "Acme", "Acme Corp", "Beta", "Jupiter Mining"]),
    fiscal_year=st.sampled_from([None, 2023, 2024]), quarter=st.sampled_from([None, 1, 3, 4]),
    fiscal=st.booleans(), ticker=st.sampled_from([None, "ACM", "BTA"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CALL, min_size=1, max_size=30), st.lists(st.sampled_from(WORDS), max_size=3))
def test_the_one_pass_filter_means_what_the_filter_means_call_by_call(calls, typed):
    text = " ".join(typed)
    assert CallsFilter(text).matching(calls) == [c for c in calls if plain_passes(text, c)]
