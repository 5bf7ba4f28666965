"""The ``:`` prompt: a turn number, as vim's ``:42``. Dismisses with the
0-based turn index, or None on escape; input that is not a turn of this
call is refused in one line and the prompt stays open to fix it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static


def parse_turn(text: str, count: int) -> int | str:
    """The 0-based index of turn ``text`` (1..count), or the reason it is not one."""
    text = text.strip()
    if not text:
        return f"type a turn number, 1-{count}"
    if not text.isdigit():
        return f"{text[:20]!r} is not a turn number (1-{count})"
    number = int(text)
    if not 1 <= number <= count:
        return f"there is no turn {number}: this call has turns 1-{count}"
    return number - 1


class TurnPrompt(ModalScreen[int | None]):
    DEFAULT_CSS = """
    TurnPrompt { align: left bottom; background: $background 0%; }
    TurnPrompt > Static { width: 100%; height: 1; background: $panel; padding: 0 1; }
    TurnPrompt > Input, TurnPrompt > Input:focus { width: 100%; height: 1; border: none; padding: 0 1; margin-bottom: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="turn_prompt.cancel")]

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield Static(f"Go to turn (1-{self.count}), enter to go, escape cancels", id="turn-message", markup=False)
        yield Input(placeholder=":", id="turn")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        result = parse_turn(event.value, self.count)
        if isinstance(result, str):
            self.query_one("#turn-message", Static).update(result)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
