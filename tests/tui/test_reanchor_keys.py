"""Re-anchors and stray annotation files in the app, through Pilot (issues 9
item 5 and 13 items 2 and 4): a fuzzy re-anchor is announced, shown in the
pane, kept out of the file until ``Y`` confirms it (``u`` undoes that), and
an annotation file whose transcript was renamed is announced and re-linked
from the command palette."""

from __future__ import annotations

import shutil

import yaml

from tests.conftest import Q4_2003, SAMPLES
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.cli import main
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
QUOTE = "we would look for revenues in Q1 to come in at approximately $220 million"
EDITED = QUOTE.replace("we would look", "we would expect")


def make_app(paths) -> EarmarkApp:
    app = EarmarkApp([str(p) for p in paths], config=Config())
    app.installers = ["tui.annotations_ui:install", "tui.reanchor_ui:install"]
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


def stored(transcript) -> dict:
    [item] = yaml.safe_load(sidecar_path(transcript).read_text(encoding="utf-8"))["annotations"]
    return item


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def tagged_then_edited(tmp_path, capsys):
    calls = tmp_path / "calls"
    calls.mkdir()
    path = calls / Q4_2003
    shutil.copy(SAMPLES / Q4_2003, path)
    assert main(["tag", str(path), "--find", QUOTE, "--tag", "guidance"]) == 0
    capsys.readouterr()
    path.write_text(path.read_text(encoding="utf-8").replace(QUOTE, EDITED), encoding="utf-8")
    return path


async def test_shift_y_confirms_a_fuzzy_re_anchor_and_u_undoes_it(tmp_path, capsys):
    path = tagged_then_edited(tmp_path, capsys)
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "re-anchored" in messages(app) and "Y keeps one" in messages(app)
        assert "to confirm" in str(app.annotations.pane.border_title)
        a = app.annotations.session().annotations[0]
        assert a.needs_review and app.current_call.text[a.start : a.end] == EDITED
        assert stored(path)["quote"] == QUOTE  # nothing written by opening
        app.goto_offset(app.current_call.id, a.start)
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert stored(path)["quote"] == EDITED
        assert "to confirm" not in str(app.annotations.pane.border_title)
        await pilot.press("u")
        await pilot.pause()
        assert stored(path)["quote"] == QUOTE


async def test_shift_y_elsewhere_says_where_the_re_anchors_wait(tmp_path, capsys):
    path = tagged_then_edited(tmp_path, capsys)
    app = make_app([path])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("Y")  # the cursor is on the first sentence
        await pilot.pause()
        assert "1 waits in the annotations pane" in messages(app)
        assert stored(path)["quote"] == QUOTE


async def test_a_renamed_transcript_is_announced_and_re_linked_from_the_palette(tmp_path, capsys):
    from textual.command import CommandList

    calls = tmp_path / "calls"
    calls.mkdir()
    old = calls / Q4_2003
    shutil.copy(SAMPLES / Q4_2003, old)
    assert main(["tag", str(old), "--find", QUOTE, "--tag", "guidance", "--note", "Q1 guide"]) == 0
    capsys.readouterr()
    new = calls / "verisign-2003-q4.txt"
    old.rename(new)
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "without a transcript" in messages(app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        await pilot.press(*"re-link")
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("verisign-2003-q4.txt" in line for line in shown), shown
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert "re-linked" in messages(app).lower() or "moved 1 annotation" in messages(app)
        assert not sidecar_path(old).exists()
        item = stored(new)
        assert item["note"] == "Q1 guide" and item["quote"] == QUOTE
        session = app.annotations.session()
        assert [a.status for a in session.annotations] == ["anchored"]


async def test_the_export_dialog_keeps_annotations_whose_transcript_is_gone(tmp_path, capsys):
    from tui.screens.export_dialog import PREVIEW_DELAY, ExportDialog, open_export_dialog

    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(SAMPLES / Q4_2003, calls / Q4_2003)
    gone = calls / "gone.txt"
    shutil.copy(SAMPLES / Q4_2003, gone)
    assert main(["tag", str(gone), "--find", QUOTE, "--tag", "guidance", "--note", "keep me"]) == 0
    capsys.readouterr()
    gone.unlink()
    app = make_app([calls])
    app.installers.append("tui.export_keys:install")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        open_export_dialog(app, "all")
        await pilot.pause(PREVIEW_DELAY + 0.2)
        await workers_idle(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.scope == "all"
        await pilot.press("ctrl+s")
        for _ in range(3):
            await pilot.pause()
            await workers_idle(app)
        written = dialog.written.path
        text = written.read_text(encoding="utf-8")
        assert "Orphaned" in text and "keep me" in text
