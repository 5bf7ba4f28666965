"""The one way an annotation file's bytes are read: never more than the
size limit, whoever asks (the store, the corpus's ``call:`` corrections and
annotation counts, tag completion).

``earmark calls`` used to read a 100 MB file in full just to count its
annotations (229 MB of memory). The size is looked at on the open file
descriptor and the read itself stops one byte past the limit, so a file
that grows between the look and the read is still refused."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from transcripts.sidecar import MAX_SIDECAR_BYTES


class SidecarTooBig(OSError):
    """The file is over ``MAX_SIDECAR_BYTES``; nothing was read."""

    def __init__(self, path: Path, size: int) -> None:
        limit = MAX_SIDECAR_BYTES // (1024 * 1024)
        super().__init__(f"file is {size / 1e6:.1f} MB, over the {limit} MB limit; not read")
        self.path = path
        self.size = size


class NotAFile(OSError):
    """A FIFO, device or socket where an annotation file should be."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file; not read")
        self.path = path


def read_sidecar_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes and the ``stat`` of the open file; raises ``SidecarTooBig``,
    ``NotAFile`` or ``OSError`` (``FileNotFoundError`` when there is none).
    Opened without blocking, so a FIFO is refused instead of hanging."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path)
        if st.st_size > MAX_SIDECAR_BYTES:
            raise SidecarTooBig(path, st.st_size)
        data = f.read(MAX_SIDECAR_BYTES + 1)
    if len(data) > MAX_SIDECAR_BYTES:
        raise SidecarTooBig(path, max(len(data), st.st_size))
    return data, st
