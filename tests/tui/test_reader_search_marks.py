"""Search matches stay marked in the transcript after a hit is opened, with
every feature installed (annotation highlights and search marks together)."""

from __future__ import annotations

from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane

SIZE = (140, 40)


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()


def marked_words(reader) -> set[str]:
    """Words drawn in reverse video on the lines on screen."""
    found: set[str] = set()
    for y in range(reader.scrollable_content_region.height):
        word = ""
        for seg in reader.render_line(y):
            if seg.style is not None and seg.style.reverse:
                word += seg.text
            elif word:
                found.update(word.casefold().split())
                word = ""
        found.update(word.casefold().split())
    return found


async def test_opened_hit_shows_the_matched_words_in_the_reader(samples_copy):
    app = EarmarkApp([str(samples_copy)])  # every feature, as a user runs it
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "deferred" not in marked_words(app.reader)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        await settle(app, pilot)
        for ch in "defered revnue":
            await pilot.press("space" if ch == " " else ch)
        await settle(app, pilot)
        assert pane.hits
        await pilot.press("enter")
        await pilot.pause()
        hit = pane.hits[pane.current]
        assert app.current_call.id == hit.call
        assert {"deferred", "revenue"} <= marked_words(app.reader)

        # The next hit (n) is marked too, and an annotation highlight on the
        # cursor's sentence does not hide the marks.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.annotations.sessions[app.current_call.path].annotations
        assert {"deferred", "revenue"} <= marked_words(app.reader)
