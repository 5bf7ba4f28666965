"""The tag prompt (``t``): type a tag name, with completion of the tags
already used in the corpus (right arrow or tab accepts the suggestion).
Dismisses with the tag, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from transcripts.terminal_safe import one_line


class TagPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TagPrompt { align: center middle; }
    TagPrompt > Vertical { width: 60; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    TagPrompt #known { color: $text-muted; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tag_prompt.cancel"),
        Binding("tab", "complete", "Complete", id="tag_prompt.complete", show=False),
    ]

    def __init__(self, known: list[str]) -> None:
        super().__init__()
        self.known = [one_line(t) for t in known]  # tag names come from files

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Tag (enter to apply, escape to cancel)")
            yield Input(
                id="tag", placeholder="tag name",
                suggester=SuggestFromList(self.known, case_sensitive=False),
            )
            yield Static("Used: " + ", ".join(self.known[:20]), id="known", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_complete(self) -> None:
        field = self.query_one(Input)
        if field._suggestion:
            field.value = field._suggestion
            field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = " ".join(event.value.split())
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
