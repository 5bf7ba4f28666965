"""An advisory lock around read-merge-write of one annotation file, so that
writers that take it (the app, ``earmark tag``, scripts through the Python
API) queue instead of racing. Writers that do not (a hand edit, ``git
pull``) are still caught by the merge in ``annotations.session``.

The lock is ``fcntl.flock`` on ``.<name>.lock`` beside the file (beside the
link's target when the file is a symlink). The holder removes the lock file
when it is done, so none are left in a user's folder; a waiter that wakes up
holding a lock on a file that was removed meanwhile tries again on the new
one, so two writers never both think they hold it. A process killed while
holding it releases it (the kernel drops flocks of dead processes).

Where no lock can be had (no ``fcntl``, a read-only folder, a holder that
does not let go within ``timeout``) the caller goes on without one, relying
on the merge: a lock may make saving wait, never fail.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
DEFAULT_TIMEOUT = 5.0
"""The app saves on the UI thread between keys: wait at most this long."""


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


@contextmanager
def locked(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[bool]:
    """Hold the write lock of ``path`` for the ``with`` block; yields whether
    it is held (False: go on, merging, without it)."""
    fd = _acquire(lock_path_for(path), timeout) if fcntl is not None else None
    try:
        yield fd is not None
    finally:
        if fd is not None:
            _release(lock_path_for(path), fd)


def _acquire(lock: Path, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None  # a folder we cannot write in: no lock, the merge still holds
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            continue
        except OSError:  # a file system without flock
            os.close(fd)
            return None
        if _still_there(lock, fd):
            return fd
        os.close(fd)  # the holder before us removed it: lock the new one


def _still_there(lock: Path, fd: int) -> bool:
    try:
        here, held = os.stat(lock), os.fstat(fd)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def _release(lock: Path, fd: int) -> None:
    try:
        os.unlink(lock)  # while still holding it: a waiter on it retries
    except OSError:
        pass
    os.close(fd)
