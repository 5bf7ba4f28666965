"""The calls pane: every loaded call, grouped by company in period order,
plus one entry per file that could not be read (so problems stay visible
after their notification fades)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.pane_list import PaneList

from transcripts.model import Call, Problem
from transcripts.terminal_safe import one_line, quote_name

ERROR_PREFIX = "error:"


def problem_label(problem: Problem) -> Table:
    """A file that could not be read: its name first (the pane is narrow; the
    full path is in the notification and ``earmark check``), the message
    wrapped under it."""
    where = quote_name(Path(problem.path).name) + (f":{problem.line}" if problem.line is not None else "")
    grid = Table.grid(expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", Group(Text(where, style="bold red"), Text(one_line(problem.message), style="red")))
    return grid


class CallsPane(PaneList):
    BINDINGS = [
        Binding("enter", "select", "Open the call", id="calls.open", show=False),
    ]

    DEFAULT_CSS = """
    CallsPane { width: 20%; min-width: 16; max-width: 26; height: 1fr; border: round $panel; }
    CallsPane:focus { border: round $accent; }
    """

    class CallChosen(Message):
        def __init__(self, call_id: str) -> None:
            super().__init__()
            self.call_id = call_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Calls"

    def set_calls(self, calls: list[Call], errors: list[Problem]) -> None:
        """Replace the list (calls must already be in company/period order)."""
        options: list[Option] = []
        company = object()
        for call in calls:
            if call.company != company:
                company = call.company
                options.append(Option(Text(one_line(call.company or "Unknown company"), style="bold"), disabled=True))
            label = Text("  ")
            label.append(call.period)
            if call.warnings:
                label.append(" !", style="yellow")
            options.append(Option(label, id=call.id))
        if errors:
            options.append(Option(Text("Problems", style="bold red"), disabled=True))
            for i, problem in enumerate(errors):
                options.append(Option(problem_label(problem), id=f"{ERROR_PREFIX}{i}"))
        self.clear_options()
        self.add_options(options)

    def mark_current(self, call_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(call_id)
        except Exception:  # the call is not listed (yet)
            pass

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id and not option_id.startswith(ERROR_PREFIX):
            self.post_message(self.CallChosen(option_id))
