"""What is wrong with the user's keymap, said once when the app starts.

Textual applies ``keymap:`` silently: an id no binding has is skipped, and a
key given to a second binding simply takes it from the first (mapping
``annotations.tag_metric`` to ``n`` left "next hit" without a key; a
transcript key mapped to ``q`` hid Quit while the transcript has focus).
Both are reported here, naming the binding ids.

Two bindings can collide when they are active at the same time: both on the
same widget or dialog (or one it inherits from), or a widget's and an
app-wide one (the app's own and features' keys, and every screen's focus
keys); a dialog's own keys are meant to win over app-wide ones while it is
open. Collisions
between the defaults are the design (``j`` moves in every pane) and are not
reported; only those a keymap entry makes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.screen import Screen

APP_WIDE = object()
"""The owner of bindings that are active whatever has focus."""


def _binding_classes() -> list[type]:
    """Every widget and screen class (modal screens are not mounted yet)."""
    out: list[type] = []
    seen: set[type] = set()
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        out.append(cls)
    return out


def _owner(cls: type) -> object:
    return APP_WIDE if issubclass(cls, App) or cls is Screen else cls


def _normalise(keys: str) -> list[str]:
    out = []
    for key in keys.split(","):
        key = key.strip()
        if key:
            out.append(_character_to_key(key) if len(key) == 1 else key)
    return out


Found = dict[tuple[object, str, bool], set[str]]
"""(owner, binding id or else action, has an id) -> its default keys."""


def _collect(feature_bindings: Iterable[Binding], actions: dict[str, str] | None = None) -> Found:
    """``actions`` is filled with each name's action (the same action on
    two keys, ``?`` and ``f1`` for help, is no collision)."""
    found: Found = defaultdict(set)
    actions = {} if actions is None else actions
    for cls in _binding_classes():
        declared = cls.__dict__.get("BINDINGS", ())
        for b in Binding.make_bindings(b for b in declared if isinstance(b, (Binding, tuple))):
            found[(_owner(cls), b.id or b.action, b.id is not None)].add(b.key)
            actions[b.id or b.action] = b.action
    for b in feature_bindings:
        found[(APP_WIDE, b.id or b.action, b.id is not None)].update(_normalise(b.key))
        actions[b.id or b.action] = b.action
    return found


def _together(a: object, b: object) -> bool:
    if a is b:
        return True
    if a is APP_WIDE or b is APP_WIDE:
        # A dialog's own keys are meant to win while it is open (f1 closes
        # the help it opened); a widget of the main screen hides an app key.
        other = b if a is APP_WIDE else a
        return not (isinstance(other, type) and issubclass(other, Screen))
    return isinstance(a, type) and isinstance(b, type) and (issubclass(a, b) or issubclass(b, a))


def unknown_ids(keymap: dict[str, str], feature_bindings: Iterable[Binding]) -> list[str]:
    known = {name for _, name, is_id in _collect(feature_bindings) if is_id}
    return [binding_id for binding_id in keymap if binding_id not in known]


def conflicts(keymap: dict[str, str], feature_bindings: Iterable[Binding]) -> list[tuple[str, str, str]]:
    """(key, binding id the keymap gave it to, the other binding id), each
    collision once, in keymap order."""
    actions: dict[str, str] = {}
    defaults = _collect(feature_bindings, actions)
    effective: list[tuple[object, str, set[str], bool]] = []
    for (owner, name, is_id), keys in defaults.items():
        remapped = is_id and name in keymap
        effective.append((owner, name, set(_normalise(keymap[name])) if remapped else keys, remapped))
    order = {binding_id: i for i, binding_id in enumerate(keymap)}
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for i, (owner_a, name_a, keys_a, remapped_a) in enumerate(effective):
        for owner_b, name_b, keys_b, remapped_b in effective[i + 1:]:
            if name_a == name_b or not (remapped_a or remapped_b) or not _together(owner_a, owner_b):
                continue
            if actions.get(name_a) == actions.get(name_b):
                continue
            for key in sorted(keys_a & keys_b):
                pair = frozenset((name_a, name_b))
                if (key, pair) in seen:
                    continue
                seen.add((key, pair))
                mine, other = (name_a, name_b) if remapped_a else (name_b, name_a)
                if remapped_a and remapped_b and order[name_b] < order[name_a]:
                    mine, other = other, mine
                out.append((key, mine, other))
    out.sort(key=lambda c: order.get(c[1], len(order)))
    return out


def keymap_problems(keymap: dict[str, str], feature_bindings: Iterable[Binding], where: str) -> list[str]:
    """One line per unknown id and per collision, naming the file."""
    feature_bindings = list(feature_bindings)
    lines = [
        f"{where}: keymap: no binding has the id {binding_id!r} (the help screen, ?, lists the ids)"
        for binding_id in unknown_ids(keymap, feature_bindings)
    ]
    for key, mine, other in conflicts(keymap, feature_bindings):
        lines.append(
            f"{where}: keymap: {key} is given to {mine} but is also the key of {other}; "
            "only one of them can work (change one under keymap:)"
        )
    return lines
