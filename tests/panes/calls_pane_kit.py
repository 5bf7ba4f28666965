"""Reading the calls pane as a user sees it: the text of its lines on the
screen, and which line the cursor is on."""

from __future__ import annotations


def pane_lines(app) -> list[str]:
    """The pane's lines as drawn on the screen now (inside its border and
    padding, trailing spaces dropped)."""
    pane = app.calls_pane
    region = pane.content_region
    strips = app.screen._compositor.render_strips()
    out = []
    for y in range(region.y, region.bottom):
        text = "".join(seg.text for seg in strips[y])
        out.append(text[region.x:region.right].rstrip())
    return out


def highlighted_line(app) -> str:
    """The text of the row the cursor is on, as drawn on the screen."""
    pane = app.calls_pane
    lines = pane_lines(app)
    y = pane.cursor_line() - int(pane.scroll_y)
    assert 0 <= y < len(lines), "the cursor's row is on screen"
    return lines[y]
