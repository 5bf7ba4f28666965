"""The app watches the open call's files: a ``git checkout`` of an older
annotation file, an annotation added by another tool, or an edited
transcript is seen the moment it happens (reloaded, re-anchored, and said
in a notification), not at the next save; the app's own saves pass in
silence."""

from __future__ import annotations

import os
import time

from annotations.session import CallAnnotations
from tests.conftest import Q4_2003
from transcripts import parse_file
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


def disk_notes(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Changed on disk"]


async def settle(app, pilot) -> None:
    for _ in range(3):
        await workers_idle(app)
        await pilot.pause()


async def wait_for_watch(app, pilot, count: int, timeout: float = 5.0) -> list[str]:
    """Until the watcher's timer has announced ``count`` changes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await settle(app, pilot)
        if len(disk_notes(app)) >= count:
            break
        await pilot.pause(0.2)
    return disk_notes(app)


def replace_like_git(path, data: bytes) -> None:
    """Write a new file and rename it over the old one, as git does."""
    tmp = path.with_name(path.name + ".tmp-git")
    tmp.write_bytes(data)
    os.replace(tmp, path)


async def test_a_checkout_of_an_older_annotation_file_is_seen_at_once(samples_copy):
    transcript = samples_copy / Q4_2003
    side = sidecar_path(transcript)
    app = EarmarkApp([str(transcript)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "1")
        await settle(app, pilot)
        older = side.read_bytes()  # the commit a checkout goes back to
        await pilot.press("j", "j", "2")
        await settle(app, pilot)
        assert len(app.annotations.session().annotations) == 2
        await pilot.pause(1.5)  # the app's own saves: nothing to say
        assert disk_notes(app) == []

        replace_like_git(side, older)
        notes = await wait_for_watch(app, pilot, 1)
        assert notes == [f"{side.name} changed on disk: 1 removed"]
        assert len(app.annotations.session().annotations) == 1
        assert "Annotations (1)" in str(app.annotations.pane.border_title)

        # The next edit writes what the user sees: the checked-out file plus it.
        await pilot.press("j", "1")
        await settle(app, pilot)
        assert len(CallAnnotations(parse_file(transcript)).annotations) == 2


async def test_an_annotation_added_by_another_tool_appears(samples_copy):
    transcript = samples_copy / Q4_2003
    app = EarmarkApp([str(transcript)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        other = CallAnnotations(parse_file(transcript))  # `earmark tag`, another window
        start = other.call.text.index("deferred revenue")
        other.add(start, start + len("deferred revenue"), tags=["metric"])
        assert other.save().ok
        app.file_watch.check()
        notes = await wait_for_watch(app, pilot, 1)
        assert notes == [f"{sidecar_path(transcript).name} changed on disk: 1 added"]
        assert [a.quote for a in app.annotations.session().annotations] == ["deferred revenue"]


async def test_an_edited_transcript_is_read_again_and_its_annotations_re_anchored(samples_copy):
    transcript = samples_copy / Q4_2003
    app = EarmarkApp([str(transcript)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        call = app.current_call
        start = call.text.index("deferred revenue")
        app.reader.goto_offset(start)
        await pilot.press("1")
        await settle(app, pilot)
        before = app.annotations.session().annotations[0]
        text = transcript.read_text(encoding="utf-8")
        first_line_end = text.index("\n") + 1
        transcript.write_text(text[:first_line_end] + "A line added at the top.\n" + text[first_line_end:],
                              encoding="utf-8")
        app.file_watch.check()
        notes = await wait_for_watch(app, pilot, 1)
        assert len(notes) == 1 and notes[0].startswith(f"{transcript.name} changed on disk: read again")
        assert "1 moved" in notes[0]
        assert "A line added at the top." in app.current_call.text
        after = app.annotations.session().annotations[0]
        assert after.quote == before.quote and after.start > before.start
        assert app.current_call.text[after.start:after.end] == before.quote
