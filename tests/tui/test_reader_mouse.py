"""The mouse in the transcript (issue 9 item 20): a click on a sentence puts
the cursor there; after the wheel scrolled the view away from the cursor,
the next ``j`` / ``k`` goes on from what is on screen instead of snapping
back."""

from __future__ import annotations

from textual import events

from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from tui.widgets.reader_layout import GUTTER, TEXT
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def on_screen(reader) -> tuple[int, int]:
    return int(reader.scroll_y), reader.scrollable_content_region.height


async def wheel(pilot, reader, down: int) -> None:
    """Turn the wheel ``down`` notches over the reader, as a mouse does."""
    for _ in range(down):
        reader.post_message(events.MouseScrollDown(reader, 10, 5, 0, 1, 0, False, False, False))
    await pilot.pause()
    await pilot.pause()


async def click_at(pilot, reader, column: int, row: int) -> None:
    """Click the transcript's text area at ``column``, ``row`` (inside the border)."""
    region = reader.content_region
    await pilot.click("#reader", offset=(region.x - reader.region.x + column, region.y - reader.region.y + row))
    await pilot.pause()


async def test_a_click_puts_the_cursor_on_the_sentence(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        layout = reader.layout_info
        top, height = on_screen(reader)
        # A sentence that starts mid-line, on screen, far from the cursor.
        target = next(s for s in range(5, reader.call.sentence_count)
                      if layout.sent_first[s] < top + height - 2
                      and layout.starts[layout.sent_first[s]] < reader.call.sentence_starts[s])
        line = layout.sent_first[target]
        column = GUTTER + (reader.call.sentence_starts[target] - layout.starts[line]) + 1
        await click_at(pilot, reader, column, line - top)
        assert reader.cursor == target
        assert app.status.part("position").startswith(
            f"turn {reader.call.turn_index_of_sentence(target) + 1}/")
        # Left of that sentence on the same line: the sentence before it.
        await click_at(pilot, reader, GUTTER, line - top)
        assert reader.cursor == target - 1


async def test_a_click_on_a_speaker_header_goes_to_their_first_sentence(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        layout = reader.layout_info
        top, height = on_screen(reader)
        header = next(y for y in range(top, top + height) if layout.kinds[y] == 1 and layout.starts[y] > 0)
        turn = reader.call.turns[layout.starts[header]]
        assert turn.first_sentence != reader.cursor
        await click_at(pilot, reader, 4, header - top)
        assert reader.cursor == turn.first_sentence


async def test_j_after_the_wheel_goes_on_from_the_screen(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        layout = reader.layout_info
        assert reader.cursor == 0
        await wheel(pilot, reader, 30)
        top, height = on_screen(reader)
        assert top > layout.sent_last[0]  # the cursor is off screen
        await pilot.press("j")
        await pilot.pause()
        assert int(reader.scroll_y) == top  # no snap back: the view stays
        first = reader.cursor
        assert top <= layout.sent_first[first] < top + height
        assert layout.sent_first[first - 1] < top  # the first one starting on screen
        await pilot.press("j")
        assert reader.cursor == first + 1

        # k after scrolling back up: the last sentence on screen.
        reader.scroll_to(y=0, animate=False)
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        top, height = on_screen(reader)
        assert top == 0
        assert layout.sent_last[reader.cursor] >= top and layout.sent_first[reader.cursor] < top + height
        assert reader.cursor < first
