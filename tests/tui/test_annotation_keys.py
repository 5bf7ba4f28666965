"""The annotation keys in the app, through Pilot: after each key the YAML on
disk holds what the reader did (and text[start:end] == quote)."""

from __future__ import annotations

import yaml

from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"


def make_app(samples_copy, config: Config | None = None) -> EarmarkApp:
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=config or Config())
    app.installers = ["tui.annotations_ui:install"]
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def on_disk(samples_copy) -> list[dict]:
    path = sidecar_path(samples_copy / Q4_2003)
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))["annotations"]


def check_quotes(app, items) -> None:
    text = app.current_call.text
    for item in items:
        assert text[item["start"] : item["end"]] == item["quote"]


def sentence_span(call, i):
    return call.sentence_starts[i], call.sentence_ends[i]


async def test_1_tags_the_cursor_sentence_as_metric(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "1")
        call = app.current_call
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["metric"]
        assert (item["start"], item["end"]) == sentence_span(call, 2)
        check_quotes(app, [item])
        assert app.status.part("save") == "saved"
        # 2 on the same sentence adds a tag to the same annotation.
        await pilot.press("2")
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["metric", "guidance"]


async def test_v_selection_extended_with_j_then_2_tags_guidance(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        # In a turn long enough: a selection stays inside its turn.
        turn = next(t for t in call.turns if t.end_sentence - t.first_sentence >= 4)
        first = turn.first_sentence
        app.reader.goto_sentence(first)
        await pilot.pause()
        await pilot.press("j", "v", "j", "j")
        assert app.reader.selection == (first + 1, first + 3)
        await pilot.press("k")
        assert app.reader.selection == (first + 1, first + 2)
        await pilot.press("2")
        (item,) = on_disk(samples_copy)
        assert item["tags"] == ["guidance"]
        assert item["start"] == call.sentence_starts[first + 1] and item["end"] == call.sentence_ends[first + 2]
        check_quotes(app, [item])
        assert app.reader.selection is None


async def test_escape_cancels_the_selection(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("v", "j", "j", "escape")
        assert app.reader.selection is None
        await pilot.press("1")
        (item,) = on_disk(samples_copy)
        assert (item["start"], item["end"]) == sentence_span(app.current_call, 2)


async def test_user_tags_from_config_on_3_to_9(samples_copy):
    app = make_app(samples_copy, config=Config(tags={"3": "risk"}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("3")
        assert [i["tags"] for i in on_disk(samples_copy)] == [["risk"]]
        await pilot.press("j", "4")  # no tag on 4: nothing written
        assert [i["tags"] for i in on_disk(samples_copy)] == [["risk"]]


async def test_t_prompts_for_a_tag_with_completion(samples_copy):
    app = make_app(samples_copy, config=Config(tags={"3": "competition"}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("c", "o", "m")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert [i["tags"] for i in on_disk(samples_copy)] == [["competition"]]
        await pilot.press("j", "t", "f", "o", "l", "l", "o", "w", "-", "u", "p", "enter")
        await pilot.pause()
        assert sorted(i["tags"][0] for i in on_disk(samples_copy)) == ["competition", "follow-up"]


async def test_h_l_shape_a_finer_span_within_a_sentence(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        s, e = sentence_span(call, 0)
        first_words = call.text[s:e].split()
        await pilot.press("h", "h")  # end two words back
        await pilot.press("L")  # start one word forward
        await pilot.press("1")
        (item,) = on_disk(samples_copy)
        check_quotes(app, [item])
        assert s < item["start"] and item["end"] < e
        assert item["quote"].split() == first_words[1:-2]


async def test_a_opens_the_note_form_prefilled_from_the_number(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        app.reader.goto_offset(call.text.index(GUIDE))
        await pilot.pause()
        await pilot.press("2", "a")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-value").value == "220"
        assert form.query_one("#field-unit").value == "USD million"
        await pilot.press(*"Q1 guide")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (item,) = on_disk(samples_copy)
        assert item["note"] == "Q1 guide"
        assert item["fields"]["value"] == 220 and item["fields"]["unit"] == "USD million"


async def test_x_removes_and_u_undoes(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1", "j", "2")
        assert len(on_disk(samples_copy)) == 2
        await pilot.press("x")
        assert [i["tags"] for i in on_disk(samples_copy)] == [["metric"]]
        assert any("u to undo" in n.message for n in app._notifications)
        await pilot.press("u")
        assert sorted(i["tags"][0] for i in on_disk(samples_copy)) == ["guidance", "metric"]


async def test_pane_lists_annotations_in_text_order_and_enter_jumps(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("G", "1", "g", "j", "2")
        pane = app.query_one("#annotations")
        assert pane.option_count == 2
        assert [pane.annotation_at(i).tags for i in range(2)] == [["guidance"], ["metric"]]
        pane.focus()
        pane.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.cursor == app.current_call.sentence_count - 1


async def test_highlights_are_drawn_in_the_reader(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1")
        call = app.current_call
        s, e = sentence_span(call, 0)
        highlights = app.annotations.highlights
        assert highlights.spans(call, s, e)
        assert highlights.gutter(call, s, e) is not None
        s2, e2 = sentence_span(call, 5)
        assert highlights.spans(call, s2, e2) == []
        await pilot.press("j", "2")  # a colour per tag
        (metric,) = highlights.spans(call, s, e)
        (guidance,) = highlights.spans(call, *sentence_span(call, 1))
        assert metric[2].bgcolor != guidance[2].bgcolor


async def test_read_only_file_is_announced_and_never_written(samples_copy):
    path = sidecar_path(samples_copy / Q4_2003)
    path.write_text("version: 1\nannotations:\n- {id: aaa111, start: 9, end: 2, quote: x}\n")
    original = path.read_bytes()
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.status.part("save") == "read-only"
        assert any(":3: start 9 is after end 2" in n.message for n in app._notifications)
        await pilot.press("1", "x", "u")
        assert path.read_bytes() == original


async def test_hand_edit_while_open_is_merged_and_announced(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1")
        path = sidecar_path(samples_copy / Q4_2003)
        doc = yaml.safe_load(path.read_text())
        doc["annotations"][0]["note"] = "typed in an editor"
        path.write_text(yaml.safe_dump(doc, sort_keys=False))
        await pilot.press("j", "2")
        items = on_disk(samples_copy)
        assert len(items) == 2
        assert any(i.get("note") == "typed in an editor" for i in items)
        assert app.status.part("save") == "saved (merged)"
        assert any("merged" in n.message for n in app._notifications)


async def test_annotation_keys_can_be_remapped_by_id(samples_copy):
    app = make_app(samples_copy, config=Config(keymap={"annotations.tag_metric": "m"}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("m")
        assert [i["tags"] for i in on_disk(samples_copy)] == [["metric"]]


async def test_orphaned_annotations_are_listed_and_announced(samples_copy):
    transcript = samples_copy / Q4_2003
    text = transcript.read_text(encoding="utf-8")
    sidecar_path(transcript).write_text(
        "version: 1\nannotations:\n"
        "- id: gone01\n  tags: [metric]\n  start: 5\n  end: 40\n"
        "  quote: a sentence nobody ever said on this call\n",
        encoding="utf-8",
    )
    before = sidecar_path(transcript).read_bytes()
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        pane = app.query_one("#annotations")
        assert pane.option_count == 1 and pane.annotation_at(0).status == "orphaned"
        assert "orphaned" in str(pane.border_title)
        assert any("orphaned" in n.message for n in app._notifications)
        assert app.annotations.highlights.spans(app.current_call, 0, len(text)) == []
    assert sidecar_path(transcript).read_bytes() == before  # opening never writes


async def test_fixing_a_read_only_file_resumes_editing(samples_copy):
    path = sidecar_path(samples_copy / Q4_2003)
    path.write_text("version: 1\nannotations: [\n")
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1")
        assert path.read_text() == "version: 1\nannotations: [\n"
        path.write_text("version: 1\nannotations: []\n")  # fixed in an editor
        await pilot.press("1")
        assert [i["tags"] for i in on_disk(samples_copy)] == [["metric"]]
        assert app.status.part("save") == "saved"


async def test_moving_the_cursor_leaves_word_mode(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("h", "j", "1")  # the word span is dropped: sentence 2 is tagged whole
        (item,) = on_disk(samples_copy)
        assert (item["start"], item["end"]) == sentence_span(app.current_call, 1)
        await pilot.press("j", "H", "H")  # the start moves back into the previous sentence
        await pilot.press("2")
        items = on_disk(samples_copy)
        guide = next(i for i in items if i["tags"] == ["guidance"])
        s, e = sentence_span(app.current_call, 2)
        assert guide["start"] < s and guide["end"] == e
        check_quotes(app, items)


async def test_x_in_the_pane_removes_the_highlighted_annotation(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1", "j", "j", "j", "2")
        pane = app.query_one("#annotations")
        pane.focus()
        pane.highlighted = 0
        await pilot.press("x")
        assert [i["tags"] for i in on_disk(samples_copy)] == [["guidance"]]


MALFORMED = "version: 1\nannotations: [\n"


async def test_edit_made_while_the_file_is_invalid_is_kept_and_merged_once_fixed(samples_copy):
    from annotations.session import recovery_path

    transcript = samples_copy / Q4_2003
    path = sidecar_path(transcript)
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1")  # saved
        path.write_text(MALFORMED)  # broken in an editor meanwhile
        await pilot.press("j", "2")  # this edit cannot be saved
        assert path.read_text() == MALFORMED
        assert "NOT SAVED" in app.status.part("save")
        rescue = recovery_path(transcript)
        assert any(str(rescue) in n.message for n in app._notifications)
        assert sorted(i["tags"][0] for i in yaml.safe_load(rescue.read_text())["annotations"]) == ["guidance", "metric"]
        await pilot.press("j", "1")  # still broken: refused, nothing lost
        assert path.read_text() == MALFORMED
        path.write_text("version: 1\nannotations: []\n")  # "fixed" by emptying it
        await pilot.press("j", "1")
        tags = sorted(i["tags"][0] for i in on_disk(samples_copy))
        assert tags == ["guidance", "metric"]  # the pending guidance and the new metric
        check_quotes(app, on_disk(samples_copy))
        assert not rescue.exists()
        assert app.status.part("save").startswith("saved")


async def test_os_error_on_save_is_shown_and_the_edit_goes_out_with_the_next(samples_copy, monkeypatch):
    import errno

    from annotations import store

    real = store.write_atomic
    failing = [True]

    def disk_full(target, data, *args, **kwargs):
        if failing[0] and target.name.endswith(".annotations.yaml"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data, *args, **kwargs)

    monkeypatch.setattr(store, "write_atomic", disk_full)
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1")
        assert on_disk(samples_copy) == []
        assert "No space left on device" in app.status.part("save")
        failing[0] = False
        await pilot.press("j", "2")
        assert sorted(i["tags"][0] for i in on_disk(samples_copy)) == ["guidance", "metric"]
        assert app.status.part("save") == "saved"


async def test_a_recovery_file_left_by_an_earlier_run_is_pointed_out(samples_copy):
    from annotations.session import recovery_path

    rescue = recovery_path(samples_copy / Q4_2003)
    rescue.write_text("version: 1\nannotations: []\n")
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert any(str(rescue) in n.message for n in app._notifications)


async def test_annotations_pane_moves_with_j_k_and_escape_returns(samples_copy):
    """Like the other panes: j/k move in the list (not the transcript's
    cursor), escape goes back to the transcript where j moves again."""
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("1", "j", "j", "2", "j", "j", "1")
        pane = app.query_one("#annotations")
        assert pane.option_count == 3
        pane.focus()
        pane.highlighted = 0
        await pilot.pause()
        cursor = app.reader.cursor
        await pilot.press("j", "j")
        assert pane.highlighted == 2
        await pilot.press("k")
        assert pane.highlighted == 1
        assert app.reader.cursor == cursor
        assert app.reader.selection is None  # j/k did not extend a selection either
        await pilot.press("escape")
        assert app.reader.has_focus
        await pilot.press("j")
        assert app.reader.cursor == cursor + 1
