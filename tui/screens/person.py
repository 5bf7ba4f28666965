"""One person's turns in every call of the company, in period order: pick
one to open that call there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from transcripts.model import Call, Turn
from transcripts.terminal_safe import one_line


class PersonTurnsScreen(ModalScreen[tuple[str, int] | None]):
    """Dismisses with (call id, turn index), or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="person.close"),
        Binding("j", "list_down", "Down", id="person.down", show=False),
        Binding("k", "list_up", "Up", id="person.up", show=False),
    ]

    DEFAULT_CSS = """
    PersonTurnsScreen { align: center middle; }
    PersonTurnsScreen > OptionList { width: 90%; height: 80%; border: thick $accent; }
    """

    def __init__(self, name: str, turns: list[tuple[Call, Turn]], current: tuple[str, int] | None = None) -> None:
        super().__init__()
        self._person = name
        self._turns = turns
        self._current = current

    def compose(self) -> ComposeResult:
        options = []
        for call, turn in self._turns:
            label = Text()
            label.append(one_line(f"{call.label:<28}"), style="bold")
            label.append(f" turn {turn.index + 1:>3}  ", style="dim")
            words = call.text[turn.start : min(turn.end, turn.start + 160)].split()
            label.append(one_line(" ".join(words[:14])) + ("\u2026" if len(words) > 14 else ""))
            options.append(Option(label, id=f"{call.id}\t{turn.index}"))
        if not options:
            options.append(Option(Text("no turns found", style="dim"), disabled=True))
        ol = OptionList(*options, id="person-turns")
        ol.border_title = f"{one_line(self._person)} \u2014 turns across the company's calls (enter opens)"
        yield ol

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        if self._current:
            try:
                ol.highlighted = ol.get_option_index(f"{self._current[0]}\t{self._current[1]}")
            except Exception:
                pass
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            call_id, turn = event.option.id.split("\t")
            self.dismiss((call_id, int(turn)))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_list_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_list_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
