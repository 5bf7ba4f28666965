"""Annotation files on disk: reading them safely, saving them atomically, and
never overwriting what someone else wrote meanwhile.

- A file over the size limit, not UTF-8, not valid YAML or failing validation
  is *read-only*: it is reported (``file:line: message``) and never written,
  so a hand edit gone wrong can be fixed without losing anything.
- Saving writes a temporary file in the same folder, flushes and fsyncs it,
  then ``os.replace``\\ s it over the old one: a crash at any moment leaves the
  old file or the new one, never half of one.
- Before writing, the file on disk is compared with what was read. If it
  changed (another window, a ``git pull``, a hand edit), the changes are
  merged by annotation id instead of overwritten (see ``annotations.merge``).
  The file is looked at once more right before the replace (a ``stat``, so
  it costs nothing), which leaves only the microseconds between that look
  and the rename itself for a concurrent writer to slip into. Writers that
  take the lock of ``annotations.file_lock`` do not race at all.
- A file that is read-only on disk (``chmod a-w``) is respected: it is read
  and shown, never written (``Loaded.protected``). A symlink is written
  through to its target; a pipe or device is never read nor replaced.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from annotations import atomic_write, codec
from annotations.model import AnnotationFile
from transcripts.model import Problem
from transcripts.sidecar import sidecar_path
from transcripts.sidecar_read import NotAFile, SidecarTooBig, read_sidecar_bytes

@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like when read; sha256 decides, size and mtime are
    kept for messages and quick checks."""

    size: int
    mtime_ns: int
    sha256: str
    ino: int = 0
    nlink: int = 1
    """Names the file has; more than one means a replace splits them."""


@dataclass(slots=True)
class Loaded:
    file: AnnotationFile
    problems: list[Problem] = field(default_factory=list)
    fingerprint: Fingerprint | None = None
    """None when there was no file."""
    protected: str = ""
    """Why a valid file must not be written (it is read-only on disk)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def read_only(self) -> bool:
        return bool(self.errors) or bool(self.protected)

    @property
    def reason(self) -> str:
        errors = self.errors
        if not errors:
            return f"{self.protected}; annotations of this call are read-only" if self.protected else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{errors[0]}{more}; annotations are read-only until the file is fixed"


def _read_bytes(path: Path) -> tuple[bytes, Fingerprint] | None:
    """The file's bytes and fingerprint, None when it does not exist;
    raises ``OSError`` (``SidecarTooBig`` over the size limit)."""
    try:
        data, st = read_sidecar_bytes(path)
    except FileNotFoundError:
        return None
    return data, Fingerprint(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest(), st.st_ino, st.st_nlink)


def parse_bytes(data: bytes, path: Path, transcript_name: str) -> tuple[AnnotationFile, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        empty = AnnotationFile(path=path, transcript=transcript_name)
        return empty, [Problem(str(path), "not valid UTF-8 text", line)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return codec.read_text(text, path, transcript_name)


def load(path: Path, transcript_name: str) -> Loaded:
    """Read one annotation file (a missing file is an empty, writable one)."""
    empty = AnnotationFile(path=path, transcript=transcript_name)
    try:
        got = _read_bytes(path)
    except SidecarTooBig as exc:
        return Loaded(empty, [Problem(str(path), exc.strerror or str(exc))])
    except NotAFile:
        try:
            kind = atomic_write.describe_kind(os.stat(path).st_mode)
        except OSError:
            kind = "not a regular file"
        return Loaded(empty, [Problem(str(path), f"is {kind}, not an annotation file; not read")])
    except IsADirectoryError:
        return Loaded(empty, [Problem(str(path), "is a folder, not an annotation file")])
    except OSError as exc:
        return Loaded(empty, [Problem(str(path), f"cannot read: {exc.strerror or exc}")])
    if got is None:
        return Loaded(empty)
    data, fp = got
    af, problems = parse_bytes(data, path, transcript_name)
    return Loaded(af, problems, fp, protection(path))


def load_for(transcript: str | Path) -> Loaded:
    t = Path(transcript)
    return load(sidecar_path(t), t.name)


class ChangedMeanwhile(Exception):
    """The file changed on disk after it was compared; nothing was written."""


_ABSENT = object()


def _unchanged_since(path: Path, expect: Fingerprint | None) -> bool:
    """Whether ``path`` still looks as it did when ``expect`` was taken
    (None: it did not exist)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return expect is None
    if expect is None:
        return False
    return (st.st_size, st.st_mtime_ns, st.st_ino) == (expect.size, expect.mtime_ns, expect.ino or st.st_ino)


def write_atomic(path: Path, data: bytes, expect: Fingerprint | None | object = _ABSENT) -> Fingerprint:
    """Replace ``path`` with ``data`` so that readers (and a crash) see the old
    bytes or the new ones, never a mix (see ``annotations.atomic_write``:
    through symlinks, keeping mode, owner and group, never over a pipe or
    device).

    With ``expect`` (what the file looked like when the caller compared it,
    None for "did not exist"), the file is checked again right before the
    replace and ``ChangedMeanwhile`` is raised, nothing written, when it
    changed: the caller merges again instead of overwriting."""
    check = None
    if expect is not _ABSENT:
        check = lambda target: _unchanged_since(target, expect)  # type: ignore[arg-type]  # noqa: E731
    try:
        st = atomic_write.replace_file(path, data, check)
    except InterruptedError:
        raise ChangedMeanwhile(str(path)) from None
    return Fingerprint(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest(), st.st_ino, st.st_nlink)


def remove_if_unchanged(path: Path, expect: Fingerprint) -> None:
    """Delete the annotation file (nothing a user wrote is left in it),
    unless it changed since ``expect``; raises ``ChangedMeanwhile``."""
    if not _unchanged_since(path, expect):
        raise ChangedMeanwhile(str(path))
    path.unlink()
    atomic_write.fsync_dir(path.parent)


def protection(path: Path) -> str:
    """Why Earmark must not write ``path`` although it could read it: the
    user made it read-only (no write bit, or none for this user). Empty
    when it may be written or does not exist. Root can write anything, so
    the mode bits, not ``access``, say what the owner meant."""
    try:
        st = path.stat()
    except OSError:
        return ""
    if not stat.S_ISREG(st.st_mode):
        return ""
    if not st.st_mode & 0o222:
        return f"{path}: the file is read-only (mode {stat.filemode(st.st_mode)})"
    if not os.access(path, os.W_OK):
        return f"{path}: the file is read-only for you (mode {stat.filemode(st.st_mode)})"
    return ""


def read_current(path: Path) -> tuple[bytes, Fingerprint] | None:
    """Bytes and fingerprint as on disk now (for the save-time comparison)."""
    try:
        return _read_bytes(path)
    except SidecarTooBig as big:
        raise OSError(f"file grew to {big.size / 1e6:.1f} MB, over the limit") from None
    except _NotRegular as odd:
        raise OSError(f"is now {odd.kind}, not an annotation file") from None
