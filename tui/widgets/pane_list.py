"""What every side pane of the reader shares: a list moved with ``j``/``k``
and left with escape, back to the transcript, so the keys a reader's hands
know work the same in every pane.

``PANE_KEYS`` are those keys, for a pane that is not an ``OptionList``
(the calls pane draws its own lines); its actions are ``cursor_down``,
``cursor_up`` and ``back_to_reader``."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

PANE_KEYS: list[Binding] = [
    Binding("j", "cursor_down", "Down", id="list.down", show=False),
    Binding("k", "cursor_up", "Up", id="list.up", show=False),
    Binding("escape", "back_to_reader", "Back to the transcript", id="list.back", show=False),
]


class PaneList(OptionList):
    BINDINGS = PANE_KEYS

    def action_back_to_reader(self) -> None:
        self.app.reader.focus()
