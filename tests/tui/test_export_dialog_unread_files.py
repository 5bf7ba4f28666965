"""An annotation file that cannot be read leaves its highlights out of an
export made in the dialog: the preview and the notification after the
write both name the file (and line), so the user is never handed a summary
that is silently short."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown

from tests.annotations.export_fixture import build_fixture
from tui.app import EarmarkApp
from tui.screens.export_dialog import PREVIEW_DELAY, ExportDialog
from transcripts.sidecar import sidecar_path
from benchmarks.harness import settle as workers_idle

SIZE = (150, 46)


async def settle(app, pilot) -> None:
    await pilot.pause(PREVIEW_DELAY + 0.1)
    for _ in range(3):
        await pilot.pause()
        await workers_idle(app)
    await pilot.pause()


async def test_broken_annotation_file_is_named_in_preview_and_after_export(tmp_path):
    calls = build_fixture(tmp_path)
    app = EarmarkApp([str(calls)])
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        current = app.current_call
        sidecar = sidecar_path(current.path)
        # Broken on disk after the app read it (e.g. a bad merge in git).
        sidecar.write_text("version: 1\nannotations: [unclosed\n", encoding="utf-8")
        await pilot.press("e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        preview = dialog.query_one("#export-preview", Markdown).source
        assert f"{sidecar}:" in preview
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        exported = [n for n in app._notifications if n.title == "Exported"]
        assert len(exported) == 1
        assert f"{sidecar}:" in exported[0].message
        assert exported[0].severity == "warning"
        assert Path(current.path).with_name(Path(current.path).stem + ".highlights.md").exists()
