"""What every form (the note form, the export dialog) does with its fields.

- ``tab`` / ``shift+tab`` move between fields as PRIORITY bindings: the app
  acts on them before it hands the next key on, so a fast burst (a paste
  right after tab) lands in the field tab moved to. As an ordinary binding
  the keys behind tab were already queued for the field being left.
- A field entered with tab keeps its text and puts the cursor at its end
  (``field``): typing adds to a pre-filled value instead of replacing it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


def focus_bindings(prefix: str) -> list[Binding]:
    return [
        Binding("tab", "app.focus_next", "Next field", id=f"{prefix}.next_field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", id=f"{prefix}.previous_field",
                show=False, priority=True),
    ]


def field(value: str = "", **kwargs) -> Input:
    """An input that keeps its value when focused (no select-all)."""
    return Input(value, select_on_focus=False, **kwargs)
