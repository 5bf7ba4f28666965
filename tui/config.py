"""The user's settings: ``config.yaml`` in the user config directory.

    theme: textual-dark          # any Textual theme name
    keymap:                      # binding id -> keys (comma separated)
      reader.next_sentence: "j,ctrl+n"
      app.help: "f1"
    tags:                        # the user's own tags on keys 3-9
      3: risk
      4: competition
    author: Dana Evan            # who new annotations are by (default: git config user.name)
    copy:                        # y: quote + citation (tui.config_copy)
      format: markdown

A missing file means defaults. A file that cannot be read at all (not UTF-8,
not YAML, nested or aliased past the guards annotation files have, too big,
not a regular file) is one line naming the file, and every setting keeps
its default; a single bad value is one line naming the file and the line,
and only that value is left out. So a typo never keeps the app from opening.

The document goes through the same guards as annotation files
(``transcripts.yaml_guard`` for nesting, ``annotations.yamlio.compose`` for
alias expansion), and values are checked on the composed nodes, before any
Python value is built: a 5,000-digit number or ``2024-02-30`` is never
converted, only found not to be a theme name.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from annotations.citation import CopySettings
from annotations.yamlio import YamlError, compose
from transcripts.locations import config_file
from transcripts.terminal_safe import one_line
from transcripts.yaml_guard import MAX_DEPTH, TooDeep, check_depth
from tui.config_copy import read_copy

DEFAULT_THEME = "textual-dark"
USER_TAG_KEYS = tuple(str(n) for n in range(3, 10))
MAX_CONFIG_BYTES = 1_000_000
"""A settings file is a few hundred bytes; anything this big is not one."""
SETTINGS = ("theme", "keymap", "tags", "author", "copy")
"""The top-level keys read here; others are reported as unknown (a typo)."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BINDING_ID = re.compile(r"[A-Za-z0-9_.\-]{1,100}")
_KEY = re.compile(r"[^\s,\x00-\x1f\x7f-\x9f]{1,40}")
_NAME = re.compile(r"[^\x00-\x1f\x7f-\x9f]{1,80}")


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    """Key ("3".."9") -> tag name."""
    author: str | None = None
    """Who new annotations are by; None: ``git config user.name``."""
    copy: CopySettings = field(default_factory=CopySettings)
    """How ``y`` copies a quote (format, citation template)."""
    problems: list[str] = field(default_factory=list)
    """One line per thing in the file we could not use."""
    path: Path | None = None
    theme_line: int | None = None
    """Where ``theme:`` is in the file (for the app's "unknown theme")."""

    def where(self, line: int | None = None) -> str:
        """``path`` or ``path:line`` for a message, terminal-safe."""
        name = one_line(str(self.path or "config.yaml"))
        return f"{name}:{line}" if line is not None else name


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    config = Config(path=path)
    text = _read(config)
    if text is None:
        return config
    root = _compose(config, text)
    if root is None:
        return config
    if not isinstance(root, yaml.MappingNode):
        _problem(config, root, "expected a mapping of settings (theme:, keymap:, tags:); using the defaults")
        return config
    seen: set[str] = set()
    for key_node, value_node in root.value:
        name = key_node.value if _is_str(key_node) else None
        if name in seen:
            _problem(config, key_node, f"{name} is given twice; the first one is used")
            continue
        if name is not None:
            seen.add(name)
        if name == "theme":
            _read_theme(config, value_node)
        elif name == "keymap":
            _read_keymap(config, value_node)
        elif name == "tags":
            _read_tags(config, value_node)
        elif name == "author":
            _read_author(config, value_node)
        elif name == "copy":
            config.copy = read_copy(value_node, lambda node, message: _problem(config, node, message))
        else:
            shown = one_line(str(key_node.value))[:40] if isinstance(key_node, yaml.ScalarNode) else "(not a name)"
            _problem(config, key_node, f"unknown setting {shown!r} (known: {', '.join(SETTINGS)}); ignored")
    return config


# -- reading the file ---------------------------------------------------------


def _read(config: Config) -> str | None:
    """The file's text, or None (missing, or a problem already recorded)."""
    path = config.path
    assert path is not None
    try:
        # Non-blocking: a FIFO named config.yaml must not hang the start.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        config.problems.append(f"{config.where()}: cannot read: {exc.strerror or exc}; using the defaults")
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            config.problems.append(f"{config.where()}: not a regular file; using the defaults")
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        config.problems.append(f"{config.where()}: cannot read: {exc.strerror or exc}; using the defaults")
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        config.problems.append(
            f"{config.where()}: larger than {MAX_CONFIG_BYTES:,} bytes, not a settings file; using the defaults"
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM some editors write
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        config.problems.append(
            f"{config.where(line)}: not UTF-8 text (byte 0x{data[exc.start]:02x}); using the defaults"
        )
        return None


def _compose(config: Config, text: str) -> yaml.Node | None:
    try:
        check_depth(text)
        return compose(text)
    except TooDeep as exc:
        config.problems.append(
            f"{config.where(exc.line)}: nests more than {MAX_DEPTH} levels deep; using the defaults"
        )
    except YamlError as exc:
        config.problems.append(f"{config.where(exc.line)}: {one_line(str(exc))}; using the defaults")
    except yaml.reader.ReaderError as exc:  # a raw control character
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        config.problems.append(
            f"{config.where(line)}: control character U+{code:04X} is not allowed in YAML "
            "(write it escaped, in double quotes); using the defaults"
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        config.problems.append(f"{config.where(line)}: not valid YAML ({one_line(str(exc.problem or exc))}); "
                               "using the defaults")
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        config.problems.append(f"{config.where()}: not valid YAML ({one_line(str(exc))}); using the defaults")
    return None


# -- the settings ---------------------------------------------------------------


def _line(node: yaml.Node) -> int | None:
    mark = node.start_mark
    return mark.line + 1 if mark is not None else None


def _problem(config: Config, node: yaml.Node, message: str) -> None:
    config.problems.append(f"{config.where(_line(node))}: {message}")


def _is_null(node: yaml.Node) -> bool:
    """``theme:`` with nothing after it: the default, said by leaving it empty."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _is_str(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR


def _scalar_text(node: yaml.Node) -> str | None:
    """A plain text or integer scalar as written (``3``, ``ctrl+n``), else
    None; the text is never converted, so its length does not matter."""
    if isinstance(node, yaml.ScalarNode) and node.tag in (_STR, _INT):
        return node.value
    return None


def _shown(node: yaml.Node) -> str:
    """A short, safe rendering of what the user wrote, for a message."""
    if isinstance(node, yaml.ScalarNode):
        value = one_line(node.value)
        return repr(value if len(value) <= 40 else value[:39] + "\u2026")
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _read_theme(config: Config, node: yaml.Node) -> None:
    if _is_null(node):
        return
    value = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
    if _is_str(node) and _NAME.fullmatch(value):
        config.theme = value
        config.theme_line = _line(node)
    else:
        _problem(config, node, f"theme: {_shown(node)} is not a theme name; using {DEFAULT_THEME}")


def _read_keymap(config: Config, node: yaml.Node) -> None:
    if _is_null(node):
        return
    if not isinstance(node, yaml.MappingNode):
        _problem(config, node, "keymap: must map binding ids to keys (reader.next_sentence: \"j,ctrl+n\"); ignored")
        return
    for id_node, keys_node in node.value:
        binding_id = _scalar_text(id_node)
        if binding_id is None or not _BINDING_ID.fullmatch(binding_id):
            _problem(config, id_node, f"keymap: {_shown(id_node)} is not a binding id; ignored")
            continue
        keys = _keys(keys_node)
        if keys is None:
            _problem(config, keys_node, f"keymap: {binding_id}: {_shown(keys_node)} is not a list of keys "
                                        "(comma separated, e.g. \"j,ctrl+n\"); ignored")
            continue
        config.keymap[binding_id] = keys


def _keys(node: yaml.Node) -> str | None:
    """``"j, ctrl+n"`` or ``[j, ctrl+n]`` as Textual's ``"j,ctrl+n"``."""
    if isinstance(node, yaml.SequenceNode):
        parts = [_scalar_text(n) for n in node.value]
        if any(p is None for p in parts):
            return None
    else:
        text = _scalar_text(node)
        if text is None:
            return None
        parts = text.split(",")
    keys = [p.strip() for p in parts if p is not None]
    if not keys or not all(_KEY.fullmatch(k) for k in keys):
        return None
    return ",".join(keys)


def _read_tags(config: Config, node: yaml.Node) -> None:
    if _is_null(node):
        return
    if not isinstance(node, yaml.MappingNode):
        _problem(config, node, "tags: must map keys 3-9 to tag names (3: risk); ignored")
        return
    for key_node, tag_node in node.value:
        key = _scalar_text(key_node)
        if key is None or key.strip() not in USER_TAG_KEYS:
            _problem(config, key_node, f"tags: key {_shown(key_node)} must be one of 3-9; ignored")
            continue
        tag = tag_node.value.strip() if _is_str(tag_node) else ""
        if not _NAME.fullmatch(tag):
            _problem(config, tag_node, f"tags: {key.strip()}: {_shown(tag_node)} is not a tag name; ignored")
            continue
        config.tags[key.strip()] = tag


def _read_author(config: Config, node: yaml.Node) -> None:
    if _is_null(node):
        return
    value = node.value.strip() if _is_str(node) else ""
    if not _NAME.fullmatch(value):
        _problem(config, node, f"author: {_shown(node)} is not a name; using git config user.name")
        return
    config.author = value
