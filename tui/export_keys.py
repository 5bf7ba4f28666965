"""The export dialog's key (``e``, id ``export.open``) and palette entries.

Kept apart from the dialog (``tui.screens.export_dialog``): the dialog
imports the whole export pipeline and its form, a tenth of a second of the
app's first paint, and is imported when it is first opened instead.
"""

from __future__ import annotations

from functools import partial

from tui.palette import Entry, EntryListProvider

SCOPES: tuple[str, ...] = ("call", "company", "all")
SCOPE_LABELS = {"call": "This call", "company": "The company", "all": "Everything loaded"}


def open_export_dialog(app, scope: str | None = None) -> None:
    """The key handler for ``e``; the dialog's module is imported here."""
    from tui.screens.export_dialog import open_export_dialog as open_dialog

    open_dialog(app, scope)


class ExportCommands(EntryListProvider):
    """Palette entries ``export: this call`` / ``the company`` / ``everything loaded``."""

    def entries(self) -> list[Entry]:
        app = self.app
        current = getattr(app, "current_call", None)
        out: list[Entry] = []
        for scope in SCOPES:
            if scope != "all" and current is None:
                continue
            label = f"export: {SCOPE_LABELS[scope].lower()}"
            out.append((label, "highlight summary (Markdown, CSV or JSON)", partial(open_export_dialog, app, scope)))
        return out


def install(app) -> None:
    """Bind ``e`` to the export dialog and add the palette entries."""
    app.bind_key("e", lambda: open_export_dialog(app), "Export", id="export.open")
    if ExportCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {ExportCommands}  # this app only, not the class
