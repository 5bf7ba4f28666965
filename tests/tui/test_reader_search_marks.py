"""Search matches stay marked in the transcript after a hit is opened, with
every feature installed (annotation highlights and search marks together)."""

from __future__ import annotations

from tui.app import EarmarkApp
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def settle(app, pilot) -> None:
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await workers_idle(app)
    await pilot.pause()


def reverse_words(strips) -> set[str]:
    """Words drawn in reverse video (the search marks) on these lines."""
    found: set[str] = set()
    for strip in strips:
        word = ""
        for seg in strip:
            if seg.style is not None and seg.style.reverse:
                word += seg.text
            elif word:
                found.update(word.casefold().split())
                word = ""
        found.update(word.casefold().split())
    return found


def marked_words(reader) -> set[str]:
    """Words marked on the lines on screen, computed afresh."""
    return reverse_words(reader.render_line(y) for y in range(reader.scrollable_content_region.height))


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


def shown_marked_words(reader) -> set[str]:
    """Words in reverse video as the reader last PAINTED them (Textual's
    line cache, redrawn only where the reader was refreshed): what the user
    sees, unlike ``render_line`` which always computes afresh."""
    from textual.geometry import Region

    return reverse_words(reader.render_lines(Region(0, 0, reader.size.width, reader.size.height)))


async def open_first_hit(app, pilot, query: str) -> SearchPane:
    await settle(app, pilot)
    await pilot.press("slash")
    pane = app.query_one(SearchPane)
    await settle(app, pilot)
    pane.input.value = query
    await settle(app, pilot)
    assert pane.hits
    await pilot.press("enter")
    await pilot.pause()
    return pane


async def test_marks_follow_the_current_query_not_an_old_one(samples_copy):
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_first_hit(app, pilot, "deferred revenue")
        assert "deferred" in shown_marked_words(app.reader)

        # A new query re-marks the transcript as soon as its hits are in.
        await pilot.press("slash")
        pane.input.value = "revenue"
        await settle(app, pilot)
        shown = shown_marked_words(app.reader)
        assert any(w.startswith("revenue") for w in shown) and "deferred" not in shown

        # An emptied query leaves nothing marked, and escape keeps it so.
        pane.input.value = ""
        await settle(app, pilot)
        assert not shown_marked_words(app.reader)
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.has_focus and not shown_marked_words(app.reader)


async def test_closing_with_an_empty_query_clears_at_once(samples_copy):
    """Escape right after deleting the query (before the typing pause ran
    the empty search) still clears the marks."""
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_first_hit(app, pilot, "deferred revenue")
        assert "deferred" in shown_marked_words(app.reader)
        await pilot.press("slash")
        pane.input.value = ""
        await pilot.press("escape")
        await pilot.pause()
        assert not shown_marked_words(app.reader)


async def test_escape_in_the_reader_clears_marks_after_the_selection(samples_copy):
    """Closing the pane keeps the marks for stepping with n/N; escape in the
    transcript first cancels a selection, then (nothing selected) hides the
    marks; n brings them back with the next hit."""
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_hit(app, pilot, "deferred revenue")
        assert app.reader.has_focus
        await pilot.press("n")
        await pilot.pause()
        assert "deferred" in shown_marked_words(app.reader)
        await pilot.press("v", "j")
        await pilot.pause()
        assert app.reader.selection is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.selection is None
        assert "deferred" in shown_marked_words(app.reader)
        await pilot.press("escape")
        await pilot.pause()
        assert not shown_marked_words(app.reader)
        await pilot.press("n")
        await pilot.pause()
        assert "deferred" in shown_marked_words(app.reader)
