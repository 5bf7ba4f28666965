"""Nothing from a file reaches the terminal as control characters in the
app: a transcript, speaker title, analyst line, quote, note, tag and file
name holding escape sequences are shown (as visible pictures) in the reader,
every pane, the status bar, toasts, the help screen, the palette and every
dialog, and never sent. A file name that is not UTF-8 opens like any other.

Each screen is checked through Textual's own screenshot: the exact text a
terminal would be sent, cell by cell."""

from __future__ import annotations

import os
import shutil

from textual.widgets import Input, TextArea

from tests.conftest import Q1_2003, SAMPLES
from tests.faults.hostile import (
    ATTACK, CLEAR, HOSTILE_NAME, TITLE, annotate_hostile, hostile_transcript, leaks,
)
from transcripts.terminal_safe import printable
from tui.app import EarmarkApp
from tui.screens.export_dialog import PREVIEW_DELAY, ExportDialog
from tui.screens.note_form import NoteForm
from benchmarks.harness import settle as workers_idle

SIZE = (150, 46)
BAD_UTF8_NAME = os.fsdecode(b"bad\xffname-2003-q1.txt")
BROKEN_NAME = f"broken{CLEAR}\n.txt"


def hostile_folder(tmp_path):
    folder = tmp_path / "calls"
    path = hostile_transcript(folder)
    annotate_hostile(path)
    shutil.copy(SAMPLES / Q1_2003, folder / BAD_UTF8_NAME)
    (folder / BROKEN_NAME).write_bytes(b"\x00\x01\x02 not a transcript \xff\xfe" * 50)
    return folder, path


async def settle(app, pilot, delay: float = 0.0) -> None:
    if delay:
        await pilot.pause(delay)
    for _ in range(3):
        await workers_idle(app)
        await pilot.pause()


def screen_leaks(app) -> list[str]:
    return leaks(app.export_screenshot())


async def test_no_control_character_reaches_the_terminal_anywhere_in_the_app(tmp_path):
    folder, path = hostile_folder(tmp_path)
    app = EarmarkApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.open_call(next(c.id for c in app.corpus.calls if c.path == str(path)))
        reader = app.reader
        reader.goto_offset(reader.call.text.index(ATTACK))
        await settle(app, pilot)
        shot = app.export_screenshot()
        assert leaks(shot) == [], "reader, panes, status bar, toasts"
        # The attack is shown, as pictures: the reader did not drop the text.
        assert "\u241b]0;PWNED" in shot and "\u241b[2J" in shot
        messages = " ".join(n.message for n in app._notifications)
        assert "Could not read" in " ".join(n.title for n in app._notifications)
        assert "\x1b" not in messages and "\n" not in messages.replace("\n", " ")

        await pilot.press("question_mark")
        await settle(app, pilot)
        assert screen_leaks(app) == [], "help screen"
        await pilot.press("escape")

        await pilot.press("e")
        await settle(app, pilot, PREVIEW_DELAY + 0.1)
        assert isinstance(app.screen, ExportDialog)
        assert screen_leaks(app) == [], "export dialog: path and preview"
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("ctrl+p")
        await settle(app, pilot, 0.3)
        assert screen_leaks(app) == [], "command palette"
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("slash")
        await pilot.press(*"metro")
        await settle(app, pilot, 0.5)
        assert screen_leaks(app) == [], "search pane"
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        reader.focus()

        reader.goto_offset(reader.call.text.index(ATTACK))
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteForm)
        assert screen_leaks(app) == [], "note form: quote and note"
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("t")
        await settle(app, pilot)
        assert screen_leaks(app) == [], "tag prompt: the tags in use"
        await pilot.press("escape")
        await settle(app, pilot)

        todd = next(sp for sp in reader.call.speakers if sp.name == "Todd Raker")
        app.show_person_turns(todd.key)
        await settle(app, pilot)
        assert screen_leaks(app) == [], "a person's turns across calls"
        await pilot.press("escape")
        await settle(app, pilot)


async def test_a_note_left_as_shown_keeps_its_own_characters(tmp_path):
    """The note form shows a note's escapes as pictures; saving without
    touching the text keeps the bytes the file had (nothing rewritten)."""
    folder, path = hostile_folder(tmp_path)
    app = EarmarkApp([str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.reader.goto_offset(app.reader.call.text.index(ATTACK))
        await pilot.press("a")
        await settle(app, pilot)
        area = app.screen.query_one("#note", TextArea)
        assert area.text == printable(f"see {TITLE} note")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        session = app.annotations.session()
        assert session.annotations[0].note == f"see {TITLE} note"


async def test_the_export_path_of_an_odd_folder_is_written_where_it_was_meant(tmp_path):
    """The dialog shows the automatic path safely; left as shown, the file is
    written at the real path (escapes and all), not at the pictures."""
    folder = tmp_path / f"dir{TITLE}"
    path = hostile_transcript(folder, "acme-2024-q3.txt")
    annotate_hostile(path)
    app = EarmarkApp([str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot, PREVIEW_DELAY + 0.1)
        field = app.screen.query_one("#export-path", Input)
        assert "\x1b" not in field.value and "\u241b" in field.value
        assert screen_leaks(app) == []
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.2)
        written = [p for p in folder.iterdir() if p.name.endswith(".md")]
        assert written, sorted(p.name for p in folder.iterdir())


async def test_a_call_whose_file_name_is_not_utf8_opens(tmp_path):
    folder, _ = hostile_folder(tmp_path)
    app = EarmarkApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        bad = next(c for c in app.corpus.calls if c.path.endswith(BAD_UTF8_NAME))
        assert app.open_call(bad.id)
        await settle(app, pilot)
        await pilot.press("j", "1")  # tag: the annotation file beside it is written
        await settle(app, pilot)
        assert app.current_call is bad
        assert screen_leaks(app) == []
        assert any(p.name.endswith(".annotations.yaml") and p.name.startswith("bad")
                   for p in folder.iterdir())
        assert HOSTILE_NAME  # the other call is still there
