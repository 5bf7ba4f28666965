"""The annotations pane: the open call's annotations in text order (tag,
speaker, quote, note); enter jumps to one. Orphans (quotes that could not be
found after the transcript changed) are listed last, marked, so they are
never silently lost. A re-anchor waiting for confirmation (fuzzy, or now in
another speaker's turn) shows the quote the user tagged and why it waits. ``j``/``k`` move and escape returns to the transcript,
as in the other panes."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.pane_list import PaneList

from annotations.model import Annotation
from transcripts.terminal_safe import one_line


def _short(text: str, width: int) -> str:
    text = one_line(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "\u2026"


class AnnotationsPane(PaneList):
    DEFAULT_CSS = """
    AnnotationsPane { height: 1fr; min-height: 6; border: round $panel; border-title-color: $text; }
    AnnotationsPane:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("enter", "select", "Go to annotation", id="annotations.pane_go", show=False),
    ]

    def __init__(self, on_choose: Callable[[Annotation], object] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_choose = on_choose
        self.border_title = "Annotations"
        self._items: list[Annotation] = []

    def show(self, annotations: list[Annotation], tag_style, read_only: str = "") -> None:
        placed = [a for a in annotations if a.placed]
        orphans = [a for a in annotations if not a.placed]
        self._items = placed + orphans
        options = []
        for a in self._items:
            line = Text()
            tags = a.tags or ["(untagged)"]
            for t in tags:
                line.append(one_line(f" {t} "), style=tag_style(t))
                line.append(" ")
            if a.speaker:
                line.append(one_line(a.speaker), style="bold")
            if a.author:
                line.append(f"  by {one_line(a.author)}", style="dim")
            if a.reviewed is not None:
                line.append("  \u2713 reviewed", style="green")
            if a.status != "anchored":
                confirm = " \u00b7 y to keep" if a.needs_review else ""
                line.append(f"  [{a.status}{confirm}]", style="yellow" if a.placed else "red")
            line.append("\n" + _short(a.quote, 120), style="italic" if a.placed else "dim strike")
            if a.review:
                line.append("\n\u26a0 " + _short(a.review, 120), style="yellow")
            if a.note:
                line.append("\n\u270e " + _short(a.note, 120), style="")
            options.append(Option(line, id=a.id))
        self.clear_options()
        self.add_options(options)
        waiting = sum(1 for a in placed if a.needs_review)
        count = f"{len(placed)}" + (f" + {len(orphans)} orphaned" if orphans else "")
        count += f", {waiting} to confirm" if waiting else ""
        self.border_title = f"Annotations ({count})" + (" \u00b7 read-only" if read_only else "")

    def annotation_at(self, index: int | None) -> Annotation | None:
        if index is None or not (0 <= index < len(self._items)):
            return None
        return self._items[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        a = self.annotation_at(event.option_index)
        if a is not None and self.on_choose is not None:
            self.on_choose(a)
