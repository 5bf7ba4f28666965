"""Writing an export file so that a reader never sees half of it, and never
harming what is at the destination.

- A regular file (or a new name) is written the way annotation files are
  (``annotations.store``'s ``write_atomic``: a temporary file in the same
  folder, fsynced, then ``os.replace``\\ d over the destination, its mode,
  owner and group kept), so an existing export is either the old file or
  the new one, never a mix.
- A symlink is written through: its target is replaced in the target's own
  folder and the link stays a link.
- A named pipe or a terminal (``-o /dev/stdout``, a FIFO a reader waits on)
  is written into, as a shell's ``>`` would: nothing is created or renamed
  there, so no atomic replace either.
- Anything else that is not a regular file (a block device, a socket) is
  refused with a message; nothing is ever renamed over it.

Every failure is an ``OutputError`` whose message names the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotations import atomic_write, store


class OutputError(Exception):
    """The export could not be written; the message names the file."""


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    dest = Path(path)
    try:
        st = os.stat(dest)  # through links
    except FileNotFoundError:
        st = None  # a new file, or a link to a file not made yet
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{dest}: is a folder (give a file name)")
    if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        try:
            atomic_write.write_through(dest, data)
        except OSError as exc:
            raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
        return dest
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = atomic_write.describe_kind(st.st_mode)
        raise OutputError(f"{dest}: is {kind}; an export writes only to a file, a pipe or a terminal")
    try:
        folder = atomic_write.final_target(dest).parent
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    if not folder.is_dir():
        raise OutputError(f"{dest}: folder {folder} does not exist")
    try:
        store.write_atomic(dest, data)
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    return dest
