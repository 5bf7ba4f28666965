"""The calls pane: every loaded call, grouped by company in period order,
plus one entry per file that could not be read (so problems stay visible
after their notification fades).

Typing filters the list by company, ticker or period (``ctrl+f`` starts
it too); once typing, ``j`` and ``k`` are letters and up and down move.
The pane's title shows the filter, the status bar how many calls match;
backspace edits it, escape clears it (and, with no filter, returns to the
transcript). Matching lives in ``tui.widgets.calls_filter``."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.calls_filter import call_passes
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
        Binding("ctrl+f", "start_filter", "Filter: company, ticker, period", id="calls.filter",
                show=False),
    ]
    NOT_TYPED = frozenset({"question_mark"})
    """Printable keys that keep their meaning here (help) instead of filtering."""

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
        self._calls: list[Call] = []
        self._errors: list[Problem] = []
        self.filter_text = ""
        self.typing = False
        """ctrl+f was pressed or something typed: every printable key, ``j``
        and ``k`` too, goes into the filter (up and down move)."""
        self._status_before: str | None = None

    def set_calls(self, calls: list[Call], errors: list[Problem]) -> None:
        """Replace the list (calls must already be in company/period order)."""
        self._calls, self._errors = list(calls), list(errors)
        self._rebuild()

    @property
    def shown_calls(self) -> list[Call]:
        return [c for c in self._calls if call_passes(self.filter_text, c)]

    def _rebuild(self) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        calls = self.shown_calls
        errors = self._errors if not self.filter_text else []
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
        self._show_filter(len(calls))
        if highlighted is not None:
            self.mark_current(highlighted)
        if self.highlighted is None or (self.highlighted_option is not None and self.highlighted_option.disabled):
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            if first is not None:
                self.highlighted = first

    def _show_filter(self, shown: int) -> None:
        text = one_line(self.filter_text)
        self.border_title = f"Calls /{text}" + ("\u258f" if self.typing else "") if text or self.typing else "Calls"
        status = getattr(self.app, "status", None) if self.is_attached else None
        if status is None:
            return
        if text:
            if self._status_before is None:
                self._status_before = status.part("progress")
            status.set_progress(f"calls /{text}: {shown} of {len(self._calls)}")
        elif self._status_before is not None:
            status.set_progress(self._status_before)
            self._status_before = None

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self._rebuild()
        else:
            self._show_filter(len(self.shown_calls))

    def action_start_filter(self) -> None:
        self.typing = True
        self._show_filter(len(self.shown_calls))

    def on_key(self, event) -> None:
        """Typing filters; backspace edits; escape clears (see the module)."""
        if event.key == "escape" and (self.filter_text or self.typing):
            self.typing = False
            self.set_filter("")
        elif event.key == "backspace" and (self.filter_text or self.typing):
            self.set_filter(self.filter_text[:-1])
        elif (event.is_printable and event.character and event.key not in self.NOT_TYPED
              and (self.typing or event.key not in self._bindings.key_to_bindings)):
            self.typing = True
            self.set_filter(self.filter_text + event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def mark_current(self, call_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(call_id)
        except Exception:  # the call is not listed (yet)
            pass

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.typing:  # the filter stays; keys move the list again
            self.typing = False
            self._show_filter(len(self.shown_calls))
        option_id = event.option.id
        if option_id and not option_id.startswith(ERROR_PREFIX):
            self.post_message(self.CallChosen(option_id))
