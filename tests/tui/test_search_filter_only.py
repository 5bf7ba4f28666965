"""A query made only of filters (``speaker:evan``, ``role:analyst``,
``tag:guidance``) typed letter by letter, as a person types it: every
prefix is searched on its own (the typing pause runs each), and none may
close the app. Such hits match whole sentences and no words, so there is
nothing to mark in the transcript; the hits are still listed and opened."""

from __future__ import annotations

import pytest

from annotations.session import CallAnnotations
from tests.conftest import Q4_2003
from transcripts import parse_file
from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
QUERIES = ["speaker:evan", "role:analyst", "tag:guidance"]


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.05)
    await workers_idle(app)
    await pilot.pause()


def tag_one_guidance_sentence(folder) -> None:
    call = parse_file(folder / Q4_2003)
    session = CallAnnotations(call)
    session.add(call.sentence_starts[40], call.sentence_ends[40], ["guidance"])
    assert session.save().ok


def errors_shown(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


@pytest.mark.parametrize("query", QUERIES)
async def test_every_prefix_of_a_filter_query_typed_by_hand(samples_copy, query):
    tag_one_guidance_sentence(samples_copy)
    app = EarmarkApp([str(samples_copy)])  # every feature, as a user runs it
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        await settle(app, pilot)
        for i, ch in enumerate(query):
            await pilot.press(ch)
            await settle(app, pilot)
            # Drawn with the marks of this prefix's hits: a frame of the
            # transcript as the user sees it after each letter.
            app.reader.refresh()
            await pilot.pause()
            assert app.is_running, f"the app closed after typing {query[: i + 1]!r}"
            assert pane.input.value == query[: i + 1]
            assert "search" in app.reader.decorations  # the marks layer was not dropped
            assert not errors_shown(app), (query[: i + 1], errors_shown(app))
        assert pane.hits, f"{query!r} found nothing"
        await pilot.press("enter")
        await pilot.pause()
        hit = pane.hits[pane.current]
        assert app.current_call.id == hit.call
        assert app.current_call.sentence_at(hit.start) == app.reader.cursor
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not errors_shown(app)
