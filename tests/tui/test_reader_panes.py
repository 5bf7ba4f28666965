"""The panes around the transcript: calls, speakers (jump, filter, across
calls), the Q&A outline, help, the palette, hiding panes and focus."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from tests.conftest import Q1_2003, Q4_2003
from tests.panes.calls_pane_kit import highlighted_line, pane_lines
from tui.app import EarmarkApp
from tui.screens.help import HelpScreen
from tui.screens.person import PersonTurnsScreen
from tui.widgets.calls_pane import CallsPane
from tui.widgets.outline import QAOutline
from tui.widgets.speakers_pane import SpeakersPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)

READER_ONLY: list[str] = []
"""No other features installed: these tests are about the reader alone."""


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def shown(prompt, width: int = 200) -> str:
    """An option's prompt as the pane draws it at ``width`` cells (plain text)."""
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(prompt)
    return console.export_text()


async def highlight(pilot, pane, option_id: str) -> None:
    pane.focus()
    pane.highlighted = pane.get_option_index(option_id)
    await pilot.pause()


async def highlight_call(pilot, pane: CallsPane, call_id: str) -> None:
    pane.focus()
    pane.mark_current(call_id)
    assert pane.highlighted_call_id == call_id
    await pilot.pause()


async def test_speakers_pane_lists_speakers_with_roles(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        pane = app.query_one(SpeakersPane)
        call = app.current_call
        assert pane.option_count == len(call.speakers)
        dana = pane.get_option("dana evan")
        text = shown(dana.prompt)
        assert "Dana Evan" in text and "EVP and CFO" in text and "executive" in text
        analyst = next(s for s in call.speakers if s.role == "analyst" and s.firm)
        prompt = shown(pane.get_option(analyst.key).prompt)
        assert analyst.firm in prompt and "analyst" in prompt.casefold() and str(analyst.turns) in prompt


async def test_enter_in_speakers_pane_jumps_to_first_turn(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        pane = app.query_one(SpeakersPane)
        await highlight(pilot, pane, "dana evan")
        await pilot.press("enter")
        first = next(t for t in call.turns if t.speaker.key == "dana evan")
        assert app.reader.cursor == first.first_sentence
        assert app.reader.current_turn.speaker.name == "Dana Evan"
        assert app.status.part("speaker").startswith("Dana Evan")
        assert app.focused is app.reader


async def test_speaker_filter_shows_only_their_turns_with_a_marker(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        pane = app.query_one(SpeakersPane)
        await highlight(pilot, pane, "dana evan")
        await pilot.press("f")
        assert reader.speaker_filter == "dana evan"
        assert reader.current_turn.speaker.key == "dana evan"
        layout = reader.layout_info
        assert layout.visible_turns == [t.index for t in call.turns if t.speaker.key == "dana evan"]
        # Visible markers: the transcript title, the status bar, the pane.
        assert "FILTER: only Dana Evan" in str(reader.border_title)
        assert "Dana Evan" in app.status.part("filter")
        assert pane.border_subtitle == "filter on"
        # Reading through the filtered view never leaves Dana's turns.
        reader.focus()
        for _ in range(40):
            await pilot.press("j")
            assert reader.current_turn.speaker.key == "dana evan"
        # f again (in the pane) lifts the filter.
        pane.focus()
        await pilot.press("f")
        assert reader.speaker_filter is None
        assert app.status.part("filter") == ""
        assert len(reader.layout_info.visible_turns) == len(call.turns)


async def test_filter_is_kept_per_call(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        first = app.current_call
        await pilot.press("right_curly_bracket", "f")
        key = app.reader.speaker_filter
        assert key is not None
        other = next(c for c in app.corpus.calls if c is not first)
        app.open_call(other.id)
        await pilot.pause()
        assert app.reader.speaker_filter is None
        app.open_call(first.id)
        await pilot.pause()
        assert app.reader.speaker_filter == key


async def test_qa_outline_lists_exchanges_and_jumps(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        outline = app.query_one(QAOutline)
        assert outline.option_count == len(call.exchanges)
        for i, ex in enumerate(call.exchanges):
            prompt = " ".join(shown(outline.get_option_at_index(i).prompt).split())
            assert ex.analyst.name in prompt
            if ex.analyst.firm:
                assert ex.analyst.firm in prompt
            first_word = call.text[call.turns[ex.first_turn].start:].split()[0]
            assert first_word in prompt
        await highlight(pilot, outline, "q3")
        await pilot.press("enter")
        target = call.exchanges[3]
        assert app.reader.current_turn.index == target.first_turn
        assert app.reader.cursor == call.turns[target.first_turn].first_sentence
        assert app.status.part("speaker").startswith(target.analyst.name)
        # Reading on, the outline follows the exchange the cursor is in.
        app.reader.focus()
        await pilot.press("right_square_bracket")
        assert outline.highlighted == 4


async def test_calls_pane_groups_by_company_in_period_order(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        pane = app.query_one(CallsPane)
        assert pane_lines(app)[:4] == ["VeriSign", "  Q1 2003", "  Q4 2003", ""]
        # The company is a header the cursor skips, whichever way it goes.
        pane.focus()
        await pilot.press("home")
        assert highlighted_line(app) == "  Q1 2003"
        await pilot.press("k")  # up from the first call wraps round to the last
        assert highlighted_line(app) == "  Q4 2003"
        await pilot.press("j")
        assert highlighted_line(app) == "  Q1 2003"


async def test_switching_calls_keeps_reading_position(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        first = app.current_call
        await pilot.press("right_square_bracket", "j", "j")
        kept = reader.cursor
        pane = app.query_one(CallsPane)
        other = next(c for c in app.corpus.calls if c is not first)
        await highlight_call(pilot, pane, other.id)
        await pilot.press("enter")
        assert app.current_call is other
        assert reader.cursor == 0
        assert app.status.part("call") == other.label
        await pilot.press("j")
        await highlight_call(pilot, pane, first.id)
        await pilot.press("enter")
        assert app.current_call is first and reader.cursor == kept
        # `>` / `<` step through calls in list order, keeping positions too.
        calls = app.corpus.calls
        index = calls.index(first)
        await pilot.press("greater_than_sign" if index == 0 else "less_than_sign")
        assert app.current_call is other and reader.cursor == 1
        # The calls pane marks the open call, however it was opened.
        assert pane.highlighted_call_id == other.id
        app.reader.focus()
        await pilot.press("greater_than_sign" if index != 0 else "less_than_sign")
        assert app.current_call is first and pane.highlighted_call_id == first.id


async def test_person_across_calls_lists_turns_in_every_call(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        q1 = next(c for c in app.corpus.calls if c.quarter == 1)
        q4 = next(c for c in app.corpus.calls if c.quarter == 4)
        app.open_call(q4.id)
        await pilot.pause()
        pane = app.query_one(SpeakersPane)
        # Spelled "Gene Muenster" in Q4 and "C. Eugene Munster" in Q1.
        await highlight(pilot, pane, "gene muenster")
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonTurnsScreen)
        options = screen.query_one("OptionList")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        q1_turns = [t for t in q1.turns if t.speaker.key == "c eugene munster"]
        q4_turns = [t for t in q4.turns if t.speaker.key == "gene muenster"]
        assert len(labels) == len(q1_turns) + len(q4_turns)
        assert labels[0].startswith(q1.label)  # period order: Q1 first
        # Choosing a Q1 turn opens that call there.
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_call is q1
        assert app.reader.current_turn.index == q1_turns[1].index
        assert app.reader.current_turn.speaker.name == "C. Eugene Munster"


async def test_help_lists_every_binding(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-text").render())
            for node in (app, app.reader, app.query_one(SpeakersPane)):
                for binding in node.BINDINGS:
                    assert (binding.tooltip or binding.description) in text, binding  # the long form, if any
            assert "tab, shift+tab" in text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_palette_goes_to_a_call_and_a_speaker(samples_copy):
    app = EarmarkApp([str(samples_copy)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        q1 = next(c for c in app.corpus.calls if c.quarter == 1)
        q4 = next(c for c in app.corpus.calls if c.quarter == 4)
        app.open_call(q4.id)
        await pilot.press("ctrl+p")
        await pilot.press(*"go to: VeriSign Q1 2003")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_call is q1
        await pilot.press("ctrl+p")
        await pilot.press(*"speaker: Dana Evan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        first = next(t for t in q1.turns if t.speaker.key == "dana evan")
        assert app.reader.current_turn.index == first.index


async def test_panes_hide_and_focus_moves_with_tab(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        width = reader.size.width
        assert app.focused is reader
        await pilot.press("tab")
        assert isinstance(app.focused, SpeakersPane)
        await pilot.press("tab")
        assert isinstance(app.focused, QAOutline)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is reader
        await pilot.press("c")
        await pilot.pause()
        assert not app.query_one(CallsPane).display
        assert reader.size.width > width
        await pilot.press("p", "o")
        await pilot.pause()
        assert not app.query_one("#side").display
        await pilot.press("w")
        await pilot.pause()
        assert app.query_one(CallsPane).display and app.query_one(SpeakersPane).display
        await pilot.press("w")
        await pilot.pause()
        assert reader.size.width >= SIZE[0] - 4
        # Text re-wraps to the wider window.
        layout = reader.layout_info
        assert layout.width == reader.scrollable_content_region.width


async def test_text_rewraps_on_resize(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await pilot.press("j", "j", "j")
        narrow_lines = len(reader.layout_info)
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert len(reader.layout_info) < narrow_lines
        assert reader.cursor == 3


def write_config(text: str) -> Path:
    """The user's config.yaml (in this test's EARMARK_HOME), holding ``text``."""
    from transcripts.locations import config_file

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_keymap_from_config_file(samples_copy):
    write_config("theme: nord\nkeymap:\n  reader.next_turn: n\ntags:\n  3: risk\n")
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.theme == "nord"
        assert app.config.tags == {"3": "risk"}
        await pilot.press("n")
        assert app.reader.current_turn.index == 1
        await pilot.press("right_curly_bracket")  # remapped away
        assert app.reader.current_turn.index == 1


async def test_bad_config_is_reported_not_fatal(samples_copy):
    path = write_config("keymap: [unclosed\n")
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert any(str(path) in n.message for n in app._notifications)
        await pilot.press("j")
        assert app.reader.cursor == 1


async def test_bad_files_show_as_errors_and_the_app_keeps_running(samples_copy):
    (samples_copy / "broken.txt").write_bytes(b"\x00\x01\x02 not a transcript")
    (samples_copy / "empty.txt").write_text("")
    app = EarmarkApp([str(samples_copy), str(samples_copy / "missing.txt")], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.corpus.calls) == 2
        errors = app.corpus.errors
        assert any("missing.txt" in str(e) for e in errors)
        lines = pane_lines(app)
        problems = " ".join(line.strip() for line in lines[lines.index("Problems") + 1:])
        for error in errors:
            # The file's name and the whole message under it, readable in a narrow pane.
            name = error.path.rsplit("/", 1)[-1]
            where = re.escape(name) + r"(:\d+)? "
            assert re.search(where + re.escape(" ".join(error.message.split())), problems), (error, lines)
        messages = [n.message for n in app._notifications]
        assert any("missing.txt" in m for m in messages)
        await pilot.press("j")
        assert app.reader.cursor == 1


async def test_no_paths_opens_nothing_gracefully():
    app = EarmarkApp([], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        await pilot.press("j", "right_curly_bracket", "s", "G", "right_square_bracket", "f")
        await pilot.pause()
        # the keys did nothing (a crash would end run_test with its error)
        assert app.current_call is None and app.reader.cursor == 0


async def test_extension_keys_and_side_panes(samples_copy):
    from textual.widgets import Static

    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    seen: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.bind_key("v", lambda: seen.append(app.reader.cursor), "Select", id="test.select")
        app.add_side_pane(Static("extra", id="extra"))
        await pilot.press("j", "v")
        assert seen == [1]
        app.set_keymap({"test.select": "V"})
        await pilot.press("V")
        assert seen == [1, 1]
        assert app.query_one("#side #extra")
        app.set_save_state("saved")
        assert app.status.part("save") == "saved"


async def test_calls_of_two_quarters_open_in_one_app(samples_copy):
    app = EarmarkApp([str(samples_copy / Q1_2003), str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert [c.period for c in app.corpus.calls] == ["Q1 2003", "Q4 2003"]


async def test_narrow_panes_wrap_under_their_own_indent(samples_copy):
    """In a narrow pane a long entry wraps under itself: the question under
    the analyst's name, never back under the exchange numbers; a speaker's
    details under the name."""
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("w")  # the side panes gave way at this width: bring them back
        await pilot.pause()
        outline, speakers = app.query_one(QAOutline), app.query_one(SpeakersPane)
        width = outline.scrollable_content_region.width
        wrapped = 0
        for i in range(outline.option_count):
            lines = shown(outline.get_option_at_index(i).prompt, width).rstrip("\n").split("\n")
            assert lines[0].lstrip()[0].isdigit()
            wrapped += len(lines) > 2
            for line in lines[1:]:
                assert line.startswith("   "), lines
        assert wrapped  # the test shows something: some entries do wrap at this width
        width = speakers.scrollable_content_region.width
        for i in range(speakers.option_count):
            lines = shown(speakers.get_option_at_index(i).prompt, width).rstrip("\n").split("\n")
            for line in lines[1:]:
                assert line.startswith("  "), lines  # under the name, not under the filter marker
            assert any(line.startswith("    ") for line in lines[1:]), lines  # the details


async def test_narrow_terminal_keeps_half_for_the_transcript_and_cuts_nothing(samples_copy):
    """At 80x24 with the side panes brought back (``w``; they hide by
    themselves at this width) the transcript keeps about half the width, a
    long speaker header wraps instead of being cut off, and the status bar
    still shows the position."""
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        reader = app.reader
        assert reader.size.width >= 38
        call = app.current_call
        title = reader.render_line(0).text.strip()  # the call's banner, shortened to fit
        assert title.startswith("\u2500\u2500 VeriSign") and title.endswith("\u2500\u2500"), title
        # Sarah Friar · Analyst · Goldman Sachs: longer than the text width.
        turn = next(t for t in call.turns if t.speaker.firm == "Goldman Sachs")
        reader.goto_turn(turn.index)
        await pilot.pause()
        layout = reader.layout_info
        head = [i for i in range(len(layout)) if layout.kinds[i] == 1 and layout.starts[i] == turn.index]
        drawn = " ".join(reader.render_line(i - int(reader.scroll_y)).text.strip() for i in head)
        assert drawn == "Sarah Friar \u00b7 Analyst \u00b7 Goldman Sachs"
        assert len(head) > 1
        screen = "\n".join("".join(seg.text for seg in line) for line in app.screen._compositor.render_strips())
        assert "Goldman Sachs" in screen.split("Sarah Friar", 1)[1][:200]
        status = app.status.render_line(0).text
        assert "turn " in status and "%" in status


async def test_escape_in_a_pane_returns_to_the_transcript(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for pane in (app.query_one(CallsPane), app.query_one(SpeakersPane), app.query_one(QAOutline)):
            pane.focus()
            await pilot.pause()
            await pilot.press("escape")
            assert app.reader.has_focus, pane
            before = app.reader.cursor
            await pilot.press("j")
            assert app.reader.cursor == before + 1
