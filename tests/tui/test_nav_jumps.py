"""The jump list (issue 12 item 2): ctrl+o goes back to where each jump
left from, ctrl+i (tab in a terminal) forward again, across calls; steps
(j/k, }/{) are not jumps; tab moves focus as before when there is nothing
ahead."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from tui.app import EarmarkApp
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
NAV = ["tui.resume_ui:install", "tui.annotations_ui:install", "tui.jumps_ui:install",
       "tui.marks_ui:install", "tui.goto_ui:install", "tui.nav_palette:install"]


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SAMPLES / Q1_2003, tmp_path / "verisign-2003-q1.txt")
    shutil.copy(SAMPLES / Q4_2003, tmp_path / "verisign-2003-q4.txt")
    return tmp_path


def make_app(folder, installers=None) -> EarmarkApp:
    app = EarmarkApp([str(folder)])
    app.installers = NAV if installers is None else installers
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def where(app) -> tuple[int, int]:
    return app.current_call.quarter, app.reader.cursor


async def test_ctrl_o_returns_from_G_and_tab_goes_forward_again(folder):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "j")
        start = app.reader.cursor
        await pilot.press("G")
        end = app.reader.cursor
        assert end > start
        await pilot.press("ctrl+o")
        assert app.reader.cursor == start
        assert "back" in app.status.text
        await pilot.press("tab")  # = ctrl+i: forward, the transcript keeps focus
        assert app.reader.cursor == end
        assert app.focused is app.reader
        await pilot.press("tab")  # nothing ahead now: focus moves, as it always did
        assert app.focused is not app.reader
        assert app.reader.cursor == end


async def test_steps_are_not_jumps(folder):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "right_curly_bracket", "right_curly_bracket", "k")
        moved_to = app.reader.cursor
        await pilot.press("ctrl+o")
        assert app.reader.cursor == moved_to
        assert "no earlier jump" in app.status.text


@pytest.mark.parametrize("key", ["g", "s", "right_square_bracket", "Q"])
async def test_each_jump_key_is_recorded(folder, key):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket", "j")
        before = app.reader.cursor
        await pilot.press(key)
        assert app.reader.cursor != before, key
        await pilot.press("ctrl+o")
        assert app.reader.cursor == before, key


async def test_the_jump_list_goes_across_calls(folder):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.current_call.quarter == 4
        await pilot.press("j", "j")
        in_q4 = where(app)
        await pilot.press("less_than_sign")  # a call switch is a jump
        assert app.current_call.quarter == 1
        await pilot.press("G")
        q1_end = where(app)
        await pilot.press("ctrl+o")  # back to where G left from, in Q1
        assert app.current_call.quarter == 1 and app.reader.cursor != q1_end[1]
        await pilot.press("ctrl+o")  # back into Q4, where it was
        assert where(app) == in_q4
        await pilot.press("ctrl+i")
        await pilot.press("ctrl+i")
        assert where(app) == q1_end


async def test_a_search_hit_in_another_call_is_one_jump(folder):
    app = make_app(folder, NAV + ["tui.widgets.search_pane:install"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "j")
        origin = where(app)
        q1 = app.corpus.full(next(c for c in app.corpus.entries if c.quarter == 1))
        app.goto_offset(q1.id, q1.sentence_starts[40])  # what opening a hit (or an annotation) does
        await pilot.pause()
        assert where(app) == (1, 40)
        await pilot.press("ctrl+o")
        assert where(app) == origin  # not Q1's old place in between
        await pilot.press("ctrl+i")
        assert where(app) == (1, 40)


async def test_jump_back_from_the_palette(folder):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("G")
        end = app.reader.cursor
        await pilot.press("ctrl+p")
        await pilot.press(*"jump back")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.cursor != end


async def test_the_keys_are_in_help_with_ids(folder):
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        ids = {b.id for b in app._feature_bindings}
        for binding_id in ("nav.jump_back", "nav.jump_forward", "nav.mark_set", "nav.mark_go",
                           "nav.next_annotation", "nav.prev_annotation", "nav.goto_turn", "nav.qa_start"):
            assert binding_id in ids
        await pilot.press("question_mark")
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        for words in ("Back to where the last jump left", "Go to a mark", "Go to turn N",
                      "Start of the Q&A", "Next annotation", "nav.jump_forward", "nav.mark_set"):
            assert words in text


async def test_a_remapped_jump_key_works(folder):
    from tui.config import Config

    app = EarmarkApp([str(folder)], config=Config(keymap={"nav.jump_back": "ctrl+b"}))
    app.installers = NAV
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("G")
        await pilot.press("ctrl+b")
        assert app.reader.cursor == 0
