"""Every annotation of every loaded call, on one screen (``@``).

The list comes from ``annotations.every_call`` (annotation files and the
corpus's entries: no call's text is parsed), read in a thread; typing in the
filter line narrows it with search's filter words (``tag:guidance
author:kim reviewed:no company:acme 2003q4 role:cfo`` and plain words in the
quote or note). Enter opens the chosen annotation's call with the cursor on
it. The table is a ``DataTable`` (it draws only the rows on screen); past
``MAX_SHOWN`` rows the count says how many more a filter would reveal.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from annotations.every_call import Listed, Listing, read_all, select
from annotations.export.filter_words import parse_words
from annotations.export.filters import FilterError
from annotations.model import Annotation
from transcripts.model import Call
from transcripts.terminal_safe import one_line

MAX_SHOWN = 2000
"""Rows put in the table at once; the count names the rest."""

Chosen = tuple[str, str]
"""(the call's transcript path, the annotation id)."""


def _short(text: str, width: int) -> str:
    text = one_line(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class AllAnnotationsScreen(ModalScreen[Chosen | None]):
    """Dismisses with (transcript path, annotation id), or None."""

    BINDINGS = [
        Binding("escape", "escape", "Clear the filter / close", id="all_annotations.close"),
        Binding("ctrl+f", "focus_filter", "Filter words", id="all_annotations.filter"),
        Binding("j", "down", "Down", id="all_annotations.down", show=False),
        Binding("k", "up", "Up", id="all_annotations.up", show=False),
    ]

    DEFAULT_CSS = """
    AllAnnotationsScreen { align: center middle; }
    AllAnnotationsScreen > #all-box { width: 96%; height: 90%; border: thick $accent; background: $surface; }
    AllAnnotationsScreen #all-status { height: 1; color: $text-muted; }
    AllAnnotationsScreen #all-filter { height: 3; }
    """

    def __init__(self, entries: Iterable[Call], live: Mapping[str, list[Annotation]] | None = None,
                 query: str = "") -> None:
        super().__init__()
        self._entries = list(entries)
        self._live = dict(live or {})
        self._initial = query
        self.listing: Listing | None = None
        self.shown: list[Listed] = []
        """The rows in the table, in order."""
        self.matching = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="all-box") as box:
            box.border_title = ("Annotations, every call \u2014 type filter words \u00b7 "
                                "enter: open \u00b7 escape: clear / close")
            yield Input(self._initial, id="all-filter",
                        placeholder="filter: tag:guidance author:kim reviewed:no company:acme 2003q4 role:cfo words\u2026")
            yield Static("Reading the annotation files\u2026", id="all-status")
            table = DataTable(id="all-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Call", "Tags", "Speaker", "Author", "Reviewed", "Quote")
            yield table

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._read()

    @work(thread=True, exclusive=True, group="read", exit_on_error=False)
    def _read(self) -> None:
        listing = read_all(self._entries, self._live)
        self.app.call_from_thread(self._loaded, listing)

    def _loaded(self, listing: Listing) -> None:
        self.listing = listing
        self._apply(self.query_one(Input).value)

    @on(Input.Changed, "#all-filter")
    def _typed(self, event: Input.Changed) -> None:
        if self.listing is not None:
            self._apply(event.value)

    @on(Input.Submitted, "#all-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.shown:
            self.query_one(DataTable).focus()

    def _apply(self, text: str) -> None:
        listing = self.listing
        if listing is None:
            return
        try:
            query = parse_words(text)
        except FilterError as exc:
            self.query_one("#all-status", Static).update(Text(one_line(str(exc)), style="red"))
            return
        self._filter(listing, query, text)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _filter(self, listing: Listing, query, text: str) -> None:
        found = select(listing, query) if not query.is_empty else list(listing.items)
        self.app.call_from_thread(self._show, listing, found, text)

    def _show(self, listing: Listing, found: list[Listed], text: str) -> None:
        self.matching = len(found)
        self.shown = found[:MAX_SHOWN]
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(self._row(item) for item in self.shown)
        total = len(listing.items)
        if text.strip():
            status = f"{self.matching:,} of {_plural(total, 'annotation')} match"
        else:
            status = f"{_plural(total, 'annotation')} in {_plural(listing.calls, 'call')}"
        if self.matching > len(self.shown):
            status += f" \u00b7 first {len(self.shown):,} shown: add filter words to narrow"
        if listing.problems:
            status += f" \u00b7 {_plural(len(listing.problems), 'file')} could not be read (earmark check)"
        if not total:
            status = "No annotations in the loaded calls yet: tag a sentence with 1 or 2"
        self.query_one("#all-status", Static).update(status)

    @staticmethod
    def _row(item: Listed) -> tuple:
        a = item.annotation
        reviewed = ""
        if a.reviewed is not None:
            by = a.reviewed.get("by")
            reviewed = "\u2713 " + one_line(by) if isinstance(by, str) and by else "\u2713"
        return (
            _short(item.entry.label, 28), _short(", ".join(a.tags) or "(untagged)", 20),
            _short(a.speaker or "", 22), _short(a.author, 18), reviewed, _short(a.quote, 90),
        )

    def current(self) -> Listed | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not self.shown or row is None or not 0 <= row < len(self.shown):
            return None
        return self.shown[row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.current()
        if item is not None:
            self.dismiss((item.entry.path, item.annotation.id))

    def action_escape(self) -> None:
        box = self.query_one(Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
