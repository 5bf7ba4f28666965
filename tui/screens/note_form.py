"""The note form (``a``): a note and, for metrics and guidance, structured
fields (metric, value, unit, period, low/high). Pre-filled from the one
number or range in the quote when there is one; the user confirms or edits.
Dismisses with ``NoteResult`` or None (cancelled)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from transcripts.terminal_safe import one_line, printable, unless_unchanged
from tui.screens.form_fields import field, focus_bindings
from annotations.field_numbers import FieldNumberError, parse_field_number

NUMBER_FIELDS = ("value", "low", "high")
FORM_FIELDS = ("metric", "value", "unit", "period", "low", "high")
QUOTE_LIMIT = 300
"""Characters of the quote shown above the note (it wraps; a longer one is
cut at a word, with an ellipsis)."""


def short_quote(quote: str, limit: int = QUOTE_LIMIT) -> str:
    """The quote on one paragraph, cut at the last whole word within
    ``limit`` with an ellipsis: never mid-word (\u201cand d\u201d)."""
    text = " ".join(quote.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


@dataclass
class NoteResult:
    note: str
    fields: dict[str, Any]


class NoteForm(ModalScreen[NoteResult | None]):
    DEFAULT_CSS = """
    NoteForm { align: center middle; }
    NoteForm > Vertical { width: 84; height: auto; max-height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    NoteForm #quote { color: $text-muted; margin-bottom: 1; }
    NoteForm TextArea { height: 5; }
    NoteForm .row { height: auto; }
    NoteForm .row Input { width: 1fr; }
    NoteForm .row Label { width: 8; padding: 1 0 0 0; }
    NoteForm #error { color: $error; height: auto; }
    NoteForm #buttons { height: auto; align-horizontal: right; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        *focus_bindings("note"),
    ]

    def __init__(self, quote: str, note: str, fields: dict[str, Any], *, structured: bool, prefilled: bool) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.fields = dict(fields)
        self.structured = structured
        self.prefilled = prefilled

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"\u201c{printable(short_quote(self.quote))}\u201d", id="quote", markup=False)
            yield Label("Note (ctrl+s saves, escape cancels)")
            yield TextArea(printable(self.note), id="note", soft_wrap=True, show_line_numbers=False)
            if self.structured:
                hint = " (pre-filled from the quote: check it)" if self.prefilled else ""
                yield Label(f"Fields{hint}")
                for pair in (("metric", "value"), ("unit", "period"), ("low", "high")):
                    with Horizontal(classes="row"):
                        for name in pair:
                            yield Label(name)
                            value = self.fields.get(name)
                            yield field("" if value is None else one_line(str(value)), id=f"field-{name}", placeholder=name)
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        # Shown terminal-safe; a text left as it was keeps its own characters.
        note = unless_unchanged(self.query_one("#note", TextArea).text, self.note).strip("\n")
        fields: dict[str, Any] = {k: v for k, v in self.fields.items() if k not in FORM_FIELDS}
        if self.structured:
            for name in FORM_FIELDS:
                before = self.fields.get(name)
                raw = self.query_one(f"#field-{name}", Input).value
                raw = (raw if before is None else unless_unchanged(raw, str(before))).strip()
                if not raw:
                    continue
                if name in NUMBER_FIELDS:
                    try:
                        fields[name] = parse_field_number(raw)
                    except FieldNumberError as exc:
                        self.query_one("#error", Static).update(f"{name}: {exc}")
                        return
                else:
                    fields[name] = raw
        else:
            fields.update({k: v for k, v in self.fields.items() if k in FORM_FIELDS})
        self.dismiss(NoteResult(note, fields))
