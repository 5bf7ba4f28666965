"""The help screen: every binding the app knows, grouped by where it works.

Bindings are read from the live widgets (after the user's keymap), so the help
is never out of date, and features added later show up by themselves."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from transcripts.locations import CONFIG_OVERRIDE_HINT, config_file
from transcripts.terminal_safe import one_line

HIDDEN_ACTIONS = {
    "scroll_left", "scroll_right", "scroll_up", "scroll_down", "scroll_home",
    "scroll_end", "page_left", "page_right",
}
"""Scrolling every container offers: noise in a list of what Earmark does."""
SKIPPED_CLASSES = {"Footer", "KeyLine", "Horizontal", "Vertical", "VerticalScroll", "Static", "Screen"}

GROUP_NAMES = {
    "EarmarkApp": "Everywhere",
    "Reader": "Transcript",
    "CallsPane": "Calls pane",
    "SpeakersPane": "Speakers pane",
    "QAOutline": "Q&A outline",
}
FEATURE_NAMES = {
    "annotations": "Annotations (on the cursor's sentence or the selection)",
    "search": "Search",
    "copy": "Copy with a citation",
    "export": "Export",
    "suggestions": "Suggestions, ledger and quarter over quarter",
    "nav": "Jumps, marks, going to a turn or annotation",
}
"""App-wide keys a feature binds (``app.bind_key``) are listed under the
feature (the first part of the binding id), not in one long "Everywhere"."""


def _group_name(cls_name: str) -> str:
    """``AnnotationsPane`` -> ``Annotations pane``."""
    if cls_name in GROUP_NAMES:
        return GROUP_NAMES[cls_name]
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", cls_name) or [cls_name]
    return " ".join([words[0]] + [w.lower() if not w.isupper() else w for w in words[1:]])


def _is_stock(node: DOMNode) -> bool:
    """A Textual widget used as is (the search box's Input, a bare
    OptionList): its editing keys are Textual's, not Earmark's."""
    return type(node).__module__.startswith("textual.")


Row = tuple[str, str, str]
"""(keys, description, binding ids for the keymap)."""


def _collapse_user_tags(rows: list[Row]) -> list[Row]:
    """Seven "User tag N" rows (keys 3-9 with no tag set) say one thing."""
    unset = [(keys, ids) for keys, desc, ids in rows if desc == f"User tag {keys}"]
    if len(unset) < 2:
        return rows
    out: list[Row] = []
    done = False
    for keys, desc, ids in rows:
        if desc == f"User tag {keys}":
            if not done:
                first, last = unset[0], unset[-1]
                out.append((f"{first[0]}-{last[0]}", "Your own tags (tags: in config.yaml)",
                            f"{first[1]} \u2026 {last[1]}"))
                done = True
            continue
        out.append((keys, desc, ids))
    return out


def binding_table(app, nodes: list[DOMNode]) -> list[tuple[str, list[Row]]]:
    """(group, [(keys, description, ids)]) for each node with bindings, the keymap applied."""
    keymap = getattr(app, "_keymap", {}) or {}
    groups: list[tuple[str, list[Row]]] = []
    seen_classes: set[str] = set()
    for node in nodes:
        cls_name = type(node).__name__
        if cls_name in seen_classes or cls_name in SKIPPED_CLASSES or _is_stock(node):
            continue
        bindings_map: BindingsMap = node._bindings.copy()
        if keymap:
            bindings_map.apply_keymap(keymap)
        by_group: dict[str, dict[tuple[str, str], list[tuple[str, str]]]] = {}
        for key, bindings in bindings_map.key_to_bindings.items():
            for b in bindings:
                if not b.description or b.system or b.action in HIDDEN_ACTIONS:
                    continue
                label = b.key_display if (b.key_display and b.key == key) else app.get_key_display(Binding(key, b.action))
                feature = (b.id or "").partition(".")[0]
                group = FEATURE_NAMES.get(feature, "") if node is app else ""
                # Earmark's tooltips (bindings with an id) are the long form of a
                # description kept short for the footer; Textual's own (ctrl+q's)
                # would only split a row
                description = (b.tooltip or b.description) if b.id else b.description
                by_group.setdefault(group, {}).setdefault((b.action, description), []).append((label, b.id or ""))
        if not by_group:
            continue
        seen_classes.add(cls_name)
        for group, by_action in by_group.items():
            rows = [
                (", ".join(dict.fromkeys(k for k, _ in found)), desc, ", ".join(dict.fromkeys(i for _, i in found if i)))
                for (_, desc), found in by_action.items()
            ]
            groups.append((group or _group_name(cls_name), _collapse_user_tags(rows)))
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
        width: 110; max-width: 95%; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, groups: list[tuple[str, list[Row]]], config_path: Path | None = None) -> None:
        super().__init__()
        self._groups = groups
        self._config_path = config_path or config_file()

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Earmark keys", style="bold")
        text.append("  (escape closes; remap a key in config.yaml: keymap: {binding id: keys})\n", style="dim")
        text.append("Settings: ", style="dim")
        text.append(one_line(str(self._config_path)), style="bold")
        text.append(f"  ({CONFIG_OVERRIDE_HINT})\n", style="dim")
        for group, rows in self._groups:
            text.append(f"\n{one_line(group)}\n", style="bold underline")
            for keys, desc, ids in rows:
                # Descriptions include the user's own tag names from config.yaml.
                text.append(one_line(f"  {keys:<16}"), style="bold")
                text.append(one_line(f"{desc:<36}"))
                text.append(one_line(f" {ids}") + "\n", style="dim")
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Static(text, id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
