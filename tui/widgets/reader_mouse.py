"""Where the mouse and the view meet the reader's cursor.

- A click on a line puts the cursor on the sentence under the pointer (on a
  speaker header or a blank line: the next sentence below it).
- After the view was scrolled away from the cursor (the wheel, the
  scrollbar), the next ``j`` / ``k`` goes on from what is on screen, as in
  less: the first sentence on screen going down, the last going up, never a
  snap back to where the cursor had been.

Plain functions of the layout (no Textual), so they are testable alone.
"""

from __future__ import annotations

from rich.cells import cell_len

from tui.widgets.reader_layout import GUTTER, TEXT, ReaderLayout


def sentence_at_point(layout: ReaderLayout, line: int, column: int) -> int | None:
    """The visible sentence drawn at screen ``line`` (of the layout) and
    ``column`` (cells from the reader's left edge, gutter included)."""
    if not 0 <= line < len(layout):
        return None
    if layout.kinds[line] != TEXT:
        return first_sentence_from(layout, line, +1)
    call = layout.call
    start, end = layout.starts[line], layout.ends[line]
    cells = column - GUTTER
    offset = start
    while offset < end and cells > 0:
        cells -= cell_len(call.text[offset])
        if cells >= 0:
            offset += 1
    on_line = [s for s in layout.sentences_on_line(line) if layout.is_visible(s)]
    if not on_line:
        return first_sentence_from(layout, line, +1)
    for s in on_line:
        if offset < call.sentence_ends[s]:
            return s
    return on_line[-1]


def first_sentence_from(layout: ReaderLayout, line: int, step: int) -> int | None:
    """The first visible sentence on a TEXT line at or after (``step`` +1)
    or before (-1) ``line``: going down, one that starts there; going up,
    the last one the line shows."""
    y = line
    while 0 <= y < len(layout):
        if layout.kinds[y] == TEXT:
            shown = [s for s in layout.sentences_on_line(y) if layout.is_visible(s)]
            if step > 0:
                starting = [s for s in shown if layout.sent_first[s] == y]
                if starting:
                    return starting[0]
            elif shown:
                return shown[-1]
        y += step
    return None


def cursor_on_screen(layout: ReaderLayout, cursor: int, top: int, height: int) -> bool:
    """Whether any line of the cursor's sentence is in the view."""
    if not layout.is_visible(cursor):
        return False
    return layout.sent_last[cursor] >= top and layout.sent_first[cursor] < top + height


def resume_from_screen(layout: ReaderLayout, top: int, height: int, delta: int) -> int | None:
    """Where ``j`` (delta +1) or ``k`` (-1) goes when the cursor is off
    screen: the first sentence starting on screen, or the last one shown."""
    if delta > 0:
        found = first_sentence_from(layout, top, +1)
        if found is not None and layout.sent_first[found] < top + height:
            return found
        return None
    found = first_sentence_from(layout, min(len(layout) - 1, top + height - 1), -1)
    if found is not None and layout.sent_last[found] >= top:
        return found
    return None
