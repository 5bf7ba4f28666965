"""Saving a setting the user chose in the app (the theme) into
``config.yaml`` without disturbing anything else in it.

The file is the user's: comments, key order, quoting and other keys stay
byte for byte. Only the text of the one value is replaced (found by the
parser's marks), or one line is added when the key is absent. The result is
parsed again and must hold exactly the same settings with the new value,
else nothing is written; the write is atomic, keeps the file's mode, and a
symlinked config (a dotfiles repository) is written through to its target.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from annotations import store
from tui.config import load_config

_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")


class NotSaved(Exception):
    """Why the setting was left unsaved (one line for the user)."""


def save_setting(path: Path, key: str, value: str) -> Path:
    """Set top-level ``key: value`` in the config at ``path``; returns the
    file written (the symlink's target). Raises ``NotSaved``."""
    target = Path(os.path.realpath(path))
    text = _current_text(target)
    new_text = _with_setting(text, key, value)
    if new_text == text:
        return target
    _verify(text, new_text, key, value)
    _write_atomic(target, new_text)
    return target


def _current_text(target: Path) -> str:
    if not target.exists():
        return ""
    config = load_config(target)
    broken = [p for p in config.problems if p.endswith("using the defaults")]
    if broken:
        raise NotSaved(f"{broken[0].rsplit(';', 1)[0]}: fix it first")
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise NotSaved(f"{target}: cannot read: {exc.strerror or exc}") from None
    return data.decode("utf-8")


def _scalar(value: str) -> str:
    if _PLAIN_SAFE.fullmatch(value) and value.lower() not in ("null", "true", "false", "yes", "no", "on", "off"):
        return value
    return yaml.safe_dump(value, default_style='"', width=10_000).strip().removesuffix("...").strip()


def _with_setting(text: str, key: str, value: str) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if root is None:
        newline = "\r\n" if "\r\n" in text else "\n"
        sep = "" if not text or text.endswith(("\n", "\r")) else newline
        return f"{text}{sep}{key}: {_scalar(value)}{newline}"
    if not isinstance(root, yaml.MappingNode):
        raise NotSaved("config.yaml does not hold a mapping of settings")
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            start, end = value_node.start_mark, value_node.end_mark
            if not isinstance(value_node, yaml.ScalarNode) or start.line != end.line:
                raise NotSaved(f"{key}: in config.yaml is not a one-line name; set it there by hand")
            if value_node.value == value and value_node.tag == "tag:yaml.org,2002:str":
                return text
            gap = " " if start.index == end.index else ""  # `theme:` with no value
            return text[: start.index] + gap + _scalar(value) + text[end.index :]
    if root.flow_style:
        raise NotSaved("config.yaml is written as one {...} mapping; set it there by hand")
    newline = "\r\n" if "\r\n" in text else "\n"
    sep = "" if text.endswith(("\n", "\r")) else newline
    return f"{text}{sep}{key}: {_scalar(value)}{newline}"


def _signature(node: yaml.Node | None) -> object:
    """What a document says, ignoring how it is written."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, tuple(_signature(n) for n in node.value))
    return (node.tag, tuple((_signature(k), _signature(v)) for k, v in node.value))


def _verify(old: str, new: str, key: str, value: str) -> None:
    def settings(text: str) -> tuple[dict, object]:
        root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
        pairs = root.value if isinstance(root, yaml.MappingNode) else []
        rest = tuple((_signature(k), _signature(v)) for k, v in pairs
                     if not (isinstance(k, yaml.ScalarNode) and k.value == key))
        mine = [v for k, v in pairs if isinstance(k, yaml.ScalarNode) and k.value == key]
        return rest, (_signature(mine[0]) if mine else None)

    old_rest, _ = settings(old)
    new_rest, new_value = settings(new)
    if old_rest != new_rest or new_value != ("tag:yaml.org,2002:str", value):
        raise NotSaved("config.yaml could not be edited safely; set it there by hand")


def _write_atomic(target: Path, text: str) -> None:
    """The annotation files' atomic write (temporary file, fsync, replace;
    the mode kept)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise NotSaved(f"{target}: cannot write: {exc.strerror or exc}") from None


def remember_theme(app) -> None:
    """Save a theme the user picks (ctrl+p, "theme") to the app's config
    file, so the next start opens with it. Not for a config given in code
    (``app.config.path`` None)."""
    saved = [app.theme]

    def chosen(theme) -> None:
        name = getattr(theme, "name", str(theme))
        if name == saved[0] or app.config.path is None:
            return
        saved[0] = name
        try:
            written = save_setting(app.config.path, "theme", name)
        except NotSaved as exc:
            app.notify(f"Theme {name} is used now but not saved: {exc}", title="Config", severity="warning")
        else:
            app.config.theme = name
            app.notify(f"Theme {name} saved in {written}", title="Config", timeout=4)

    app.theme_changed_signal.subscribe(app, chosen)
