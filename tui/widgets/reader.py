"""The transcript view: a Line API widget with a sentence cursor.

Only visible lines are rendered. Each rendered line is a ``Strip`` cached in
an ``LRUCache`` under a key holding everything that changes how that line
looks (layout, line, whether the cursor or selection touches it, the
decorations' version, the theme), so moving the cursor re-renders the two or
three lines whose key changed and nothing else.

Other features plug in without subclassing:
- ``add_decorations(provider, key=...)``: styled spans and gutter marks
  (annotation highlights, search matches, ...), see ``Decorations``; several
  providers can be on at once, layered in the order they were added (a later
  one is drawn over an earlier one; the first gutter mark wins). Call
  ``refresh_decorations()`` after a provider's spans changed (and bump its
  ``version``). ``remove_decorations(key)`` takes one off.
  ``set_decorations(provider)`` is the same as
  ``add_decorations(provider, key="default")`` (``None`` removes it).
- ``set_selection(first, last)`` / ``clear_selection()``: a sentence range
  drawn with the selection style.
- ``drag_listeners``: told when a mouse drag selects sentences (``reader_drag``).
- ``cursor_listeners``: called with (call, sentence) whenever the cursor's
  sentence changes, synchronously, so the status bar and the lines of the
  transcript are redrawn in the same frame (a message would bubble through
  the DOM and often land in the next frame: twice the drawing per key).
"""

from __future__ import annotations

from typing import Callable

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from transcripts.model import Call, Turn
from transcripts.terminal_safe import one_line
from tui.widgets.decorations import Decorations, Span  # noqa: F401  (re-exported: their old home)
from tui.widgets.reader_layout import BLANK, HEADER, ReaderLayout, build_layout
from tui.widgets.reader_lines import LineDrawing
from tui.widgets.reader_drag import DragListener, DragSelect
from tui.widgets.reader_mouse import sentence_at_point
from tui.widgets.reader_moves import ReaderMoves


TURN_KEYS = Binding.Group("Turn", compact=True)
SPEAKER_KEYS = Binding.Group("Same speaker", compact=True)


class Reader(ReaderMoves, DragSelect, LineDrawing, ScrollView, can_focus=True):
    """The transcript of one call, read sentence by sentence."""

    BINDINGS = [
        Binding("j", "next_sentence", "Next sentence", id="reader.next_sentence", show=False),
        Binding("down", "next_sentence", "Next sentence", id="reader.next_sentence_arrow", show=False),
        Binding("k", "prev_sentence", "Previous sentence", id="reader.prev_sentence", show=False),
        Binding("up", "prev_sentence", "Previous sentence", id="reader.prev_sentence_arrow", show=False),
        # Pairs share one footer entry (a Binding.Group): the footer has room
        # for the main keys of every feature only if they are short.
        Binding("right_curly_bracket", "next_turn", "Next turn", id="reader.next_turn", key_display="}", group=TURN_KEYS),
        Binding("left_curly_bracket", "prev_turn", "Previous turn", id="reader.prev_turn", key_display="{", group=TURN_KEYS),
        Binding("s", "next_same_speaker", "Speaker's next turn", id="reader.next_same_speaker", group=SPEAKER_KEYS),
        Binding("S", "prev_same_speaker", "Speaker's previous turn", id="reader.prev_same_speaker", group=SPEAKER_KEYS),
        Binding("right_square_bracket", "next_question", "Next question", id="reader.next_question", key_display="]", show=False),
        Binding("left_square_bracket", "prev_question", "Previous question", id="reader.prev_question", key_display="[", show=False),
        Binding("g", "first", "Start of call", id="reader.first", show=False),
        Binding("home", "first", "Start of call", id="reader.first_home", show=False),
        Binding("G", "last", "End of call", id="reader.last", show=False),
        Binding("end", "last", "End of call", id="reader.last_end", show=False),
        Binding("pagedown", "page_down", "Page down", id="reader.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="reader.page_up", show=False),
        Binding("space", "page_down", "Page down", id="reader.page_down_space", show=False),
        Binding("f", "toggle_filter", "Speaker only", id="reader.filter",
                tooltip="Only this speaker"),
    ]

    COMPONENT_CLASSES = {
        "reader--cursor",
        "reader--selection",
        "reader--text",
        "reader--operator",
        "reader--executive",
        "reader--analyst",
        "reader--unknown",
        "reader--title",
        "reader--firm",
        "reader--banner",
        "reader--gutter-cursor",
    }

    DEFAULT_CSS = """
    Reader {
        scrollbar-gutter: stable;
        background: $surface;
        overflow-x: hidden;
    }
    Reader > .reader--cursor { background: $accent 35%; }
    Reader > .reader--selection { background: $primary 45%; }
    Reader > .reader--text { color: $foreground; }
    Reader > .reader--operator { color: $text-muted; text-style: bold; }
    Reader > .reader--executive { color: $success; text-style: bold; }
    Reader > .reader--analyst { color: $warning; text-style: bold; }
    Reader > .reader--unknown { color: $secondary; text-style: bold; }
    Reader > .reader--title { color: $text-muted; }
    Reader > .reader--firm { color: $text-muted; text-style: italic; }
    Reader > .reader--banner { color: $primary; text-style: bold; }
    Reader > .reader--gutter-cursor { color: $accent; }
    """

    class FilterChanged(Message):
        def __init__(self, reader: "Reader", speaker_key: str | None) -> None:
            super().__init__()
            self.reader = reader
            self.speaker_key = speaker_key

    class Notice(Message):
        """A key found nothing to do: say why (the app shows it in the
        status bar), e.g. "no later turn by Dana Evan"."""

        def __init__(self, reader: "Reader", text: str) -> None:
            super().__init__()
            self.reader = reader
            self.text = text

    speaker_filter: reactive[str | None] = reactive(None, init=False, layout=False)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.call: Call | None = None
        self.cursor: int = 0
        """Index of the cursor's sentence in ``call``."""
        self.selection: tuple[int, int] | None = None
        """Inclusive sentence range shown as selected, or None."""
        self._layout: ReaderLayout | None = None
        self._decorations: dict[str, Decorations] = {}
        """Providers by key, in the order they were added (= drawing order)."""
        self._strip_cache: LRUCache[tuple, Strip] = LRUCache(2048)
        self._width = 0
        self.cursor_listeners: list[Callable[[Call | None, int], object]] = []
        """Called with (call, sentence) after every cursor move (keep them cheap)."""
        self.jump_listeners: list[Callable[[Call, int], object]] = []
        """Called with (call, sentence left) after a jump, not a step (the jump list)."""
        self.drag_listeners: list[DragListener] = []
        """Told of a mouse drag selecting sentences (see ``reader_drag``)."""
        self._layouts: LRUCache[tuple, ReaderLayout] = LRUCache(16)
        self._base_style: Style | None = None
        """The widget's rich_style, kept until styles change (costly to compute per line)."""

    # -- public API ----------------------------------------------------

    def notice(self, text: str) -> None:
        self.post_message(self.Notice(self, text))

    def _cursor_moved(self) -> None:
        for listener in self.cursor_listeners:
            listener(self.call, self.cursor)

    @property
    def layout_info(self) -> ReaderLayout | None:
        return self._layout

    @property
    def current_turn(self) -> Turn | None:
        if self.call is None or not self.call.turns or self.call.sentence_count == 0:
            return None
        return self.call.turns[min(self.call.turn_index_of_sentence(self.cursor), len(self.call.turns) - 1)]

    def show_call(self, call: Call | None, cursor: int = 0, speaker_filter: str | None = None) -> None:
        """Show ``call`` with the cursor on sentence ``cursor``."""
        self.call = call
        self.selection = None
        self.set_reactive(Reader.speaker_filter, speaker_filter)
        self._relayout()
        self.cursor = self._clamp_visible(cursor, forward=True)
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._update_title()
        self._cursor_moved()

    def goto_sentence(self, index: int, *, center: bool = False) -> None:
        """Move the cursor, refreshing only the lines that change."""
        if self.call is None or self.call.sentence_count == 0:
            return
        index = max(0, min(index, self.call.sentence_count - 1))
        if self._layout is not None and not self._layout.is_visible(index):
            # A jump to a sentence hidden by the speaker filter lifts the filter.
            self.set_speaker_filter(None)
        old = self.cursor
        if index == old:
            self._scroll_to_cursor(center=center)
            return
        self.cursor = index
        self._refresh_sentence_lines(old)
        self._refresh_sentence_lines(index)
        self._scroll_to_cursor(center=center)
        self._cursor_moved()

    def goto_offset(self, offset: int) -> None:
        """Jump: the cursor to the sentence holding ``offset`` of the open call."""
        if self.call is None:
            return
        index, before = self.call.sentence_at(offset), self.cursor
        self.goto_sentence(0 if index is None else index, center=True)
        self.jumped(before)

    def goto_turn(self, turn_index: int, *, jump: bool = True) -> None:
        if self.call is None or not (0 <= turn_index < len(self.call.turns)):
            return
        turn, before = self.call.turns[turn_index], self.cursor
        if turn.first_sentence < turn.end_sentence:
            self.goto_sentence(turn.first_sentence, center=True)
            if jump:
                self.jumped(before)

    def jumped(self, before: int) -> None:
        """A jump left sentence ``before``: tell the jump list (a step, j/k/}, does not)."""
        if self.call is not None and self.cursor != before:
            for listener in self.jump_listeners:
                listener(self.call, before)

    def set_speaker_filter(self, speaker_key: str | None) -> None:
        """Show only the turns of one speaker (None: every turn)."""
        if speaker_key == self.speaker_filter:
            return
        self.speaker_filter = speaker_key

    def watch_speaker_filter(self, old: str | None, new: str | None) -> None:
        self._relayout()
        if self._layout is not None and self.call is not None and self.call.sentence_count:
            cursor = self._clamp_visible(self.cursor, forward=True)
            if cursor != self.cursor:
                self.cursor = cursor
                self._cursor_moved()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._update_title()
        self.post_message(self.FilterChanged(self, new))

    DEFAULT_DECORATIONS = "default"

    def set_decorations(self, provider: Decorations | None) -> None:
        """Set (or with None remove) the provider under the ``default`` key."""
        if provider is None:
            self.remove_decorations(self.DEFAULT_DECORATIONS)
        else:
            self.add_decorations(provider, key=self.DEFAULT_DECORATIONS)

    def add_decorations(self, provider: Decorations, key: str | None = None) -> str:
        """Draw ``provider``'s spans and gutter marks too; returns its key.

        Re-adding under a key already in use replaces that provider in place
        (it keeps its layer). Without a key, the provider's class name is used."""
        key = key or type(provider).__name__
        self._decorations[key] = provider
        self.refresh_decorations()
        return key

    def remove_decorations(self, key: str) -> None:
        if self._decorations.pop(key, None) is not None:
            self.refresh_decorations()

    @property
    def decorations(self) -> dict[str, Decorations]:
        """The providers by key, in drawing order (read-only view by convention)."""
        return dict(self._decorations)

    def refresh_decorations(self) -> None:
        """Redraw after the provider's spans changed (its version is in the
        cache key, so stale strips are never reused)."""
        self.refresh()

    def set_selection(self, first: int, last: int) -> None:
        """Select sentences ``first``..``last`` (either order, inclusive)."""
        old = self.selection
        self.selection = (min(first, last), max(first, last))
        self._refresh_selection_change(old, self.selection)

    def clear_selection(self) -> None:
        old, self.selection = self.selection, None
        self._refresh_selection_change(old, None)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the sentence under the pointer."""
        layout = self._layout
        offset = event.get_content_offset(self)
        if layout is None or offset is None or self.call is None:
            return
        sentence = sentence_at_point(layout, int(self.scroll_y) + offset.y, offset.x)
        if sentence is not None:
            self.goto_sentence(sentence)

    # -- layout & rendering ----------------------------------------------

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _relayout(self) -> None:
        width = self._text_width()
        self._width = width
        if self.call is None:
            self._layout = None
            self.virtual_size = Size(width, 0)
            return
        # Layouts are cached per (call, width, filter): switching back to a
        # call, or to a width seen before, costs nothing.
        key = (self.call.id, id(self.call), width, self.speaker_filter)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = build_layout(self.call, width, self.speaker_filter)
        self._layout = layout
        self.virtual_size = Size(width, len(self._layout))

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self._width:
            self._relayout()
            self._scroll_to_cursor(center=True)
            self.refresh()

    def _update_title(self) -> None:
        call = self.call
        title = call.label if call else "No call open"
        if call and self.speaker_filter:
            speaker = call.speaker(self.speaker_filter)
            who = speaker.name if speaker else self.speaker_filter
            title += f" \u2014 FILTER: only {who} (f to clear)"
        self.border_title = one_line(title)

    def _refresh_sentence_lines(self, sentence: int) -> None:
        layout = self._layout
        if layout is None or not layout.is_visible(sentence):
            return
        first, last = layout.sent_first[sentence], layout.sent_last[sentence]
        self.refresh_lines(first, last - first + 1)

    def _refresh_selection_change(self, old: tuple[int, int] | None, new: tuple[int, int] | None) -> None:
        layout = self._layout
        if layout is None:
            return
        spans = [r for r in (old, new) if r is not None]
        if not spans:
            return
        lo = min(r[0] for r in spans)
        hi = max(r[1] for r in spans)
        lo_line = next((layout.sent_first[s] for s in range(lo, hi + 1) if layout.is_visible(s)), None)
        hi_line = next((layout.sent_last[s] for s in range(hi, lo - 1, -1) if layout.is_visible(s)), None)
        if lo_line is not None and hi_line is not None:
            self.refresh_lines(lo_line, hi_line - lo_line + 1)

    def _scroll_to_cursor(self, center: bool = False) -> None:
        layout = self._layout
        if layout is None or not layout.is_visible(self.cursor):
            return
        first, last = layout.sent_first[self.cursor], layout.sent_last[self.cursor]
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_y)
        if center and not (top <= first and last < top + height):
            # Land a jump a third of the way down, its speaker header in view.
            y = max(0, first - height // 3)
        elif first < top:
            # Show the speaker header too when the cursor is on a turn's first line.
            y = first
            while y > 0 and layout.kinds[y - 1] == HEADER:
                y -= 1
            if y < first and y > 0 and layout.kinds[y - 1] == BLANK:
                y -= 1
        elif last >= top + height:
            # Going down past the bottom, move the view by a third of a page
            # at once: reading on then needs no scroll (and no full repaint)
            # for the next several sentences.
            y = min(first, max(last - height + 1, top + height // 3))
        else:
            return
        self.scroll_to(y=y, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        # Called for every visible line on each repaint (a scroll repaints
        # all of them), so a cached line must cost only a key and a lookup.
        index = int(self.scroll_y) + y
        rich_style = self._base_style
        if rich_style is None:
            rich_style = self._base_style = self.rich_style
        width = self._width
        layout = self._layout
        if layout is None or index >= len(layout):
            return Strip.blank(width, rich_style)
        key = self._line_key(layout, index)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._render_layout_line(layout, index, rich_style)
            strip = strip.crop_extend(0, width, rich_style)
            self._strip_cache[key] = strip
        return strip

    @property
    def _theme_name(self) -> str:
        return self.app.theme

    def notify_style_update(self) -> None:
        """The theme or CSS changed: cached strips hold old colours."""
        super().notify_style_update()
        self._base_style = None
        self._strip_cache.clear()
