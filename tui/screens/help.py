"""The help screen: every binding the app knows, grouped by where it works.

Bindings are read from the live widgets (after the user's keymap), so the help
is never out of date, and features added later show up by themselves."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

HIDDEN_ACTIONS = {
    "scroll_left", "scroll_right", "scroll_up", "scroll_down", "scroll_home",
    "scroll_end", "page_left", "page_right",
}
"""Scrolling every container offers: noise in a list of what Earmark does."""
SKIPPED_CLASSES = {"Footer", "Horizontal", "Vertical", "VerticalScroll", "Static", "Screen"}

GROUP_NAMES = {
    "EarmarkApp": "Everywhere",
    "Reader": "Transcript",
    "CallsPane": "Calls pane",
    "SpeakersPane": "Speakers pane",
    "QAOutline": "Q&A outline",
}


def _key_label(app, binding: Binding) -> str:
    return binding.key_display or app.get_key_display(binding)


def binding_table(app, nodes: list[DOMNode]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, description)]) for each node with bindings, the keymap applied."""
    keymap = getattr(app, "_keymap", {}) or {}
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen_classes: set[str] = set()
    for node in nodes:
        cls_name = type(node).__name__
        if cls_name in seen_classes or cls_name in SKIPPED_CLASSES:
            continue
        bindings_map: BindingsMap = node._bindings.copy()
        if keymap:
            bindings_map.apply_keymap(keymap)
        by_action: dict[tuple[str, str], list[str]] = {}
        for key, bindings in bindings_map.key_to_bindings.items():
            for b in bindings:
                if not b.description or b.system or b.action in HIDDEN_ACTIONS:
                    continue
                label = b.key_display if (b.key_display and b.key == key) else app.get_key_display(Binding(key, b.action))
                by_action.setdefault((b.action, b.description), []).append(label)
        if not by_action:
            continue
        seen_classes.add(cls_name)
        rows = [(", ".join(dict.fromkeys(keys)), desc) for (_, desc), keys in by_action.items()]
        groups.append((GROUP_NAMES.get(cls_name, cls_name), rows))
    return groups


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close help", id="help.close"),
        Binding("q", "dismiss", "Close help", id="help.close_q", show=False),
        Binding("question_mark", "dismiss", "Close help", id="help.close_question", show=False),
        Binding("f1", "dismiss", "Close help", id="help.close_f1", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 95%; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Earmark keys", style="bold")
        text.append("  (escape closes; remap keys in config.yaml under keymap:)\n", style="dim")
        for group, rows in self._groups:
            text.append(f"\n{group}\n", style="bold underline")
            for keys, desc in rows:
                text.append(f"  {keys:<24}", style="bold")
                text.append(f"{desc}\n")
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Static(text, id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
