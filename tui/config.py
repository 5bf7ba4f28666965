"""The user's settings: ``config.yaml`` in the user config directory.

    theme: textual-dark          # any Textual theme name
    keymap:                      # binding id -> keys (comma separated)
      reader.next_sentence: "j,ctrl+n"
      app.help: "f1"
    tags:                        # the user's own tags on keys 3-9
      3: risk
      4: competition

A missing file means defaults; a broken file is reported (one line naming
the file) and defaults are used, so a typo never keeps the app from opening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from transcripts.locations import config_file

DEFAULT_THEME = "textual-dark"
USER_TAG_KEYS = tuple(str(n) for n in range(3, 10))


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    """Key ("3".."9") -> tag name."""
    problems: list[str] = field(default_factory=list)
    """One line per thing in the file we could not use."""
    path: Path | None = None


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    config = Config(path=path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        return config
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        config.problems.append(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})")
        return config
    if not isinstance(data, dict):
        config.problems.append(f"{path}: expected a mapping of settings")
        return config
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            config.problems.append(f"{path}: theme must be a theme name")
    keymap = data.get("keymap") or {}
    if isinstance(keymap, dict):
        for binding_id, keys in keymap.items():
            if isinstance(keys, (list, tuple)):
                keys = ",".join(str(k) for k in keys)
            if isinstance(binding_id, str) and isinstance(keys, str) and keys.strip():
                config.keymap[binding_id] = keys.replace(" ", "")
            else:
                config.problems.append(f"{path}: keymap entry {binding_id!r} must map a binding id to keys")
    else:
        config.problems.append(f"{path}: keymap must map binding ids to keys")
    tags = data.get("tags") or {}
    if isinstance(tags, dict):
        for key, tag in tags.items():
            key = str(key)
            if key in USER_TAG_KEYS and isinstance(tag, str) and tag.strip():
                config.tags[key] = tag.strip()
            else:
                config.problems.append(f"{path}: tags: key {key!r} must be 3-9 with a tag name")
    else:
        config.problems.append(f"{path}: tags must map keys 3-9 to tag names")
    return config
