"""Replacing a file on disk the way a careful person would, by hand.

- Atomically: a temporary file in the same folder, flushed and fsynced, then
  ``os.replace``: a crash leaves the old bytes or the new ones.
- Through links: a symlink is followed to its target, and the target is
  replaced in *its* folder, so the link (and everyone sharing the target)
  keeps pointing at the new content instead of the link becoming a copy.
- Keeping what the file was: its permission bits, its owner when we may set
  it, and its group.
- Never over something that is not a regular file: a pipe, socket or
  device is refused here (``NotRegularFile``); the export command writes
  through to pipes and terminals itself (``write_through``).

Temporary files are named ``.<name>.earmark-XXXXXXXX.tmp`` so that the ones
a killed process left behind can be told from anyone else's and removed
once they are old (``remove_stale_temps``).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable

_UMASK = os.umask(0)
os.umask(_UMASK)

TEMP_MARK = ".earmark-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 120
"""A temporary file this old has no writer left (a save takes milliseconds)."""
MAX_LINK_HOPS = 40


class NotRegularFile(OSError):
    """The path is a pipe, socket, device or folder: never renamed over."""


def describe_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def final_target(path: Path) -> Path:
    """``path`` with every symlink on it followed (a chain, relative links);
    the path itself when it is not a link. Raises ``OSError`` (ELOOP) for a
    loop."""
    p = Path(path)
    for _ in range(MAX_LINK_HOPS):
        if not p.is_symlink():
            return p
        link = os.readlink(p)
        p = Path(link) if os.path.isabs(link) else p.parent / link
    raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path))


def replace_file(
    path: Path,
    data: bytes,
    still_ok: Callable[[Path], bool] | None = None,
) -> os.stat_result:
    """Replace the regular file at ``path`` (or create it) with ``data``.

    ``still_ok(target)`` is asked right before the rename; when it says no,
    nothing is written and ``ChangedMeanwhile`` style handling is the
    caller's (it gets ``InterruptedError``). Returns the new file's stat."""
    target = final_target(Path(path))
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise NotRegularFile(errno.EINVAL, f"is {describe_kind(old.st_mode)}; never replaced", str(path))
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _keep_owner_and_mode(tmp, old)
        if still_ok is not None and not still_ok(target):
            raise InterruptedError(str(path))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)
    remove_stale_temps(target)
    return os.stat(target)


def _keep_owner_and_mode(tmp: str, old: os.stat_result | None) -> None:
    """The new file gets the old one's owner and group (as far as we may
    set them) and then its mode (chown clears set-id bits, so mode last)."""
    if old is None:
        os.chmod(tmp, 0o666 & ~_UMASK)
        return
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:
            try:
                os.chown(tmp, -1, old.st_gid)
            except OSError:
                pass  # not a member of that group: the folder's default stays
    os.chmod(tmp, stat.S_IMODE(old.st_mode))


def write_through(path: Path, data: bytes) -> None:
    """Write ``data`` into an existing pipe or terminal (``-o /dev/stdout``,
    a FIFO a reader waits on): opened for writing, never created, never
    renamed over. Raises ``OSError``."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every platform allows it."""
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


_OURS = re.compile(r"^\..+(\.earmark-[a-z0-9_]{4,}|\.[A-Za-z0-9_]{4,})\.tmp$")
"""Our temporary names: ``.<name>.earmark-XXXXXXXX.tmp``, and the
``.<name>.XXXXXXXX.tmp`` of earlier versions."""


def remove_stale_temps(path: Path) -> None:
    """Leftovers of ``path``'s earlier saves killed before their rename."""
    prefix = f".{path.name}."
    _remove_old(path.parent, lambda name: name.startswith(prefix))


_cleaned: set[str] = set()


def remove_stale_temps_in(folder: Path, names_end: tuple[str, ...]) -> None:
    """On start (once per folder per process): leftovers of any annotation
    file in ``folder`` (temporary names ending in ``names_end`` + the
    temporary part), only ours and only old ones."""
    key = str(folder)
    if key in _cleaned:
        return
    _cleaned.add(key)

    def wanted(name: str) -> bool:
        base = name[1:].rsplit(".", 2)[0] if name.count(".") >= 3 else ""
        return base.endswith(names_end)

    _remove_old(folder, wanted)


def _remove_old(folder: Path, wanted: Callable[[str], bool]) -> None:
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        if not (_OURS.match(e.name) and wanted(e.name)):
            continue
        try:
            st = e.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_TEMP_SECONDS:
                os.unlink(e.path)
        except OSError:
            pass
