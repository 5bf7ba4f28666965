"""The export dialog in the app, driven through Pilot: `e` opens it, the
choices change what is written, the file lands where the dialog said, and
annotation files are untouched."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown

from tests.annotations.export_fixture import Q1_2003, Q4_2003, build_fixture
from tui.app import EarmarkApp
from tui.screens.export_dialog import PREVIEW_DELAY, ExportDialog, default_path, scope_calls
from benchmarks.harness import settle as workers_idle

SIZE = (150, 46)
INSTALL = "tui.export_keys:install"


def make_app(paths: list[Path]) -> EarmarkApp:
    app = EarmarkApp([str(p) for p in paths])
    if INSTALL not in app.installers:
        app.installers.append(INSTALL)
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


async def settle(app, pilot) -> None:
    await pilot.pause(PREVIEW_DELAY + 0.1)  # let a debounced preview start
    for _ in range(3):
        await pilot.pause()
        await workers_idle(app)
    await pilot.pause()


async def press_e(app, pilot) -> ExportDialog:
    """The dialog, opened the way a user does (``e``) and settled."""
    await pilot.press("e")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.annotations.yaml")}


@pytest.fixture
def calls(tmp_path) -> Path:
    return build_fixture(tmp_path)


async def test_e_opens_the_dialog_and_writes_a_markdown_file_beside_the_call(calls):
    before = _snapshot(calls)
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        current = app.current_call
        assert current is not None
        dialog = await press_e(app, pilot)
        path_field = dialog.query_one("#export-path", Input)
        expected = Path(current.path).with_name(Path(current.path).stem + ".highlights.md")
        assert Path(path_field.value) == expected
        # The preview shows this call's highlights, rendered by Textual's Markdown widget.
        preview = dialog.query_one("#export-preview", Markdown)
        assert f"{current.company} — Q{current.quarter} fiscal {current.fiscal_year}" in preview.source
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert expected.exists()
        text = expected.read_text(encoding="utf-8")
        assert text.startswith(f"# {current.company} — Q{current.quarter} fiscal {current.fiscal_year}")
        # Where it went is shown to the user.
        messages = [n.message for n in app._notifications]
        assert any(str(expected.resolve()) in m for m in messages), messages
    assert _snapshot(calls) == before
    # The summary beside the transcripts is not read back as a call.
    from transcripts import load_corpus

    assert sorted(Path(c.path).name for c in load_corpus([calls]).calls) == sorted([Q1_2003, Q4_2003])


async def test_dialog_choices_scope_format_and_filter(calls):
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await press_e(app, pilot)
        await pilot.click("#scope-all")
        await pilot.click("#format-csv")
        await settle(app, pilot)
        path_field = dialog.query_one("#export-path", Input)
        assert Path(path_field.value) == calls.resolve() / "earmark.highlights.csv"
        dialog.query_one("#export-filter", Input).focus()
        await pilot.press(*"tag:guidance")
        await settle(app, pilot)
        preview = dialog.query_one("#export-preview", Markdown).source
        assert "**3 highlights** from 2 call(s)" in preview
        await pilot.press("enter")
        await settle(app, pilot)
        out = calls.resolve() / "earmark.highlights.csv"
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
        assert sorted(r["id"] for r in rows) == ["q1gd01", "q4gd01", "q4gd02"]


async def test_bad_filter_is_shown_and_nothing_is_written(calls, tmp_path):
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await press_e(app, pilot)
        target = tmp_path / "out.json"
        dialog.query_one("#export-path", Input).value = str(target)
        dialog.query_one("#export-filter", Input).focus()
        await pilot.press(*"speakr:evan")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "unknown filter 'speakr:'" in str(dialog.query_one("#export-status").render())
        assert not target.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)


async def test_a_typed_path_keeps_its_name_when_the_format_changes(calls, tmp_path):
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await press_e(app, pilot)
        field = dialog.query_one("#export-path", Input)
        field.value = str(tmp_path / "my-summary.md")
        await pilot.pause()
        await pilot.click("#format-json")
        await settle(app, pilot)
        assert field.value == str(tmp_path / "my-summary.json")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        doc = json.loads((tmp_path / "my-summary.json").read_text(encoding="utf-8"))
        assert {a["call"] for a in doc["annotations"]} == {app.current_call.id}


async def test_palette_entry_opens_the_dialog_on_the_company(calls):
    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export: the company")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.scope == "company"
        assert Path(dialog.query_one("#export-path", Input).value).name == "verisign.highlights.md"


def test_scopes_and_default_paths(calls):
    from transcripts import load_corpus

    corpus = load_corpus([calls])
    q1 = next(c for c in corpus.calls if Path(c.path).name == Q1_2003)
    assert [c.id for c in scope_calls(corpus.calls, q1, "call")] == [q1.id]
    assert len(scope_calls(corpus.calls, q1, "company")) == 2
    assert default_path(corpus.calls, q1, "company", "md").name == "verisign.highlights.md"
    assert default_path(corpus.calls, q1, "call", "json").name == Path(Q1_2003).stem + ".highlights.json"
    assert Path(Q4_2003).stem not in default_path(corpus.calls, q1, "all", "md").name


async def test_palette_lists_every_providers_entries_before_typing(calls):
    """Opened empty, the palette lists the reader's and the export's
    entries (the shared entry-list provider's discovery); typing narrows
    them to the ones that match."""
    from textual.command import CommandList

    def shown(app) -> list[str]:
        options = app.screen.query_one(CommandList)
        return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

    app = make_app([calls])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        listed = "\n".join(shown(app))
        assert "go to: VeriSign Q1 2003" in listed and "export: the company" in listed
        await pilot.press(*"export")
        await pilot.pause(0.5)
        narrowed = shown(app)
        assert narrowed and all("export" in line for line in narrowed)
