"""The tag keys toggle (issue 9 item 16): ``2`` on a sentence tagged
guidance takes guidance off, keeping its other tags; on a sentence tagged
only guidance it removes the annotation; the status bar says what happened;
``u`` brings it back."""

from __future__ import annotations

from tests.tui.test_annotation_keys import make_app, on_disk, ready, sentence_span

SIZE = (140, 40)


async def test_a_tag_key_again_takes_that_tag_off(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "1", "2")
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["metric", "guidance"]
        assert "tagged guidance" in app.status.part("message")

        await pilot.press("2")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["metric"]
        assert (item["start"], item["end"]) == sentence_span(app.current_call, 2)
        message = app.status.part("message")
        assert message.startswith("removed tag guidance") and "still metric" in message
        assert message in app.status.text

        await pilot.press("1")  # the last tag: the annotation goes
        await pilot.pause()
        assert on_disk(samples_copy) == []
        assert app.status.part("message").startswith("removed metric")

        await pilot.press("u")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["metric"]


async def test_toggling_a_selection_and_a_kept_note(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        await pilot.press("j", "v", "j", "2")
        (item,) = on_disk(samples_copy)
        assert (item["start"], item["end"]) == (call.sentence_starts[1], call.sentence_ends[2])
        # The same selection again, then 2: guidance comes off it.
        await pilot.press("k", "v", "j", "2")
        await pilot.pause()
        assert on_disk(samples_copy) == []
        # A note keeps an annotation whose last tag is taken off.
        await pilot.press("g", "1")
        session = app.annotations.session()
        session.set_note(session.annotations[0].id, "kept")
        await pilot.press("1")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["tags"] == [] or "tags" not in item
        assert item["note"] == "kept"


async def test_the_typed_tag_prompt_only_adds(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("2", "t")
        await pilot.pause()
        await pilot.press(*"guidance", "enter")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["guidance"]
        assert app.status.part("message") == "already tagged guidance"
