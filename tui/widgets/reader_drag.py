"""A mouse drag across the transcript selects the sentences it passes over.

Pressing the left button on a sentence and moving to another one starts a
selection there and moves the cursor with the pointer, as ``v`` and ``j`` /
``k`` would: the annotations feature (a ``drag_listeners`` entry) keeps the
selection inside the turn it began in, so a dragged quote is one speaker's
words, and ``1``, ``2``, ``y``, ... act on it. Dragging above or below the
view scrolls it a line per move. A press and release on one sentence is a
click (the cursor goes there), not a selection.

A mixin of the ``Reader`` (it needs its ``call``, layout, ``cursor`` and
``goto_sentence``); the geometry is ``reader_mouse.sentence_at_point``.
"""

from __future__ import annotations

from typing import Callable

from textual import events

from tui.widgets.reader_mouse import sentence_at_point

DragListener = Callable[[int, int], object]
"""Called with (anchor, sentence) before the cursor follows the pointer to
``sentence``; ``anchor`` is the sentence the drag started on."""


class DragSelect:
    """Drag to select, for the ``Reader``."""

    _drag_anchor: int | None = None
    _drag_moved: bool = False

    def _sentence_under(self, event: events.MouseEvent, *, capture: bool) -> int | None:
        layout = self.layout_info  # type: ignore[attr-defined]
        if layout is None or self.call is None:  # type: ignore[attr-defined]
            return None
        offset = event.get_content_offset_capture(self) if capture else event.get_content_offset(self)  # type: ignore[arg-type]
        if offset is None:
            return None
        height = self.scrollable_content_region.height  # type: ignore[attr-defined]
        if capture and offset.y < 0:
            self.scroll_relative(y=-1, animate=False)  # type: ignore[attr-defined]
        elif capture and offset.y >= height:
            self.scroll_relative(y=1, animate=False)  # type: ignore[attr-defined]
        y = max(0, min(offset.y, height - 1))
        return sentence_at_point(layout, int(self.scroll_y) + y, max(0, offset.x))  # type: ignore[attr-defined]

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        sentence = self._sentence_under(event, capture=False)
        if sentence is None:
            return
        self._drag_anchor, self._drag_moved = sentence, False
        self.capture_mouse()  # type: ignore[attr-defined]  (moves past the edge still come here)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        anchor = self._drag_anchor
        if anchor is None:
            return
        if event.button != 1:  # released where we did not see it
            self._end_drag()
            return
        sentence = self._sentence_under(event, capture=True)
        if sentence is None or (sentence == anchor and not self._drag_moved):
            return
        self._drag_moved = True
        listeners: list[DragListener] = self.drag_listeners  # type: ignore[attr-defined]
        for listener in listeners:
            listener(anchor, sentence)
        self.goto_sentence(sentence)  # type: ignore[attr-defined]
        if not listeners:  # the bare reader: select the span itself
            self.set_selection(anchor, sentence)  # type: ignore[attr-defined]

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._end_drag()

    def _end_drag(self) -> None:
        if self._drag_anchor is not None:
            self._drag_anchor = None
            self.release_mouse()  # type: ignore[attr-defined]
