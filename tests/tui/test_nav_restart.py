"""What is kept per user survives a restart (a second app on the same
state folder): marks (issue 12 item 3), where you left off in a folder and
in each call (item 5), the search history (item 8). A damaged state file
gives one warning and the app works; the damaged file is kept aside."""

from __future__ import annotations

import json

from tests.tui.test_nav_jumps import NAV, folder, make_app, ready  # noqa: F401  (the fixture)
from transcripts import locations

SIZE = (140, 40)


def state_file():
    return locations.data_dir() / "state.json"


async def test_a_mark_set_in_one_session_is_there_in_the_next(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("less_than_sign")  # Q1
        app.reader.goto_sentence(25)
        await pilot.press("m", "a")
        assert "mark a set" in app.status.text
        await pilot.press("greater_than_sign", "G")
    assert "a" in json.loads(state_file().read_text())["marks"]

    again = make_app(folder)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.current_call.quarter == 4
        await pilot.press("apostrophe", "a")
        assert (again.current_call.quarter, again.reader.cursor) == (1, 25)
        assert "mark a" in again.status.text
        await pilot.press("ctrl+o")  # going to a mark is a jump
        assert again.current_call.quarter == 4


async def test_marks_are_letters_and_an_unset_one_says_so(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "5")
        assert "marks are letters" in str(app.screen.query_one("#key-prompt").render())
        await pilot.press("escape")
        await pilot.press("apostrophe", "z")
        assert "no mark z" in app.status.text
        assert app.reader.cursor == 0


async def test_a_mark_another_running_app_set_is_seen(folder):  # noqa: F811
    first, second = make_app(folder), make_app(folder)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
        first.reader.goto_sentence(40)
        await pilot.press("m", "b")
        from tui.state_ui import save_now

        save_now(first)
        async with second.run_test(size=SIZE) as pilot2:
            await ready(second, pilot2)
            await pilot2.press("m", "c")
            save_now(second)
        await pilot.press("apostrophe", "b")
        assert first.reader.cursor == 40
    marks = json.loads(state_file().read_text())["marks"]
    assert set(marks) >= {"b", "c"}  # neither app wiped the other's


async def test_reopening_the_folder_returns_to_the_last_call_and_place(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.reader.goto_sentence(60)  # Q4 at 60
        await pilot.press("less_than_sign")
        app.reader.goto_sentence(33)  # Q1 at 33: the last call read
        await pilot.pause()

    again = make_app(folder)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert (again.current_call.quarter, again.reader.cursor) == (1, 33)
        await pilot.press("greater_than_sign")  # each call keeps its own place
        assert (again.current_call.quarter, again.reader.cursor) == (4, 60)


async def test_without_a_saved_place_the_latest_call_opens_at_the_start(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert (app.current_call.quarter, app.reader.cursor) == (4, 0)


async def test_a_damaged_state_file_warns_once_and_the_app_works(folder):  # noqa: F811
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"marks": {"a": ', encoding="utf-8")
    app = make_app(folder)
    warnings: list[str] = []
    real_notify = app.notify

    def notify(message, **kwargs):
        warnings.append(str(message))
        real_notify(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        damaged = [w for w in warnings if "state.json" in w]
        assert len(damaged) == 1 and "damaged" in damaged[0] and "\n" not in damaged[0]
        await pilot.press("j", "m", "a", "G", "ctrl+o")
        assert app.reader.cursor == 1
    assert path.with_name("state.json.damaged").read_text() == '{"marks": {"a": '
    assert "a" in json.loads(path.read_text())["marks"]


async def test_a_last_call_whose_file_is_gone_gives_way_to_the_latest(folder):  # noqa: F811
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("less_than_sign", "j")
        assert app.current_call.quarter == 1
    (folder / "verisign-2003-q1.txt").unlink()
    again = make_app(folder)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert (again.current_call.quarter, again.reader.cursor) == (4, 0)


async def test_each_folder_has_its_own_last_call(folder, tmp_path_factory):  # noqa: F811
    import shutil

    from tests.conftest import Q1_2003, SAMPLES

    other = tmp_path_factory.mktemp("other")
    shutil.copy(SAMPLES / Q1_2003, other / "verisign-2003-q1.txt")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("less_than_sign")  # Q1 of the first folder read last
    solo = make_app(other)
    async with solo.run_test(size=SIZE) as pilot:
        await ready(solo, pilot)
        assert solo.current_call.quarter == 1
    again = make_app(folder)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.current_call.quarter == 1 and again.current_call.path.startswith(str(folder))
