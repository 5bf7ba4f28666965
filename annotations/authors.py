"""Who writes and who reviews annotations, and the filter words about them.

A team shares annotation files through git, so the author of a new
annotation defaults to the name git already knows (``git config
user.name``, asked in the annotation file's folder so a repository's own
setting wins); the config's ``author:`` overrides it. git is asked once per
folder and never fails loudly: without git, or with no name set, an
annotation simply has no author.

``author:`` and ``reviewed:`` filter words (parsed by search's
``parse_query``) are judged here on an annotation's author and review, with
the typos forgiven that names get everywhere else.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any, Iterable, Mapping

from transcripts.search.query import Filter, name_matches
from transcripts.terminal_safe import one_line

GIT_TIMEOUT = 3.0
"""Seconds to wait for ``git config``: a hung git must not hold up a save."""

_configured: str | None = None
_git_names: dict[str, str] = {}


def configure(name: str | None) -> None:
    """The author the user set (config ``author:``); None: ask git."""
    global _configured
    _configured = " ".join(name.split()) if name and name.strip() else None


def git_user_name(folder: Path | str | None = None) -> str:
    """``git config user.name`` as seen from ``folder`` ("" when git is
    missing, fails, or has no name); cached per folder."""
    where = str(Path(folder).resolve()) if folder is not None else os.getcwd()
    cached = _git_names.get(where)
    if cached is not None:
        return cached
    name = ""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], cwd=where if os.path.isdir(where) else None,
            capture_output=True, text=True, timeout=GIT_TIMEOUT, stdin=subprocess.DEVNULL,
        )
        if done.returncode == 0:
            name = one_line(" ".join(done.stdout.split()))
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        name = ""
    _git_names[where] = name
    return name


def known(folder: Path | str) -> bool:
    """Whether the author for ``folder`` needs no git call any more."""
    return _configured is not None or str(Path(folder).resolve()) in _git_names


def current_author(folder: Path | str | None = None) -> str:
    """The configured author, else git's user name for ``folder``."""
    return _configured if _configured is not None else git_user_name(folder)


def forget() -> None:
    """Drop what was configured and cached (tests; a changed config)."""
    configure(None)
    _git_names.clear()


# -- the filter words -----------------------------------------------------


_NOT = frozenset({"", "no", "n", "false", "0", "not", "none"})


def reviewer(reviewed: Mapping[str, Any] | None, hand: Any = None) -> str | None:
    """Who reviewed (``""`` when the review names nobody), or None when the
    annotation is not reviewed. ``hand``: a ``reviewed:`` key written by
    hand in another shape (``reviewed: yes``, ``reviewed: kim``), which
    counts as the user meant it."""
    if reviewed is not None:
        by = reviewed.get("by")
        return by if isinstance(by, str) else ""
    if isinstance(hand, str):
        return None if hand.strip().casefold() in _NOT else ("" if hand.strip().casefold() in ("yes", "y", "true") else hand.strip())
    if hand is True or (type(hand) is int and hand != 0):
        return ""
    return None


def review_of(a: Any) -> str | None:
    """``reviewer`` of an annotation (or export record): its ``reviewed``
    and its hand-written ``reviewed:`` key."""
    return reviewer(a.reviewed, a.extra.get("reviewed"))


def people_match(filters: Iterable[Filter], author: str, reviewed_by: str | None) -> bool:
    """``author:`` and ``reviewed:`` (yes, no, or who reviewed) against one
    annotation. Different keys must all pass; one key given twice passes
    either value."""
    authors = [f.value for f in filters if f.key == "author"]
    reviews = [f.value for f in filters if f.key == "reviewed"]
    if authors and not (author and any(name_matches(v, [author]) for v in authors)):
        return False
    if reviews and not any(_review_matches(v, reviewed_by) for v in reviews):
        return False
    return True


def _review_matches(value: str, reviewed_by: str | None) -> bool:
    if value == "yes":
        return reviewed_by is not None
    if value == "no":
        return reviewed_by is None
    return bool(reviewed_by) and name_matches(value, [reviewed_by])
