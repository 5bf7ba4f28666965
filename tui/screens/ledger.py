"""The guidance ledger as a screen: one row per guidance item, with what a
later call reported and how it moved against the guide before it.

Enter opens the guide's quote; ``o`` opens the matching actual. The ledger
is built in a thread (it may read suggestions for calls no one annotated),
and the screen says so while it works.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from annotations.ledger import LedgerRow, build_ledger, gather, load_metric_names
from transcripts.model import Call
from transcripts.terminal_safe import one_line

OUTCOME_STYLES = {"beat": "bold green", "miss": "bold red", "in range": "cyan", "in line": "cyan"}
CHANGE_STYLES = {"raised": "green", "lowered": "red", "maintained": "", "new": "dim"}


class LedgerScreen(ModalScreen[tuple[str, int] | None]):
    """Dismisses with (call id, offset) to open, or None."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="ledger.close"),
        Binding("o", "open_actual", "Open the actual", id="ledger.open_actual"),
        Binding("j", "down", "Down", id="ledger.down", show=False),
        Binding("k", "up", "Up", id="ledger.up", show=False),
    ]

    DEFAULT_CSS = """
    LedgerScreen { align: center middle; }
    LedgerScreen > #ledger-box { width: 96%; height: 90%; border: thick $accent; background: $surface; }
    LedgerScreen #ledger-status { height: 1; color: $text-muted; }
    """

    def __init__(self, calls: list[Call]) -> None:
        super().__init__()
        self._calls = calls
        self.rows: list[LedgerRow] = []

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="ledger-box") as box:
            box.border_title = "Guidance ledger \u2014 enter: the guide's quote \u00b7 o: the actual \u00b7 escape: close"
            yield Static("Building the ledger\u2026", id="ledger-status")
            table = DataTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Company", "Metric", "Period", "Guided", "Unit", "Given in", "By", "Change", "Actual", "Outcome", "Diff")
            yield table

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._build()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _build(self) -> None:
        names, problems = load_metric_names()
        entries, more = gather(self._calls, names)
        rows = build_ledger(entries)
        self.app.call_from_thread(self._show, rows, len(problems) + len(more))

    def _show(self, rows: list[LedgerRow], problems: int) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        for i, row in enumerate(rows):
            g = row.guidance
            guided = g.figure + (" *" if g.source == "suggested" else "")
            table.add_row(
                one_line(g.company), one_line(g.metric), one_line(g.period), guided, one_line(g.unit),
                one_line(g.call_label), one_line(g.speaker or ""),
                Text(row.change, style=CHANGE_STYLES.get(row.change, "")),
                row.actual.figure if row.actual else "",
                Text(row.outcome, style=OUTCOME_STYLES.get(row.outcome, "")),
                "" if row.difference is None else f"{row.difference:+g}",
                key=str(i),
            )
        status = f"{len(rows)} guidance item{'s' if len(rows) != 1 else ''}"
        if any(r.guidance.source == "suggested" for r in rows):
            status += " \u00b7 * from suggestions on calls no one has annotated"
        if problems:
            status += f" \u00b7 {problems} file{'s' if problems != 1 else ''} could not be read (earmark check)"
        if not rows:
            status = "No guidance with a metric, a period and a figure: tag some (2) or accept suggestions (A)"
        self.query_one("#ledger-status", Static).update(status)

    def _current(self) -> LedgerRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._current()
        if row is not None:
            self.dismiss((row.guidance.call, row.guidance.start))

    def action_open_actual(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.actual is None:
            self.notify("No later call reported this metric for this period yet", severity="warning")
            return
        self.dismiss((row.actual.call, row.actual.start))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
