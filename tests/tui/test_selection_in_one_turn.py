"""A selection stays inside the turn it started in (issue 9 item 6): ``v``
then ``}`` then ``1`` tags up to the end of that speaker's turn, the quote
holds no other speaker's header line, and it is attributed to the one who
said it. The status bar says the selection stopped there."""

from __future__ import annotations

from tests.tui.test_annotation_keys import make_app, on_disk, ready

SIZE = (140, 40)


async def test_v_then_next_turn_then_1_stops_at_the_turns_end(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        turn = next(t for t in call.turns if t.end_sentence - t.first_sentence >= 2 and t.index > 0)
        nxt = call.turns[turn.index + 1]
        app.reader.goto_sentence(turn.end_sentence - 2)
        await pilot.pause()
        await pilot.press("v", "right_curly_bracket")
        await pilot.pause()
        assert app.reader.cursor == nxt.first_sentence  # the cursor moved on
        assert app.reader.selection == (turn.end_sentence - 2, turn.end_sentence - 1)
        assert app.status.part("message") == f"the selection stops at the end of {turn.speaker.name}'s turn"
        await pilot.press("1")
        (item,) = on_disk(samples_copy)
        assert (item["start"], item["end"]) == (call.sentence_starts[turn.end_sentence - 2],
                                                call.sentence_ends[turn.end_sentence - 1])
        assert item["end"] <= turn.end
        assert nxt.speaker.name not in item["quote"]
        assert "\n" + nxt.speaker.name not in call.text[item["start"]:item["end"]]
        assert item["speaker"] == turn.speaker.name


async def test_a_selection_going_up_stops_at_the_turns_start(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        turn = next(t for t in call.turns if t.end_sentence - t.first_sentence >= 2 and t.index > 0)
        app.reader.goto_sentence(turn.first_sentence + 1)
        await pilot.pause()
        await pilot.press("v", "k", "k", "k")
        await pilot.pause()
        assert app.reader.selection == (turn.first_sentence, turn.first_sentence + 1)
        await pilot.press("2")
        (item,) = on_disk(samples_copy)
        assert item["start"] >= turn.start and item["speaker"] == turn.speaker.name


async def test_a_word_span_never_reaches_into_the_next_turn(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        turn = next(t for t in call.turns if t.index > 0 and t.end_sentence > t.first_sentence)
        app.reader.goto_sentence(turn.end_sentence - 1)
        await pilot.pause()
        await pilot.press(*["l"] * 12, "1")
        (item,) = on_disk(samples_copy)
        assert item["end"] <= turn.end and item["speaker"] == turn.speaker.name
