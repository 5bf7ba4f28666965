"""The export dialog (``e``): format, scope, filters and destination, a live
preview in the chosen format, and the file written where the user can see it.

Everything about what an export contains lives in ``annotations.export``;
this screen only gathers the choices, runs the export in a thread worker
(reading 1,000 annotation files is not instant) and reports where the file
went. Annotation files are only read.

Its key and palette entries are ``tui.export_keys``'s, which imports this
module when the dialog is first opened.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from annotations.export import (
    FORMATS, SUFFIXES, ExportFilter, ExportSources, FilterError, OutputError, build_filter,
    export_records, load_sources, select_records, write_export,
)
from transcripts.model import Call
from transcripts.terminal_safe import one_line, printable, unless_unchanged
from tui.export_keys import SCOPE_LABELS, SCOPES
from tui.screens.export_preview import filter_example, period_examples, preview_text
from tui.screens.form_fields import field, focus_bindings


def _markdown() -> type:
    """Textual's Markdown widget, imported when a dialog first opens: it
    brings a Markdown parser, a tenth of a second the app's start need
    not pay."""
    from textual.widgets import Markdown

    return Markdown


FORMAT_LABELS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}
PREVIEW_LIMIT = 40
"""Highlights shown in the preview; a preview of thousands would only be slow."""
PREVIEW_DELAY = 0.25
"""Seconds after the last keystroke in a filter field before the preview updates."""
EXPORT_INFIX = ".highlights"
"""Default export names are ``<name>.highlights.<ext>`` (see ``default_path``)."""


@dataclass(frozen=True, slots=True)
class ExportDone:
    """What the dialog dismisses with after writing a file."""

    path: Path
    count: int
    orphaned: int
    fmt: str
    unread: tuple[str, ...] = ()
    """``path:line: message`` of each error in the annotation files: what
    it concerns is left out of the export, and the user must know."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "calls"


def scope_calls(calls: list[Call], current: Call | None, scope: str) -> list[Call]:
    """The calls a scope covers: the open call, every call of its company,
    or every loaded call."""
    if scope == "call":
        return [current] if current is not None else []
    if scope == "company" and current is not None:
        key = (current.company or "").casefold()
        if key:
            return [c for c in calls if (c.company or "").casefold() == key]
        return [current]
    return list(calls)


def default_path(calls: list[Call], current: Call | None, scope: str, fmt: str) -> Path:
    """Beside the transcripts: ``<transcript stem>.highlights.md`` for one
    call, ``<company>.highlights.md`` for a company, and
    ``earmark.highlights.md`` in the folder all the calls share otherwise."""
    suffix = EXPORT_INFIX + SUFFIXES[fmt]
    chosen = scope_calls(calls, current, scope)
    if scope == "call" and current is not None:
        p = Path(current.path)
        return p.with_name(p.stem + suffix)
    if scope == "company" and current is not None:
        folder = Path(current.path).parent
        return folder / (_slug(current.company or Path(current.path).stem) + suffix)
    folders = [str(Path(c.path).resolve().parent) for c in chosen] or [str(Path.cwd())]
    try:
        common = Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        common = Path(folders[0])
    return common / ("earmark" + suffix)


def with_format(path: str, fmt: str) -> str:
    """Swap a known export suffix for the one ``fmt`` uses."""
    for suffix in SUFFIXES.values():
        if path.lower().endswith(suffix):
            return path[: -len(suffix)] + SUFFIXES[fmt]
    return path


class ExportDialog(ModalScreen[ExportDone | None]):
    """Dismisses with ``ExportDone`` once the file is written, or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.write"),
        *focus_bindings("export"),
    ]

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #export-box {
        width: 96%; max-width: 140; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ExportDialog #export-options { width: 46; height: 1fr; }
    ExportDialog #export-preview-box { width: 1fr; height: 1fr; border-left: solid $panel; padding-left: 1; }
    ExportDialog #export-preview { height: auto; }
    ExportDialog RadioSet { width: 100%; height: auto; }
    ExportDialog Input { width: 100%; }
    ExportDialog .export-label { margin-top: 1; color: $text-muted; }
    ExportDialog #export-period { height: auto; }
    ExportDialog #export-period Input { width: 1fr; }
    ExportDialog #export-status { height: auto; min-height: 1; margin-top: 1; }
    ExportDialog #export-buttons { height: auto; margin-top: 1; }
    ExportDialog #export-buttons Button { margin-right: 1; }
    """

    def __init__(
        self,
        calls: list[Call],
        current: Call | None = None,
        *,
        scope: str | None = None,
        fmt: str = "md",
    ) -> None:
        super().__init__()
        self.calls = list(calls)
        self.current = current
        self.scope = scope or ("call" if current is not None else "all")
        self.fmt = fmt
        self._path_edited = False
        self._auto_path = str(self._default_path())
        self._preview_timer = None
        self._preview_sources: dict[str, ExportSources] = {}
        """Annotation files read for the preview, per scope (the write reads afresh)."""
        self.written: ExportDone | None = None

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export highlights"
            box.border_subtitle = "enter or ctrl+s: export \u00b7 tab: next field \u00b7 esc: close"
            with Horizontal():
                with VerticalScroll(id="export-options"):
                    yield Label("Format", classes="export-label")
                    with RadioSet(id="export-format"):
                        for f in FORMATS:
                            yield RadioButton(FORMAT_LABELS[f], value=f == self.fmt, id=f"format-{f}")
                    yield Label("Scope", classes="export-label")
                    with RadioSet(id="export-scope"):
                        for s in SCOPES:
                            yield RadioButton(
                                SCOPE_LABELS[s], value=s == self.scope, id=f"scope-{s}",
                                disabled=s != "all" and self.current is None,
                            )
                    yield Label("Filter (as in search: tag:guidance role:analyst)", classes="export-label")
                    since, until = period_examples(self.calls)
                    yield field(placeholder=filter_example(self.calls, self.current), id="export-filter")
                    yield Label("Quarters (since / until)", classes="export-label")
                    with Horizontal(id="export-period"):
                        yield field(placeholder=since, id="export-since")
                        yield field(placeholder=until, id="export-until")
                    yield Label("Save to", classes="export-label")
                    yield field(one_line(self._auto_path), id="export-path")
                    yield Static("", id="export-status")
                    with Horizontal(id="export-buttons"):
                        yield Button("Export", variant="primary", id="export-write")
                        yield Button("Cancel", id="export-cancel")
                with VerticalScroll(id="export-preview-box"):
                    yield _markdown()("", id="export-preview")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self.refresh_preview()

    # -- choices ---------------------------------------------------------

    def _default_path(self) -> Path:
        return default_path(self.calls, self.current, self.scope, self.fmt)

    def _set_path(self, text: str) -> None:
        self._auto_path = text
        self.query_one("#export-path", Input).value = one_line(text)  # folder names come from disk

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = FORMATS[event.index]
        self._set_path(with_format(self._typed_path(), self.fmt) if self._path_edited else str(self._default_path()))
        self.refresh_preview()  # the preview is of the chosen format

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self.scope = SCOPES[event.index]
        if not self._path_edited:
            self._set_path(str(self._default_path()))
        self.refresh_preview()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._path_edited = unless_unchanged(event.value, self._auto_path) != self._auto_path

    @on(Input.Changed, "#export-filter")
    @on(Input.Changed, "#export-since")
    @on(Input.Changed, "#export-until")
    def _filter_changed(self) -> None:
        # Debounced: typing "tag:guidance" should not read files per letter.
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self.refresh_preview)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#export-write")
    def _write_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(self.written)

    def current_filter(self) -> ExportFilter:
        """The filter from the fields; raises ``FilterError``."""
        since = self.query_one("#export-since", Input).value.strip() or None
        until = self.query_one("#export-until", Input).value.strip() or None
        words = self.query_one("#export-filter", Input).value.strip() or None
        return build_filter(since=since, until=until, words=words)

    def _typed_path(self) -> str:
        """The path field's text; the automatic path as it is when the user
        left it as shown (its odd characters shown safely)."""
        return unless_unchanged(self.query_one("#export-path", Input).value, self._auto_path)

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(one_line(text)))
        status.styles.color = "red" if error else None

    # -- preview ---------------------------------------------------------

    def refresh_preview(self) -> None:
        try:
            flt = self.current_filter()
        except FilterError as exc:
            self._status(str(exc), error=True)
            return
        self._status("")
        self._build_preview(self.scope, scope_calls(self.calls, self.current, self.scope), flt, self.fmt)

    @work(thread=True, exclusive=True, group="export-preview")
    def _build_preview(self, scope: str, calls: list[Call], flt: ExportFilter, fmt: str = "md") -> None:
        worker = get_current_worker()
        sources = self._preview_sources.get(scope)
        if sources is None:
            sources = load_sources([], calls=calls, corpus=self._stray_corpus(scope))
            if worker.is_cancelled:
                return
            self._preview_sources[scope] = sources
        records = select_records(sources, flt)
        shown = records[:PREVIEW_LIMIT]
        text = preview_text(shown, fmt)
        n, calls_n = len(records), len({r.call.id for r in records})
        head = f"**{n} highlight{'s' if n != 1 else ''}** from {calls_n} call(s)"
        orphaned = sum(1 for r in records if r.orphaned)
        if orphaned:
            head += f" \u00b7 {orphaned} orphaned (listed in their own section)"
        if len(shown) < n:
            head += f" \u00b7 preview shows the first {len(shown)}"
        unread = _unread(sources)
        if unread:
            head += "\n\n**Annotation file problems (highlights left out):** " + "; ".join(f"`{u}`" for u in unread)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_preview, head + "\n\n---\n\n" + text)

    def _show_preview(self, text: str) -> None:
        self.query_one("#export-preview", _markdown()).update(printable(text))

    # -- writing ---------------------------------------------------------

    def action_export(self) -> None:
        try:
            flt = self.current_filter()
        except FilterError as exc:
            self._status(str(exc), error=True)
            return
        raw = self._typed_path().strip()
        if not raw:
            self._status("Give a file to save to.", error=True)
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._status(f"{path} is a folder: give a file name.", error=True)
            return
        if path.name.endswith(".annotations.yaml") or any(
            os.path.abspath(path) == os.path.abspath(c.path) for c in self.calls
        ):
            self._status(f"{path} is a transcript or an annotation file; choose another name.", error=True)
            return
        self._status("Exporting\u2026")
        self._write(scope_calls(self.calls, self.current, self.scope), flt, path, self.fmt)

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, calls: list[Call], flt: ExportFilter, path: Path, fmt: str) -> None:
        sources = load_sources([], calls=calls, corpus=self._stray_corpus(self.scope))
        result = export_records(sources, fmt, flt)
        try:
            written = write_export(path, result.text, fmt)
        except OutputError as exc:
            self.app.call_from_thread(self._status, str(exc), True)
            return
        done = ExportDone(written, len(result.records), len(result.orphaned), fmt, tuple(_unread(sources)))
        self.app.call_from_thread(self._written, done)

    def _stray_corpus(self, scope: str):
        """Exporting everything includes annotation files whose transcript
        is missing (their annotations orphaned), as ``earmark export`` does."""
        return getattr(self.app, "corpus", None) if scope == "all" else None

    def _written(self, done: ExportDone) -> None:
        self.written = done
        self.dismiss(done)


def describe(done: ExportDone) -> str:
    """The notification after an export: how many, and the full path."""
    n = done.count
    text = f"{n} highlight{'s' if n != 1 else ''} written to {done.path.resolve()}"
    if done.orphaned:
        text += f" ({done.orphaned} orphaned, listed in their own section)"
    if done.unread:
        more = f" (and {len(done.unread) - 1} more)" if len(done.unread) > 1 else ""
        text += f"; highlights left out, annotation file problem: {done.unread[0]}{more}"
    return text


def _unread(sources: ExportSources) -> list[str]:
    """The errors that left highlights out (warnings did not)."""
    return [str(p) for p in sources.problems if p.severity == "error"]


def open_export_dialog(app, scope: str | None = None) -> None:
    """Open the dialog on the app's calls (the key handler for ``e``)."""
    calls = list(getattr(app.corpus, "calls", []) or [])
    current = getattr(app, "current_call", None)
    if not calls and current is not None:  # still loading: the call on screen
        calls = [current]
    if not calls:
        app.notify("No calls are loaded yet.", title="Export", severity="warning")
        return
    if isinstance(app.screen, ExportDialog):
        return

    def finished(done: ExportDone | None) -> None:
        if done is not None:
            app.notify(describe(done), title="Exported", timeout=12,
                       severity="warning" if done.unread else "information")

    app.push_screen(ExportDialog(calls, current, scope=scope), finished)


__all__ = ["ExportDialog", "ExportDone", "SCOPES", "default_path", "describe", "open_export_dialog", "scope_calls"]
