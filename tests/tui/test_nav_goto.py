"""``)`` / ``(`` next / previous annotation, in this call and then across
calls; ``:`` N goes to turn N (bad input: a clear line, the prompt stays);
``Q`` the start of the Q&A (issue 12 item 4)."""

from __future__ import annotations

from tests.tui.test_nav_jumps import folder, make_app, ready  # noqa: F401  (the fixture)

SIZE = (140, 40)


async def tag_sentences(app, pilot, sentences: list[int]) -> None:
    for s in sentences:
        app.reader.goto_sentence(s)
        await pilot.press("1")


async def test_next_and_previous_annotation_in_this_call_then_across_calls(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("less_than_sign")
        q1 = app.current_call
        assert q1.quarter == 1
        await tag_sentences(app, pilot, [30, 12])
        await pilot.press("g")
        await pilot.press("right_parenthesis")
        assert app.reader.cursor == 12
        assert "annotation 1/2" in app.status.text
        await pilot.press("right_parenthesis")
        assert app.reader.cursor == 30
        await pilot.press("right_parenthesis")  # no later call has one
        assert app.current_call is q1 and app.reader.cursor == 30
        assert "no annotation after this one" in app.status.text
        await pilot.press("greater_than_sign")  # Q4: no annotations
        assert app.current_call.quarter == 4
        await pilot.press("G")
        await pilot.press("left_parenthesis")  # goes back to Q1's last one, and says so
        assert app.current_call.quarter == 1 and app.reader.cursor == 30
        assert q1.label in app.status.text
        await pilot.press("left_parenthesis")
        assert app.reader.cursor == 12
        await pilot.press("ctrl+o")  # each was a jump
        assert app.reader.cursor == 30


async def test_next_annotation_reaches_a_later_call(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await tag_sentences(app, pilot, [50])  # in Q4, the later call
        await pilot.press("less_than_sign", "G")
        await pilot.press("right_parenthesis")
        assert (app.current_call.quarter, app.reader.cursor) == (4, 50)
        assert "first annotation of" in app.status.text


async def test_colon_goes_to_turn_n(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("colon", "1", "2", "enter")
        assert app.reader.current_turn.index == 11
        assert "turn 12" in app.status.text
        await pilot.press("ctrl+o")
        assert app.reader.cursor == 0


async def test_colon_refuses_what_is_not_a_turn_and_stays_open(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        count = len(app.current_call.turns)
        await pilot.press("colon", "a", "b", "enter")
        message = str(app.screen.query_one("#turn-message").render())
        assert "'ab' is not a turn number" in message
        await pilot.press("backspace", "backspace", *str(count + 5), "enter")
        message = str(app.screen.query_one("#turn-message").render())
        assert f"there is no turn {count + 5}" in message and f"1-{count}" in message
        assert app.reader.cursor == 0
        await pilot.press("escape")
        assert not app.screen.query("#turn-message")
        assert app.reader.cursor == 0


async def test_Q_goes_to_the_start_of_the_qa(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        await pilot.press("G", "Q")
        turn = app.reader.current_turn
        assert turn.section == "qa" and turn.index == call.qa_start
        assert call.turns[turn.index - 1].section == "prepared"
        assert app.reader.cursor == turn.first_sentence
