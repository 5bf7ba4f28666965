"""Writing an export file so that a reader never sees half of it.

The bytes are written the way annotation files are (``annotations.store``'s
``write_atomic``: a temporary file in the same folder, fsynced, then
``os.replace``d over the destination, its permission bits kept), so an
existing export is either the old file or the new one, never a mix; if
anything fails the old file is untouched and the temporary file removed.
This module adds what an export needs on top: a destination checked first
(a folder, a missing folder) and every failure as an ``OutputError`` whose
message names the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotations import store


class OutputError(Exception):
    """The export could not be written; the message names the file."""


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    dest = Path(path)
    if dest.is_dir():
        raise OutputError(f"{dest}: is a folder (give a file name)")
    folder = dest.parent
    if not folder.is_dir():
        raise OutputError(f"{dest}: folder {folder} does not exist")
    try:
        store.write_atomic(dest, data)
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    return dest
