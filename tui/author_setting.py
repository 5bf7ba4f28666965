"""The config's ``author:`` handed to ``annotations.authors``, for the app
and for the commands that write annotations (``tag``, ``suggest --accept``).
Without it, new annotations are by ``git config user.name``."""

from __future__ import annotations

from annotations import authors
from tui.config import Config, load_config


def apply_author_setting(config: Config | None = None) -> str:
    """Configure the author from ``config`` (the user's file when None);
    returns the author new annotations get in the working folder."""
    config = config if config is not None else load_config()
    authors.configure(config.author)
    return authors.current_author()
