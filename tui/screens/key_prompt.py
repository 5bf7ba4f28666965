"""A one-key prompt along the bottom (``m`` then a letter, ``'`` then a
letter): says what it waits for, dismisses with the key's character, or
None on escape. Any other key is refused in the prompt's own line, so a
slip never does something else."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from transcripts.terminal_safe import one_line


class KeyPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    KeyPrompt { align: left bottom; background: $background 0%; }
    KeyPrompt > Static { width: 100%; height: auto; max-height: 8; background: $panel; padding: 0 1; margin-bottom: 2; }
    """

    def __init__(self, question: str, accept: str, refused: str, detail: str = "") -> None:
        super().__init__()
        self.question = one_line(question)
        self.accept = accept
        """The characters taken (others are refused with ``refused``)."""
        self.refused = one_line(refused)
        self.detail = detail

    def compose(self) -> ComposeResult:
        text = self.question + "  (escape cancels)"
        if self.detail:
            text += "\n" + self.detail
        yield Static(text, id="key-prompt", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
        elif event.character and len(event.character) == 1 and event.character in self.accept:
            self.dismiss(event.character)
        else:
            shown = event.character if event.is_printable and event.character else event.key
            self.query_one("#key-prompt", Static).update(
                f"{self.question}  {one_line(shown)!r}: {self.refused}  (escape cancels)")
