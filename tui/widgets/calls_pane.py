"""The calls pane: every loaded call, grouped by company in period order,
plus one entry per file that could not be read (so problems stay visible
after their notification fades).

It draws its own lines (the Line API, as the reader does): setting the
list only builds a flat list of rows (``tui.widgets.calls_rows``), and only
the rows on screen are ever drawn, so 30,000 calls cost what a few hundred
do. An ``OptionList`` measured every option each time the list was set.

Typing filters the list by company, ticker or period (``ctrl+f`` starts
it too); once typing, ``j`` and ``k`` are letters and up and down move.
The pane's title shows the filter, the status bar how many calls match;
backspace edits it, escape clears it (and, with no filter, returns to the
transcript). Matching lives in ``tui.widgets.calls_filter``."""

from __future__ import annotations

from typing import ClassVar, Sequence

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.worker import get_current_worker

from tui.widgets.calls_filter import CallsFilter
from tui.widgets.calls_rows import Header, Row, RowLines, build_rows, first_selectable, selectable, step
from tui.widgets.pane_list import PANE_KEYS

from transcripts.model import Call, Problem
from transcripts.terminal_safe import one_line

SYNC_FILTER_CALLS = 2_000
"""Longer lists are filtered in a worker: a key typed over 30,000 calls
costs about 0.2 s of matching, which the UI must not wait for."""

ROW = "calls-pane--row"
HIGHLIGHTED = "calls-pane--row-highlighted"
DISABLED = "calls-pane--row-disabled"
HOVER = "calls-pane--row-hover"


class CallsPane(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open the call", id="calls.open", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        *PANE_KEYS,
        Binding("ctrl+f", "start_filter", "Filter: company, ticker, period", id="calls.filter",
                show=False),
    ]
    NOT_TYPED = frozenset({"question_mark"})
    """Printable keys that keep their meaning here (help) instead of filtering."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {ROW, HIGHLIGHTED, DISABLED, HOVER}
    # The look of the OptionList the pane was (the other panes still are).
    DEFAULT_CSS = """
    CallsPane {
        width: 20%; min-width: 16; max-width: 26; height: 1fr;
        border: round $panel; padding: 0 1;
        color: $foreground; background: $surface; overflow-x: hidden;
        & > .calls-pane--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            border: round $accent;
            background-tint: $foreground 5%;
            & > .calls-pane--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .calls-pane--row-disabled { color: $text-disabled; }
        & > .calls-pane--row-hover { background: $block-hover-background; }
    }
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
        self._shown: list[Call] = []
        self._rows: list[Row] = []
        self._lines: RowLines | None = None
        self._row_of_id: dict[str, int] | None = None
        """Built on the first ``mark_current`` after the list changed."""
        self.cursor: int | None = None
        """The highlighted row (never a header), None when there is none."""
        self._hover: int | None = None
        self._strips: LRUCache[tuple, Strip] = LRUCache(256)
        self.filter_text = ""
        self.typing = False
        """ctrl+f was pressed or something typed: every printable key, ``j``
        and ``k`` too, goes into the filter (up and down move)."""
        self._status_before: str | None = None
        self._pending: str | None = None
        """The filter a worker is applying, None when the list shown is up to date."""

    # -- the list --------------------------------------------------------

    def set_calls(self, calls: Sequence[Call], errors: Sequence[Problem]) -> None:
        """Replace the list (calls must already be in company/period order)."""
        self._calls, self._errors = list(calls), list(errors)
        self._rebuild()

    @property
    def shown_calls(self) -> list[Call]:
        """The calls listed (those passing the filter), in list order."""
        return list(self._shown)

    @property
    def highlighted_call_id(self) -> str | None:
        """The id of the call under the cursor (None on a problem, or with none)."""
        row = self._rows[self.cursor] if self.cursor is not None else None
        return None if row is None or isinstance(row, (Header, Problem)) else row.id

    def cursor_line(self) -> int | None:
        """The first line of the highlighted row (lines count from the top of
        the whole list, not the screen)."""
        return None if self.cursor is None else self._row_lines().first_line(self.cursor)

    def _rebuild(self) -> None:
        """List the calls passing the filter: at once for a short list or
        no filter, in a worker for a long one (the pane keeps the list it
        had, and the keys keep working, until the worker is done)."""
        text, calls = self.filter_text, self._calls
        if not text or len(calls) <= SYNC_FILTER_CALLS or not self.is_attached:
            self._pending = None
            self._show(CallsFilter(text).matching(calls))
            return
        self._pending = text
        self._show_filter(None)
        self.run_worker(lambda: self._filter_worker(text, calls), name="calls-filter",
                        group="calls-filter", exclusive=True, thread=True, exit_on_error=False)

    def _filter_worker(self, text: str, calls: list[Call]) -> None:
        worker = get_current_worker()
        matching = CallsFilter(text).matching
        shown: list[Call] = []
        for start in range(0, len(calls), SYNC_FILTER_CALLS):
            if worker.is_cancelled:
                return
            shown += matching(calls[start:start + SYNC_FILTER_CALLS])
        if not worker.is_cancelled:
            self.app.call_from_thread(self._filtered, text, calls, shown)

    def _filtered(self, text: str, calls: list[Call], shown: list[Call]) -> None:
        if text == self._pending and calls is self._calls:  # not overtaken by a later key or list
            self._pending = None
            self._show(shown)

    def _show(self, shown: list[Call]) -> None:
        kept = self.highlighted_call_id
        self._shown = shown
        self._rows = build_rows(shown, self._errors if not self.filter_text else [])
        self._row_of_id = None
        self._hover = None
        self.cursor = None
        self._relayout()
        self._show_filter(len(shown))
        if kept is not None:
            self.mark_current(kept)
        if self.cursor is None:
            self._move_to(first_selectable(self._rows, 0, 1))

    def mark_current(self, call_id: str) -> None:
        """Put the cursor on the call (nothing happens if it is not listed)."""
        if self._row_of_id is None:
            self._row_of_id = {row.id: i for i, row in enumerate(self._rows)
                               if not isinstance(row, (Header, Problem))}
        index = self._row_of_id.get(call_id)
        if index is not None:
            self._move_to(index)

    # -- the filter ------------------------------------------------------

    def _show_filter(self, shown: int | None) -> None:
        """The filter in the title, and how many calls pass it in the status
        bar (``…`` while a worker is still filtering)."""
        text = one_line(self.filter_text)
        self.border_title = f"Calls /{text}" + ("\u258f" if self.typing else "") if text or self.typing else "Calls"
        status = getattr(self.app, "status", None) if self.is_attached else None
        if status is None:
            return
        if text:
            if self._status_before is None:
                self._status_before = status.part("progress")
            count = "\u2026" if shown is None or self._pending is not None else str(shown)
            status.set_progress(f"calls /{text}: {count} of {len(self._calls)}")
        elif self._status_before is not None:
            status.set_progress(self._status_before)
            self._status_before = None

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self._rebuild()
        else:
            self._show_filter(len(self._shown))

    def action_start_filter(self) -> None:
        self.typing = True
        self._show_filter(len(self._shown))

    def on_key(self, event: events.Key) -> None:
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

    # -- moving and choosing ---------------------------------------------

    def _move_to(self, index: int | None) -> None:
        old, self.cursor = self.cursor, index
        if old != index:
            self._refresh_row(old)
            self._refresh_row(index)
        self.scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self._move_to(step(self._rows, self.cursor, 1))

    def action_cursor_up(self) -> None:
        self._move_to(step(self._rows, self.cursor, -1))

    def action_first(self) -> None:
        self._move_to(first_selectable(self._rows, 0, 1))

    def action_last(self) -> None:
        self._move_to(first_selectable(self._rows, len(self._rows) - 1, -1))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """A page's height of lines on, the nearest call that way (or back)."""
        lines = self._row_lines()
        if self.cursor is None or not lines.total:
            self.action_first() if direction < 0 else self.action_last()
            return
        y = lines.first_line(self.cursor) + direction * self.scrollable_content_region.height
        found = lines.at(min(max(y, 0), lines.total - 1))
        row = found[0] if found else self.cursor
        target = first_selectable(self._rows, row, direction)
        self._move_to(target if target is not None else first_selectable(self._rows, row, -direction))

    def action_back_to_reader(self) -> None:
        self.app.reader.focus()

    def action_select(self) -> None:
        if self.typing:  # the filter stays; keys move the list again
            self.typing = False
            self._show_filter(len(self._shown))
        call_id = self.highlighted_call_id
        if call_id is not None:
            self.post_message(self.CallChosen(call_id))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        found = self._row_lines().at(int(self.scroll_y) + offset.y)
        return found[0] if found is not None else None

    def on_click(self, event: events.Click) -> None:
        """A click on a call highlights it and opens it."""
        row = self._row_at(event)
        if row is not None and selectable(self._rows[row]):
            self._move_to(row)
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        if row != self._hover:
            old, self._hover = self._hover, row
            self._refresh_row(old)
            self._refresh_row(row)

    def on_leave(self, event: events.Leave) -> None:
        old, self._hover = self._hover, None
        self._refresh_row(old)

    # -- drawing ---------------------------------------------------------

    def _row_lines(self) -> RowLines:
        """The lines at the width the pane has now (a scroll bar coming or
        going changes it without a resize): problems re-wrapped, the
        scrollable height kept in step."""
        width = max(1, self.scrollable_content_region.width)
        if self._lines is None or self._lines.width != width or self._lines.rows is not self._rows:
            self._lines = RowLines(self._rows, width)
            self._strips.clear()
            size = Size(width, self._lines.total)
            if size != self.virtual_size:
                self.virtual_size = size
        return self._lines

    def _relayout(self) -> None:
        self._lines = None
        self._row_lines()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._lines is None or self._lines.width != max(1, self.scrollable_content_region.width):
            self._relayout()
            self.scroll_to_cursor()

    def on_show(self) -> None:
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the whole highlighted row, and its
        company's name above it when it is the company's first call."""
        if self.cursor is None or not self.is_mounted:
            return
        lines = self._row_lines()
        top = lines.first_line(self.cursor)
        above = int(self.cursor > 0 and isinstance(self._rows[self.cursor - 1], Header))
        region = Region(0, top - above, lines.width, lines.height(self.cursor) + above)
        self.scroll_to_region(region, force=True, animate=False, immediate=True)

    def _refresh_row(self, row: int | None) -> None:
        if row is None or row >= len(self._rows):
            return
        lines = self._row_lines()
        self.refresh_lines(lines.first_line(row), lines.height(row))

    def _row_class(self, row: int) -> str:
        if not selectable(self._rows[row]):
            return DISABLED
        if row == self.cursor:
            return HIGHLIGHTED
        return HOVER if row == self._hover else ""

    def render_line(self, y: int) -> Strip:
        lines = self._row_lines()
        found = lines.at(int(self.scroll_y) + y)
        if found is None:
            return Strip.blank(lines.width, self.get_visual_style(ROW).rich_style)
        row, part = found
        component = self._row_class(row)
        key = (row, part, component, lines.width, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            style = self.get_visual_style(ROW, component) if component else self.get_visual_style(ROW)
            visual = visualize(self, lines.text(row, part))
            strip = Visual.to_strips(self, visual, lines.width, 1, style)[0]
            strip = strip.extend_cell_length(lines.width, style.rich_style).crop(0, lines.width)
            self._strips[key] = strip
        return strip
