"""Redo (``ctrl+r``) beside undo (``u``), through Pilot (issue 12 item 7):
for every kind of annotation edit (tag, untag, note and fields, remove,
accept and dismiss a suggestion, accept a turn's suggestions, confirm a
re-anchor, resolve a merge conflict), ``u`` puts the annotation file back
as it was before the edit and ``ctrl+r`` puts it back exactly as the edit
left it, byte for byte; the status bar says what was redone; a new edit
after an undo leaves nothing to redo."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import yaml

from tests.conftest import Q4_2003
from tests.tui.test_conflict_resolution import _conflicted
from tests.tui.test_reanchor_keys import tagged_then_edited
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
INSTALLERS = ["tui.annotations_ui:install", "tui.reanchor_ui:install", "tui.conflicts_ui:install",
              "tui.suggestions_ui:install"]


def make_app(transcript: Path) -> EarmarkApp:
    app = EarmarkApp([str(transcript)], config=Config())
    app.installers = list(INSTALLERS)
    return app


@asynccontextmanager
async def opened(transcript: Path):
    """The app on ``transcript``, loaded, as (app, pilot)."""
    app = make_app(transcript)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await workers_idle(app)
            await pilot.pause()
        yield app, pilot


def yaml_text(transcript: Path) -> str | None:
    """The annotation file as it is on disk (None: there is none)."""
    path = sidecar_path(transcript)
    return path.read_text(encoding="utf-8") if path.exists() else None


def annotations_of(text: str | None) -> list | None:
    return yaml.safe_load(text)["annotations"] if text is not None else None


async def undo_then_redo(app, pilot, transcript: Path, before: str | None, said: str,
                         same=lambda text: text) -> None:
    """``u`` restores ``before`` on disk (as far as ``same`` looks);
    ``ctrl+r`` restores what the edit wrote, and the status bar names it
    (``said``)."""
    after = yaml_text(transcript)
    assert after != before, "the edit changed the file"
    await pilot.press("u")
    await pilot.pause()
    assert same(yaml_text(transcript)) == same(before)
    assert app.status.part("message").startswith("undone: " + said)
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert yaml_text(transcript) == after
    assert app.status.part("message").startswith("redone: " + said)
    assert app.status.part("save") == "saved"
    await pilot.press("ctrl+r")
    assert app.status.part("message").startswith("nothing to redo")
    assert yaml_text(transcript) == after


@pytest.fixture
def transcript(samples_copy) -> Path:
    return samples_copy / Q4_2003


async def test_redo_a_tag(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1")
        await undo_then_redo(app, pilot, transcript, None, "tagged metric: \u201c")


async def test_redo_an_untag(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1", "2")
        before = yaml_text(transcript)
        await pilot.press("2")  # takes guidance off again
        await undo_then_redo(app, pilot, transcript, before, "removed tag guidance from")


async def test_redo_a_note_and_fields(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1")
        before = yaml_text(transcript)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"watch Q1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "watch Q1" in yaml_text(transcript)
        await undo_then_redo(app, pilot, transcript, before, "note saved")


async def test_redo_a_removal(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1", "k", "2")
        before = yaml_text(transcript)
        await pilot.press("j", "x")
        await undo_then_redo(app, pilot, transcript, before, "removed \u201c")


async def test_redo_accepting_and_dismissing_a_suggestion(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("full_stop", "A")
        await undo_then_redo(app, pilot, transcript, None, "accepted as ")
        before = yaml_text(transcript)
        await pilot.press("full_stop", "d")
        assert "dismissed:" in yaml_text(transcript)
        await undo_then_redo(app, pilot, transcript, before, "dismissed: \u201c")


async def test_accepting_a_turns_suggestions_is_one_step_each_way(transcript):
    async with opened(transcript) as (app, pilot):
        call = app.current_call
        marks = app.suggestions.marks.items
        turn = max({s.turn for s in marks}, key=lambda t: sum(s.turn == t for s in marks))
        assert sum(s.turn == turn for s in marks) > 1
        app.reader.goto_sentence(call.turns[turn].first_sentence)
        await pilot.pause()
        await pilot.press("T")
        await undo_then_redo(app, pilot, transcript, None, "accepted ")


async def test_redo_a_re_anchor_confirmation(tmp_path, capsys):
    path = tagged_then_edited(tmp_path, capsys)
    async with opened(path) as (app, pilot):
        a = app.annotations.session().annotations[0]
        app.goto_offset(app.current_call.id, a.start)
        await pilot.pause()
        before = yaml_text(path)
        await pilot.press("Y")
        await pilot.pause()
        # The undo is written with the transcript's new sha256 beside the
        # quote you tagged: compare the annotations.
        await undo_then_redo(app, pilot, path, before, "confirmed: \u201c", same=annotations_of)


async def test_redo_a_conflict_resolved_from_the_palette_and_with_x(samples_copy, transcript):
    keep_id, drop_id = _conflicted(samples_copy)
    async with opened(transcript) as (app, pilot):
        from tui.conflicts_ui import keep

        before = yaml_text(transcript)
        keep(app, keep_id)
        await pilot.pause()
        assert "conflict" not in yaml_text(transcript)
        await undo_then_redo(app, pilot, transcript, before, f"conflict resolved: kept {keep_id}")
        await pilot.press("u")
        await pilot.pause()
        assert yaml_text(transcript) == before
        app.annotations.pane.focus()
        pane = app.annotations.pane
        pane.highlighted = next(i for i in range(len(pane.options))
                                if getattr(pane.annotation_at(i), "id", None) == drop_id)
        await pilot.press("x")  # removing one version resolves the pair
        await pilot.pause()
        await undo_then_redo(app, pilot, transcript, before, "removed \u201c")


async def test_a_new_edit_after_undo_leaves_nothing_to_redo(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1", "u")
        assert yaml_text(transcript) is None
        await pilot.press("j", "2")
        after = yaml_text(transcript)
        await pilot.press("ctrl+r")
        assert app.status.part("message").startswith("nothing to redo")
        assert yaml_text(transcript) == after
        assert "metric" not in after


async def test_several_undos_redo_in_order_and_the_palette_names_the_next(transcript):
    async with opened(transcript) as (app, pilot):
        await pilot.press("j", "1")
        one = yaml_text(transcript)
        await pilot.press("j", "2")
        two = yaml_text(transcript)
        await pilot.press("u", "u")
        assert yaml_text(transcript) is None
        from tui.history_ui import HistoryCommands

        [(label, _, _)] = HistoryCommands(app.screen).entries()
        assert label.startswith("redo: tagged metric")
        await pilot.press("ctrl+r")
        assert yaml_text(transcript) == one
        await pilot.press("ctrl+r")
        assert yaml_text(transcript) == two
        assert app.status.part("message").startswith("redone: tagged guidance")
