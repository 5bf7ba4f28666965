"""Writing an export file so that a reader never sees half of it.

The text goes to a temporary file in the destination's folder, is flushed
and fsynced, then renamed over the destination with ``os.replace`` (atomic
on POSIX and Windows within one file system). An existing export is thus
either the old file or the new one, never a mix; if anything fails, the old
file is untouched and the temporary file is removed. A replaced file keeps
its permission bits; a new one gets the usual ``0o666 & ~umask``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The export could not be written; the message names the file."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    dest = Path(path)
    if dest.is_dir():
        raise OutputError(f"{dest}: is a folder (give a file name)")
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{dest}: folder {folder} does not exist")
    try:
        mode = stat.S_IMODE(dest.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError(f"{dest}: {exc.strerror or exc}") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, dest)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    _fsync_folder(folder)
    return dest


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip elsewhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
