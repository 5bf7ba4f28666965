"""The help screen and the keys with every feature installed (annotations,
search, export), as a user runs the app: every binding listed once, with
its id for the keymap, grouped by feature; no key means two things in one
place."""

from __future__ import annotations

from collections import defaultdict

from benchmarks.harness import settle
from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from tui.screens.help import HelpScreen
from tui.widgets.annotations_pane import AnnotationsPane
from tui.widgets.calls_pane import CallsPane
from tui.widgets.outline import QAOutline
from tui.widgets.speakers_pane import SpeakersPane

SIZE = (140, 40)


async def ready(app, pilot) -> None:
    # Not ``workers.wait_for_complete``: it raises when the app replaces a
    # worker meanwhile (a call opened again once the corpus is in), which it
    # does on purpose.
    await settle(app)
    await pilot.pause()


def keys_of(node) -> dict[str, set[str]]:
    """key -> the binding ids on that key in ``node``'s own bindings."""
    out: dict[str, set[str]] = defaultdict(set)
    for key, bindings in node._bindings.key_to_bindings.items():
        for b in bindings:
            out[key].add(b.id or b.action)
    return out


async def test_help_lists_every_feature_binding_with_its_id(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen._groups)
        text = str(app.screen.query_one("#help-text").render())
        # Every binding someone gave an id: its description and id are listed.
        nodes = [app, app.reader, *app.query("CallsPane, SpeakersPane, QAOutline, AnnotationsPane, SearchPane")]
        for node in nodes:
            for bindings in node._bindings.key_to_bindings.values():
                for b in bindings:
                    if b.id and b.description and not b.description.startswith("User tag"):
                        assert (b.tooltip or b.description) in text, b  # the long form, if any
                        assert b.id in text, b
        # App-wide feature keys are grouped by feature, after the transcript's.
        names = list(groups)
        assert names[:3] == ["Everywhere", "Moving around", "Transcript"]
        assert {"Search", "Export"} <= set(names)
        annotations = next(n for n in names if n.startswith("Annotations ("))
        assert any(keys == "v" for keys, _, _ in groups[annotations])
        assert not any(keys == "v" for keys, _, _ in groups["Everywhere"])
        # Seven unset user tags are one row; Textual's own text-editing keys
        # (the search box) are not Earmark's keys.
        assert sum(desc.startswith("User tag") for rows in groups.values() for _, desc, _ in rows) == 0
        assert ("3-9", "Your own tags (tags: in config.yaml)") in [(k, d) for k, d, _ in groups[annotations]]
        assert "Input" not in groups and "OptionList" not in groups
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_no_key_means_two_things_where_it_is_pressed(samples_copy):
    """App-wide feature keys (v, 1-9, t, a, x, u, h/l/H/L, /, n, N, e, ...)
    must not be shadowed in the transcript, and no two features bind one key."""
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app_keys = keys_of(app)
        clashes = {k: ids for k, ids in app_keys.items() if len(ids) > 1}
        # escape is layered on purpose: each handler steps aside (SkipAction)
        # when it has nothing to do, so it means one thing at a time (first
        # cancel a selection, then unmark the search's words).
        assert clashes == {"escape": {"annotations.cancel", "search.unmark"}}
        assert [b.id for b in app._bindings.key_to_bindings["escape"]] == ["annotations.cancel", "search.unmark"]
        for feature_key in "v 1 2 3 9 t a x u h l H L slash n N e escape".split():
            assert feature_key in app_keys, feature_key
        reader_keys = keys_of(app.reader)
        assert not set(reader_keys) & set(app_keys)
        for pane_cls in (CallsPane, SpeakersPane, QAOutline, AnnotationsPane):
            pane_keys = keys_of(app.query_one(pane_cls))
            assert set(pane_keys) & set(app_keys) <= {"escape"}, pane_cls  # escape: back to the transcript
        # The keys work from the transcript after a pane had focus.
        app.query_one(SpeakersPane).focus()
        await pilot.press("escape", "v", "j")
        assert app.reader.has_focus and app.reader.selection == (0, 1)


def screen_text(app) -> list[str]:
    return ["".join(seg.text for seg in line) for line in app.screen._compositor.render_strips()]


async def test_footer_shows_the_main_keys_even_on_a_narrow_terminal(samples_copy):
    for size, wanted in (((80, 24), ["? Help", "}{ Turn"]),
                         ((140, 40), ["? Help", "}{ Turn", "f Speaker only", "/ Search", "v Select", "e Export",
                                      "1 Metric", "2 Guidance", "t Tag\u2026", "a Note", "^p Commands"])):
        app = EarmarkApp([str(samples_copy / Q4_2003)])
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            footer = screen_text(app)[-1]
            for item in wanted:
                assert item in footer, (size, footer)


async def test_keys_short_in_the_footer_read_in_full_in_the_help(samples_copy):
    """The footer's one-word descriptions (kept short so every key fits at
    140 columns) are spelled out on the help screen."""
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        rows = {ids: desc for _, found in app.screen._groups for _, desc, ids in found}
        assert rows["annotations.tag_metric"] == "Tag as metric (again: untag)"
        assert rows["annotations.tag_guidance"] == "Tag as guidance (again: untag)"
        assert rows["annotations.tag_prompt"] == "Tag with a typed name"
        assert rows["annotations.note"] == "Edit the note and fields"
        assert rows["reader.filter"] == "Only this speaker"
        assert rows["app.palette"] == "Command palette"
        # the search marks' life, in the rows of the keys that change it
        assert rows["search.close"] == "Close (empty query: unmark words)"
        assert rows["search.unmark"] == "Unmark the words (nothing selected)"
        assert rows["search.next"] == "Next hit (its words marked)"
        # every description fits its column (the ids stay aligned)
        assert max(len(desc) for desc in rows.values()) <= 36
