"""Quarter over quarter: the same part of a company's two consecutive calls
side by side, new, dropped and changed sentences marked, changed numbers
standing out (``transcripts.compare``). ``tab`` cycles the part compared
(prepared remarks, the CFO's remarks, Q&A)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from transcripts.compare import PARTS, Row, compare_calls, previous_call
from transcripts.model import Call
from transcripts.terminal_safe import one_line, printable

__all__ = ["CompareScreen", "previous_call"]

MARKS = {"same": ("  ", ""), "changed": ("~ ", "yellow"), "new": ("+ ", "green"), "dropped": ("- ", "red")}


class CompareScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="compare.close"),
        Binding("tab", "next_part", "Next part", id="compare.next_part"),
        Binding("c", "toggle_changes", "Only changes", id="compare.only_changes"),
    ]

    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    CompareScreen > #compare-box { width: 98%; height: 94%; border: thick $accent; background: $surface; }
    CompareScreen #compare-summary { height: 1; color: $text-muted; }
    CompareScreen .compare-row { height: auto; margin-bottom: 1; }
    CompareScreen .compare-side { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(self, before: Call, after: Call) -> None:
        super().__init__()
        self.before, self.after = before, after
        self.part = 0
        self.only_changes = False
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-box"):
            yield Static(id="compare-summary")
            yield VerticalScroll(id="compare-rows")

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        key, label = PARTS[self.part]
        self.rows = compare_calls(self.before, self.after, key)
        box = self.query_one("#compare-box")
        box.border_title = (
            f"{label}: {one_line(self.before.label)} \u2192 {one_line(self.after.label)} \u2014 "
            "tab: next part \u00b7 c: only changes \u00b7 escape: close"
        )
        counts = {k: sum(1 for r in self.rows if r.kind == k) for k in MARKS}
        numbers = sum(1 for r in self.rows if r.numbers_changed)
        self.query_one("#compare-summary", Static).update(
            f"{counts['new']} new \u00b7 {counts['dropped']} dropped \u00b7 {counts['changed']} changed "
            f"({numbers} with a changed number) \u00b7 {counts['same']} the same"
        )
        shown = [r for r in self.rows if r.kind != "same"] if self.only_changes else self.rows
        holder = self.query_one("#compare-rows", VerticalScroll)
        holder.remove_children()
        if not shown:
            holder.mount(Static(Text("nothing to compare in this part", style="dim")))
            return
        holder.mount_all(self._row(r) for r in shown)

    @staticmethod
    def _row(row: Row) -> Horizontal:
        """One pair on one level: each side wraps on its own, the row is as
        tall as the longer."""
        mark, style = MARKS[row.kind]
        quiet = "dim" if row.kind == "same" else style
        # printable() keeps lengths, so the changed numbers' spans still fit.
        left = Text(mark, style=style) + Text(printable(row.before or ""), style=quiet)
        right = Text(mark, style=style) + Text(printable(row.after or ""), style=quiet)
        for s, e in row.after_numbers:
            right.stylize("bold reverse", s + len(mark), e + len(mark))
        return Horizontal(
            Static(left, classes="compare-side"), Static(right, classes="compare-side"),
            classes=f"compare-row compare-{row.kind}",
        )

    def action_next_part(self) -> None:
        self.part = (self.part + 1) % len(PARTS)
        self._draw()

    def action_toggle_changes(self) -> None:
        self.only_changes = not self.only_changes
        self._draw()

    def action_close(self) -> None:
        self.dismiss(None)
