"""The export dialog's preview is of the chosen format, and its
placeholders come from the calls loaded, marked as examples (issue 9 item
18)."""

from __future__ import annotations

import csv
import io
import json
import shutil

from textual.widgets import Input, Markdown

from tests.annotations.export_fixture import build_fixture
from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from tests.tui.test_export_dialog import make_app, press_e, ready, settle

SIZE = (150, 46)


def code_block(source: str) -> str:
    """The text inside the preview's code block."""
    body = source.split("```", 1)[1]
    return body.split("\n", 1)[1].rsplit("```", 1)[0]


async def test_the_preview_follows_the_format(tmp_path):
    calls = build_fixture(tmp_path)
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await press_e(app, pilot)
        preview = dialog.query_one("#export-preview", Markdown)
        assert preview.source.split("---", 1)[1].lstrip().startswith("# ")  # Markdown: a heading

        await pilot.click("#format-csv")
        await settle(app, pilot)
        rows = list(csv.reader(io.StringIO(code_block(preview.source))))
        assert len(rows) >= 2 and "quote" in rows[0]
        assert "CSV" in preview.source

        await pilot.click("#format-json")
        await settle(app, pilot)
        doc = json.loads(code_block(preview.source))
        assert isinstance(doc, dict) and doc

        await pilot.click("#format-md")
        await settle(app, pilot)
        assert "```" not in preview.source.split("---", 1)[1][:20]


async def test_placeholders_come_from_the_loaded_calls(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(SAMPLES / Q1_2003, folder / "acme-2021-q2.txt")
    shutil.copy(SAMPLES / Q4_2003, folder / "acme-2022-q3.txt")
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await press_e(app, pilot)
        since = dialog.query_one("#export-since", Input).placeholder
        until = dialog.query_one("#export-until", Input).placeholder
        words = dialog.query_one("#export-filter", Input).placeholder
        assert (since, until) == ("e.g. 2021q2", "e.g. 2022q3")
        assert words.startswith("e.g. ")
        named = [w.split(":", 1)[1] for w in words.split() if w.startswith("speaker:")]
        assert named and any(named[0] in sp.name.casefold() for sp in app.current_call.speakers)
