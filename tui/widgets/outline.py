"""The Q&A outline: one entry per exchange (analyst, firm, first words of the
question), to see the shape of the Q&A at a glance and jump to a question."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.pane_list import PaneList

from transcripts.model import Call
from transcripts.terminal_safe import one_line

FIRST_WORDS = 8


def question_preview(call: Call, first_turn: int, words: int = FIRST_WORDS) -> str:
    turn = call.turns[first_turn]
    head = call.text[turn.start : min(turn.end, turn.start + 200)].split()
    preview = " ".join(head[:words])
    return preview + ("\u2026" if len(head) > words else "")


INDENT = 3


def exchange_label(number: int, analyst: str, firm: str | None, preview: str) -> Table:
    """The entry of one exchange: its number in a column of its own, so a
    long name or question wraps under itself, never back to the left edge
    under the numbers (the pane is narrow, and its width follows the
    terminal's)."""
    head = Text(one_line(analyst), style="bold dark_orange")
    if firm:
        head.append(one_line(f" ({firm})"), style="italic")
    grid = Table.grid(expand=True)
    grid.add_column(width=INDENT, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number + 1:>2} ", style="dim"), Group(head, Text(one_line(preview), style="dim")))
    return grid


class QAOutline(PaneList):
    BINDINGS = [
        Binding("enter", "select", "Go to the question", id="outline.open", show=False),
    ]

    DEFAULT_CSS = """
    QAOutline { height: 1fr; border: round $panel; }
    QAOutline:focus { border: round $accent; }
    """

    class QuestionChosen(Message):
        def __init__(self, exchange_index: int, turn_index: int) -> None:
            super().__init__()
            self.exchange_index = exchange_index
            self.turn_index = turn_index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Q&A"
        self._call: Call | None = None

    def set_call(self, call: Call | None) -> None:
        self._call = call
        self.clear_options()
        if call is None:
            return
        options = []
        for i, ex in enumerate(call.exchanges):
            options.append(Option(exchange_label(i, ex.analyst.name, ex.analyst.firm,
                                                 question_preview(call, ex.first_turn)), id=f"q{i}"))
        if not options:
            options.append(Option(Text("no Q&A in this call", style="dim"), disabled=True))
        self.add_options(options)

    def mark_turn(self, turn_index: int) -> None:
        """Highlight the exchange holding ``turn_index`` (none before the Q&A)."""
        call = self._call
        if call is None:
            return
        for i, ex in enumerate(call.exchanges):
            if ex.first_turn <= turn_index < ex.end_turn:
                if self.highlighted != i:
                    self.highlighted = i
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        call = self._call
        if call is None or not event.option.id:
            return
        i = int(event.option.id[1:])
        self.post_message(self.QuestionChosen(i, call.exchanges[i].first_turn))
