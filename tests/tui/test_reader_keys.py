"""Every reader key, pressed through Pilot on a sample call: after each key
the cursor's sentence and the current speaker are what a reader expects,
worked out from the parsed call rather than hard-coded."""

from __future__ import annotations

import pytest

from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)

READER_ONLY: list[str] = []
"""No other features installed: these tests are about the reader alone."""


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def speaker_at(call, sentence: int) -> str:
    return call.turns[call.turn_index_of_sentence(sentence)].speaker.name


def status_speaker(app) -> str:
    return app.status.part("speaker")


async def test_opening_puts_cursor_on_first_sentence(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        assert call is not None and call.quarter == 4
        assert app.reader.cursor == 0
        assert app.reader.current_turn.speaker.name == speaker_at(call, 0)
        assert status_speaker(app).startswith(speaker_at(call, 0))
        assert app.status.part("section") == "Prepared remarks"


@pytest.mark.parametrize("down,up", [("j", "k"), ("down", "up")])
async def test_sentence_keys_move_one_sentence(samples_copy, down, up):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        for expected in range(1, 6):
            await pilot.press(down)
            assert reader.cursor == expected
            assert status_speaker(app).startswith(speaker_at(call, expected))
        await pilot.press(up, up)
        assert reader.cursor == 3
        assert status_speaker(app).startswith(speaker_at(call, 3))


async def test_k_at_start_and_j_at_end_stay_put(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("k")
        assert app.reader.cursor == 0
        await pilot.press("G", "j")
        assert app.reader.cursor == app.current_call.sentence_count - 1


async def test_turn_keys(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        await pilot.press("right_curly_bracket")
        assert reader.cursor == call.turns[1].first_sentence
        assert reader.current_turn.speaker.name == call.turns[1].speaker.name
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert reader.current_turn.index == 3
        assert status_speaker(app).startswith(call.turns[3].speaker.name)
        # `{` inside a turn goes to its start, then to the previous turn.
        await pilot.press("j", "left_curly_bracket")
        assert reader.cursor == call.turns[3].first_sentence
        await pilot.press("left_curly_bracket")
        assert reader.cursor == call.turns[2].first_sentence
        assert reader.current_turn.speaker.name == call.turns[2].speaker.name


async def test_same_speaker_keys(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        dana = next(t for t in call.turns if t.speaker.name == "Dana Evan")
        reader.goto_turn(dana.index)
        await pilot.pause()
        dana_turns = [t.index for t in call.turns if t.speaker.key == dana.speaker.key]
        await pilot.press("s")
        assert reader.current_turn.index == dana_turns[1]
        assert reader.current_turn.speaker.name == "Dana Evan"
        await pilot.press("s")
        assert reader.current_turn.index == dana_turns[2]
        await pilot.press("S")
        assert reader.current_turn.index == dana_turns[1]
        assert status_speaker(app).startswith("Dana Evan")
        assert reader.cursor == call.turns[dana_turns[1]].first_sentence


async def test_question_keys_follow_the_exchanges(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        assert len(call.exchanges) >= 3
        await pilot.press("right_square_bracket")
        first = call.exchanges[0]
        assert reader.current_turn.index == first.first_turn
        assert reader.current_turn.speaker.name == first.analyst.name
        assert app.status.part("section") == "Q&A"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert reader.current_turn.index == call.exchanges[2].first_turn
        await pilot.press("left_square_bracket")
        assert reader.current_turn.index == call.exchanges[1].first_turn
        assert status_speaker(app).startswith(call.exchanges[1].analyst.name)


@pytest.mark.parametrize("end,home", [("G", "g"), ("end", "home")])
async def test_home_and_end(samples_copy, end, home):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        await pilot.press(end)
        last = call.sentence_count - 1
        assert reader.cursor == last
        assert status_speaker(app).startswith(speaker_at(call, last))
        assert reader.scroll_y > 0
        await pilot.press(home)
        assert reader.cursor == 0
        assert reader.scroll_y == 0


@pytest.mark.parametrize("down,up", [("pagedown", "pageup"), ("space", "pageup")])
async def test_page_keys_move_about_a_screen(samples_copy, down, up):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        layout = reader.layout_info
        await pilot.press(down)
        moved = reader.cursor
        lines = layout.sent_first[moved] - layout.sent_first[0]
        height = reader.scrollable_content_region.height
        assert height // 2 <= lines <= height + 2
        assert status_speaker(app).startswith(speaker_at(app.current_call, moved))
        await pilot.press(up)
        assert reader.cursor < moved
        assert layout.sent_first[moved] - layout.sent_first[reader.cursor] >= height // 2


async def test_cursor_stays_on_screen_while_reading(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await pilot.press(*["j"] * 60)
        layout = reader.layout_info
        top = reader.scroll_y
        height = reader.scrollable_content_region.height
        assert top <= layout.sent_first[reader.cursor] and layout.sent_last[reader.cursor] < top + height


async def test_f_in_reader_filters_to_current_speaker(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call, reader = app.current_call, app.reader
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        who = reader.current_turn.speaker
        await pilot.press("f")
        assert reader.speaker_filter == who.key
        assert "FILTER" in str(reader.border_title) and who.name in str(reader.border_title)
        # `}` now only visits this speaker's turns.
        for _ in range(3):
            await pilot.press("right_curly_bracket")
            assert reader.current_turn.speaker.key == who.key
        await pilot.press("f")
        assert reader.speaker_filter is None
        assert "FILTER" not in str(reader.border_title)


async def test_q_quits(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        exits = []
        original_exit = app.exit
        app.exit = lambda *a, **k: (exits.append(a), original_exit(*a, **k))  # type: ignore[method-assign]
        await pilot.press("q")
        assert exits
