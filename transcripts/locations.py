"""Every path Earmark writes outside the user's own folders, in one place.

Tests and power users point ``EARMARK_HOME`` at a folder to keep data, cache
and config together there; each can also be set on its own
(``EARMARK_DATA_DIR``, ``EARMARK_CACHE_DIR``, ``EARMARK_CONFIG_DIR``).
Otherwise the platform's conventional user directories are used.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "earmark"
SAMPLES_DIR = Path(__file__).parent / "samples"


def _dir(specific_var: str, home_sub: str, default: str) -> Path:
    specific = os.environ.get(specific_var)
    if specific:
        return Path(specific).expanduser()
    home = os.environ.get("EARMARK_HOME")
    if home:
        return Path(home).expanduser() / home_sub
    return Path(default)


def data_dir() -> Path:
    return _dir("EARMARK_DATA_DIR", "data", platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    return _dir("EARMARK_CACHE_DIR", "cache", platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    return _dir("EARMARK_CONFIG_DIR", "config", platformdirs.user_config_dir(APP_NAME))


def config_file() -> Path:
    return config_dir() / "config.yaml"


CONFIG_OVERRIDE_HINT = "EARMARK_CONFIG_DIR=DIR reads DIR/config.yaml; EARMARK_HOME=DIR reads DIR/config/config.yaml"
"""How to point Earmark at another config, said wherever the path is shown."""

CONFIG_PLATFORM_PATHS = (
    ("Linux", "~/.config/earmark/config.yaml (or $XDG_CONFIG_HOME/earmark/config.yaml)"),
    ("macOS", "~/Library/Application Support/earmark/config.yaml"),
    ("Windows", "%LOCALAPPDATA%\\earmark\\earmark\\config.yaml"),
)
"""Where platformdirs puts it by default, for the help texts."""


def user_samples_dir() -> Path:
    """Where the writable copy of the bundled samples lives (see
    ``transcripts.samples.ensure_user_samples``)."""
    return data_dir() / "samples"
