"""Resolving a git merge conflict of annotations in the app."""

from __future__ import annotations

import yaml

from annotations.session import CallAnnotations
from tests.conftest import Q4_2003
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle


def _conflicted(samples_copy):
    """An annotation file as the merge driver leaves it: two versions of one
    highlight, each marked with the other's id."""
    call = parse_file(samples_copy / Q4_2003)
    session = CallAnnotations(call)
    a = session.add(call.sentence_starts[5], call.sentence_ends[5], ["metric"], note="alice")
    b = session.add(call.sentence_starts[5], call.sentence_ends[5] - 1, ["metric"], note="bob")
    a.extra["conflict"], b.extra["conflict"] = b.id, a.id
    session.dirty = True
    assert session.save().ok
    return a.id, b.id


async def test_opening_a_conflicted_call_says_so_and_the_palette_keeps_one(samples_copy):
    keep_id, drop_id = _conflicted(samples_copy)
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=Config())
    app.installers = ["tui.annotations_ui:install", "tui.conflicts_ui:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        assert any("marked by a git merge" in n.message for n in app._notifications)
        from tui.conflicts_ui import ConflictCommands

        entries = ConflictCommands(app.screen).entries()
        assert len(entries) == 2
        label, _, keep = next(e for e in entries if keep_id in e[0])
        keep()
        await pilot.pause()
    doc = yaml.safe_load(sidecar_path(samples_copy / Q4_2003).read_text(encoding="utf-8"))
    (item,) = doc["annotations"]
    assert item["id"] == keep_id and item["note"] == "alice" and "conflict" not in item
