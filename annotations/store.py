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
  and the rename itself for a concurrent writer to slip into.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from annotations import codec
from annotations.model import AnnotationFile
from transcripts.model import Problem
from transcripts.sidecar import sidecar_path
from transcripts.sidecar_read import NotAFile, SidecarTooBig, read_sidecar_bytes

_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like when read; sha256 decides, size and mtime are
    kept for messages and quick checks."""

    size: int
    mtime_ns: int
    sha256: str
    ino: int = 0


@dataclass(slots=True)
class Loaded:
    file: AnnotationFile
    problems: list[Problem] = field(default_factory=list)
    fingerprint: Fingerprint | None = None
    """None when there was no file."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def read_only(self) -> bool:
        return bool(self.errors)

    @property
    def reason(self) -> str:
        errors = self.errors
        if not errors:
            return ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{errors[0]}{more}; annotations are read-only until the file is fixed"


def _read_bytes(path: Path) -> tuple[bytes, Fingerprint] | None:
    """The file's bytes and fingerprint, None when it does not exist;
    raises ``OSError`` (``SidecarTooBig`` over the size limit)."""
    try:
        data, st = read_sidecar_bytes(path)
    except FileNotFoundError:
        return None
    return data, Fingerprint(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest(), st.st_ino)


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
    except (SidecarTooBig, NotAFile) as exc:
        return Loaded(empty, [Problem(str(path), exc.strerror or str(exc))])
    except IsADirectoryError:
        return Loaded(empty, [Problem(str(path), "is a folder, not an annotation file")])
    except OSError as exc:
        return Loaded(empty, [Problem(str(path), f"cannot read: {exc.strerror or exc}")])
    if got is None:
        return Loaded(empty)
    data, fp = got
    af, problems = parse_bytes(data, path, transcript_name)
    return Loaded(af, problems, fp)


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
    bytes or the new ones, never a mix.

    With ``expect`` (what the file looked like when the caller compared it,
    None for "did not exist"), the file is checked again right before the
    replace and ``ChangedMeanwhile`` is raised, nothing written, when it
    changed: the caller merges again instead of overwriting."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        if expect is not _ABSENT and not _unchanged_since(path, expect):  # type: ignore[arg-type]
            raise ChangedMeanwhile(str(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)
    _remove_stale_temps(path)
    st = path.stat()
    return Fingerprint(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest(), st.st_ino)


STALE_TEMP_SECONDS = 120


def _remove_stale_temps(path: Path) -> None:
    """A process killed between creating its temporary file and the replace
    leaves the temporary file behind (the annotation file itself is whole).
    Remove such leftovers once they are old enough that no other writer can
    still be using them."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def _fsync_dir(folder: Path) -> None:
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


def read_current(path: Path) -> tuple[bytes, Fingerprint] | None:
    """Bytes and fingerprint as on disk now (for the save-time comparison)."""
    try:
        return _read_bytes(path)
    except SidecarTooBig as big:
        raise OSError(f"file grew to {big.size / 1e6:.1f} MB, over the limit") from None
