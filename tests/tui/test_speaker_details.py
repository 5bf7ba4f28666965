"""Speakers' details as the speakers pane and the palette show them: the
role once (not "Analyst · Piper Jaffray · analyst"), and in a narrow pane
no line ends on a dangling separator ("Chairman and CEO ·")."""

from __future__ import annotations

from tests.conftest import Q4_2003
from tests.tui.test_reader_panes import ready, shown
from transcripts.model import Speaker
from tui.app import EarmarkApp
from tui.palette import EarmarkCommands
from tui.widgets.speaker_details import PartsLine, speaker_details
from tui.widgets.speakers_pane import SpeakersPane


def test_the_role_is_named_once():
    analyst = Speaker("piper", "Pat Piper", "Analyst", "analyst", "Piper Jaffray")
    assert speaker_details(analyst) == ["Analyst", "Piper Jaffray"]
    ceo = Speaker("s", "Stratton Sclavos", "Chairman and CEO", "executive")
    assert speaker_details(ceo) == ["Chairman and CEO", "executive"]
    assert speaker_details(Speaker("o", "Operator", None, "operator")) == ["operator"]


def test_parts_wrap_between_parts():
    line = PartsLine(["Chairman and CEO", "executive"])
    assert line.lines(40) == ["Chairman and CEO \u00b7 executive"]
    assert line.lines(24) == ["Chairman and CEO", "executive"]
    assert PartsLine(["EVP and CFO", "executive", "VeriSign"]).lines(24) == ["EVP and CFO \u00b7 executive", "VeriSign"]


async def test_no_speaker_line_ends_on_a_separator(samples_copy):
    for size in ((120, 36), (100, 30), (80, 24), (140, 40)):
        app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            pane = app.query_one(SpeakersPane)
            if not app.query_one("#side").display:
                app.action_toggle_wide()  # narrow: the panes gave way; bring them back
                await pilot.pause()
            width = pane.scrollable_content_region.width
            text = ""
            for i in range(pane.option_count):
                text += shown(pane.get_option_at_index(i).prompt, width)
            lines = [line.rstrip() for line in text.splitlines() if line.strip()]
            assert lines
            assert not [line for line in lines if line.endswith("\u00b7")], (size, lines)
            assert "Chairman" in text and "executive" in text


async def test_palette_names_the_role_once(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        provider = EarmarkCommands(app.screen)
        helps = {text: help_text for text, help_text, _ in provider.entries()}
        todd = helps["speaker: Todd Raker"]
        assert todd.casefold().count("analyst") == 1, todd
        assert "First Boston" in todd


async def test_a_wrapped_detail_line_is_drawn_not_cut_off(samples_copy):
    """At 120x36 "Chairman and CEO · executive" wraps in the pane; both of
    its lines are on screen (the entry is measured at the width it is drawn)."""
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        rows = ["".join(seg.text for seg in line) for line in app.screen._compositor.render_strips()]
        pane = app.query_one(SpeakersPane).region
        column = [row[pane.x : pane.right] for row in rows[pane.y : pane.bottom]]
        at = next(i for i, row in enumerate(column) if "Chairman and CEO" in row)
        assert "executive" in column[at] or "executive" in column[at + 1], column
        assert "Dana Evan" not in column[at + 1] or "executive" in column[at]


def test_the_status_bar_shortens_a_long_message_and_keeps_the_save_state():
    from tui.widgets.status_bar import _fit_message

    parts = [("VeriSign Q4 2003", "bold"), ("  tagged guidance: \u201cThese results drove\u201d", "italic"),
             ("  [saved]", "")]
    fitted = _fit_message(parts, "tagged guidance: \u201cThese results drove\u201d", 40)
    text = "".join(t for t, _ in fitted)
    assert len(text) <= 40 and text.endswith("[saved]") and "\u2026" in text
