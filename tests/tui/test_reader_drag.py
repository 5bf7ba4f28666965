"""A mouse drag selects a span of sentences (issue 12 item 6), through
Pilot with real mouse events: the selection runs from the sentence pressed
to the one released, ``1`` tags exactly that span, ``y`` copies it; a drag
past the speaker's turn stops at its end, as ``v`` does; a press and
release on one sentence is only a click."""

from __future__ import annotations

import yaml
from textual import events

from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from tui.widgets.reader_layout import GUTTER
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


def make_app(samples_copy, installers) -> EarmarkApp:
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=Config())
    app.installers = installers
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def point_of(reader, sentence: int) -> tuple[int, int]:
    """(x, y) inside the reader widget of the first letter of ``sentence``."""
    layout = reader.layout_info
    line = layout.sent_first[sentence]
    column = GUTTER + (reader.call.sentence_starts[sentence] - layout.starts[line]) + 1
    region = reader.content_region
    return region.x - reader.region.x + column, region.y - reader.region.y + line - int(reader.scroll_y)


async def drag(pilot, reader, start: int, end: int) -> None:
    """Press on sentence ``start``, move over the lines to ``end`` with the
    button held, release there."""
    x0, y0 = point_of(reader, start)
    x1, y1 = point_of(reader, end)
    await pilot.mouse_down(reader, offset=(x0, y0))
    steps = max(1, abs(y1 - y0))
    for i in range(1, steps + 1):
        y = y0 + (y1 - y0) * i // steps
        x = x1 if i == steps else x0
        await pilot._post_mouse_events([events.MouseMove], reader, offset=(x, y), button=1)
    await pilot.mouse_up(reader, offset=(x1, y1))
    await pilot.pause()


def a_turn_with(call, sentences: int):
    return next(t for t in call.turns if t.end_sentence - t.first_sentence >= sentences and t.index > 0)


async def test_a_drag_selects_the_sentences_and_1_tags_that_span(samples_copy):
    app = make_app(samples_copy, ["tui.annotations_ui:install", "tui.copy_ui:install"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader, call = app.reader, app.current_call
        turn = a_turn_with(call, 4)
        reader.goto_sentence(turn.first_sentence)
        await pilot.pause()
        first, last = turn.first_sentence + 1, turn.first_sentence + 3
        await drag(pilot, reader, first, last)
        assert reader.selection == (first, last)
        assert reader.cursor == last
        await pilot.press("y")
        span = call.text[call.sentence_starts[first]:call.sentence_ends[last]]
        assert app.clipboard.startswith(f'"{" ".join(span.split())}" \u2014 {turn.speaker.name}')
        await pilot.press("1")
        [item] = yaml.safe_load(sidecar_path(samples_copy / Q4_2003).read_text(encoding="utf-8"))["annotations"]
        assert (item["start"], item["end"]) == (call.sentence_starts[first], call.sentence_ends[last])
        assert item["tags"] == ["metric"]


async def test_dragging_upwards_selects_the_same_span(samples_copy):
    app = make_app(samples_copy, ["tui.annotations_ui:install"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        turn = a_turn_with(app.current_call, 4)
        reader.goto_sentence(turn.first_sentence)
        await pilot.pause()
        first, last = turn.first_sentence + 1, turn.first_sentence + 3
        await drag(pilot, reader, last, first)
        assert reader.selection == (first, last)
        assert app.annotations.target_span() == (reader.call.sentence_starts[first], reader.call.sentence_ends[last])


async def test_a_drag_into_the_next_turn_stops_at_the_speakers_last_sentence(samples_copy):
    app = make_app(samples_copy, ["tui.annotations_ui:install"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader, call = app.reader, app.current_call
        turn = next(t for t in call.turns if t.index > 0 and t.end_sentence - t.first_sentence >= 2
                    and t.index + 1 < len(call.turns))
        reader.goto_sentence(turn.first_sentence)
        await pilot.pause()
        nxt = call.turns[turn.index + 1].first_sentence
        await drag(pilot, reader, turn.end_sentence - 2, nxt)
        assert reader.selection == (turn.end_sentence - 2, turn.end_sentence - 1)
        assert "the selection stops at the end of" in app.status.part("message")


async def test_press_and_release_on_one_sentence_is_a_click_not_a_selection(samples_copy):
    app = make_app(samples_copy, ["tui.annotations_ui:install"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        target = 3
        x, y = point_of(reader, target)
        await pilot.click(reader, offset=(x, y))
        await pilot.pause()
        assert reader.cursor == target and reader.selection is None
        assert app.annotations.anchor is None


async def test_the_bare_reader_selects_on_a_drag_too(samples_copy):
    app = make_app(samples_copy, [])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await drag(pilot, reader, 2, 4)
        assert reader.selection == (2, 4) and reader.cursor == 4
