"""Which panes the app shows beside the transcript: ``c``/``p``/``o`` toggle
one, ``w`` all of them, and a terminal narrower than ``NARROW_WIDTH`` hides
them by itself (and shows them again as they were when it widens).

A mixin of ``EarmarkApp`` (``tui.app``): the app's panes are its widgets.
"""

from __future__ import annotations

from textual import events

NARROW_WIDTH = 100
"""Below this many columns the side panes give way to the transcript (by
themselves; ``w`` brings them back), which would get under 50 columns."""


class SidePanes:
    """``EarmarkApp``'s pane toggles (its attributes are the app's)."""

    def action_toggle_pane(self, pane: str) -> None:
        widget = self.screen.query_one(f"#{pane}") if pane not in self._widgets else self._widgets[pane]
        widget.display = not widget.display
        if widget.parent is self._widgets["side"]:
            self._sync_side()
        if not widget.display and widget.has_focus:
            self.reader.focus()

    def action_toggle_wide(self) -> None:
        panes = [self.calls_pane, self._widgets["side"]]
        show = not any(p.display for p in panes)
        for p in panes:
            p.display = show
        if show:
            for child in self._widgets["side"].children:
                child.display = True
        self.reader.focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_panes(event.size.width)

    def _fit_panes(self, width: int) -> None:
        """Crossing ``NARROW_WIDTH`` going down hides the calls pane and the
        side column (the transcript keeps the width); going back up shows
        them as they were. ``w`` shows or hides them at any width."""
        narrow = width < NARROW_WIDTH
        if narrow == self._narrow or "side" not in self._widgets:  # not mounted yet: on_mount fits them
            return
        self._narrow = narrow
        panes = [self.calls_pane, self._widgets["side"]]
        if narrow:
            self._shown_before_narrow = [p.display for p in panes]
            if any(self._shown_before_narrow):
                for p in panes:
                    p.display = False
                self.notify("Narrow terminal: the side panes are hidden (w shows them)", timeout=5)
        elif self._shown_before_narrow is not None:
            for p, shown in zip(panes, self._shown_before_narrow):
                p.display = shown
            self._shown_before_narrow = None
        if not self.reader.has_focus and not any(p.display for p in panes):
            self.reader.focus()

    def _sync_side(self) -> None:
        side = self._widgets["side"]
        side.display = any(child.display for child in side.children)
