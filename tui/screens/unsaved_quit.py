"""Asked on quit while annotation edits are not saved anywhere on disk (the
folder is read-only and the data folder is not writable, a full disk): the
user types a path to write them to, goes back to the app, or quits without
them, knowing. Dismisses with ``("write", path)``, ``("quit", "")`` or None
(back to the app)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class UnsavedQuitScreen(ModalScreen[tuple[str, str] | None]):
    DEFAULT_CSS = """
    UnsavedQuitScreen { align: center middle; }
    UnsavedQuitScreen > Vertical { width: 80; height: auto; border: round $error; background: $surface; padding: 0 1; }
    UnsavedQuitScreen #calls { color: $text-muted; height: auto; }
    UnsavedQuitScreen #problem { color: $error; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back to the app", id="unsaved_quit.back"),
        Binding("ctrl+x", "discard", "Quit without them", id="unsaved_quit.discard"),
    ]

    def __init__(self, calls: list[str], suggested: str, problem: str = "") -> None:
        super().__init__()
        self.calls = calls
        self.suggested = suggested
        self.problem = problem

    def compose(self) -> ComposeResult:
        n = len(self.calls)
        with Vertical():
            yield Label(f"Annotation edits of {n} call{'s' if n != 1 else ''} are not saved anywhere.")
            yield Static("\n".join(self.calls[:8]) + ("\n\u2026" if n > 8 else ""), id="calls", markup=False)
            yield Label("Write them to (enter), escape: back to the app, ctrl+x: quit and lose them")
            yield Input(value=self.suggested, id="path", placeholder="a new file" if n == 1 else "a new folder")
            yield Static(self.problem, id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if path:
            self.dismiss(("write", path))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_discard(self) -> None:
        self.dismiss(("quit", ""))
