"""Typing in the forms (issue 9 items 14 and 15): the note form shows the
quote cut at a word with an ellipsis; tab into a pre-filled field keeps its
value (typing adds to it); a fast burst of keys right after tab lands in
the field tab moved to, not in the one it left."""

from __future__ import annotations

from textual import events

from tests.tui.test_annotation_keys import GUIDE, make_app, on_disk, ready
from tui.screens.note_form import NoteForm, short_quote

SIZE = (140, 40)


def test_a_long_quote_is_cut_at_a_word_with_an_ellipsis():
    quote = "We expect revenue of $75 million and deferred revenue to grow " * 8
    shown = short_quote(quote, limit=60)
    assert shown.endswith("\u2026")
    words = quote.split()
    assert shown[:-1].split() == words[: len(shown[:-1].split())]  # whole words only
    assert len(shown) <= 61
    assert short_quote("Short and whole.") == "Short and whole."
    assert short_quote("a\nquote  on\tlines") == "a quote on lines"


async def open_form(app, pilot) -> NoteForm:
    call = app.current_call
    app.reader.goto_offset(call.text.index(GUIDE))
    await pilot.pause()
    await pilot.press("v", "j", "j", "j", "a")  # a long quote: several sentences
    await pilot.pause()
    assert isinstance(app.screen, NoteForm)
    return app.screen


async def test_the_note_form_never_cuts_the_quote_mid_word(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        form = await open_form(app, pilot)
        shown = str(form.query_one("#quote").render())
        assert shown.startswith("\u201c") and shown.endswith("\u2026\u201d"), shown
        body = shown[1:-2]
        assert " ".join(form.quote.split()).startswith(body)
        rest = " ".join(form.quote.split())[len(body):]
        assert rest.startswith(" ") or not rest[:1].isalnum(), (body[-10:], rest[:10])


async def tab_to_the_value_field(app, pilot) -> NoteForm:
    """The note form of a guidance sentence with a number (its value field
    pre-filled), tabbed from the note to the value field."""
    await ready(app, pilot)
    app.reader.goto_offset(app.current_call.text.index(GUIDE))
    await pilot.pause()
    await pilot.press("2", "a")
    await pilot.pause()
    form = app.screen
    assert form.query_one("#field-value").value == "220"
    await pilot.press("tab", "tab")  # note -> metric -> value
    assert form.focused is form.query_one("#field-value")
    return form


async def test_tab_into_a_prefilled_field_keeps_its_value(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        form = await tab_to_the_value_field(app, pilot)
        await pilot.press(*".5")
        assert form.query_one("#field-value").value == "220.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["fields"]["value"] == 220.5


async def test_a_burst_of_keys_after_tab_lands_in_the_next_field(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        form = await tab_to_the_value_field(app, pilot)
        unit = form.query_one("#field-unit").value
        # As a terminal delivers a paste typed right after tab: all at once.
        for key in ["tab", "x", "y", "z"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert form.query_one("#field-value").value == "220"
        assert form.query_one("#field-unit").value == unit + "xyz"


async def test_the_export_dialog_keeps_the_path_when_tabbed_into(samples_copy):
    app = make_app(samples_copy)
    app.installers = ["tui.annotations_ui:install", "tui.export_keys:install"]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path")
        before = path.value
        await pilot.press("shift+tab", "tab")
        assert app.screen.focused is path
        await pilot.press(*"x")
        assert path.value == before + "x"
