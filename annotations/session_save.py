"""Saving a call's annotations: the merge with what changed on disk, the
checks that nothing invalid is ever written, and the recovery file that
keeps edits a save could not write.

A mixin of ``annotations.session.CallAnnotations`` (its state: ``file``,
``path``, ``call``, the fingerprint and base of the last read or write,
``dirty``, the recovery bookkeeping), kept apart because saving is its own
idea: everything here runs under the file's lock, and every path out of it
either wrote the file or kept the edits.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from annotations import atomic_write, file_lock, recovery, store
from annotations.codec import items_data, to_text
from annotations.merge import merge, snapshot
from annotations.model import AnnotationFile

SAVE_ATTEMPTS = 3
"""A file that changes on disk between the check and the replace is merged
again; after this many tries the save gives up (the edits stay pending)."""


@dataclass(slots=True)
class SaveResult:
    state: str
    """``saved``, ``merged``, ``unchanged``, ``read-only`` or ``error``."""
    message: str = ""
    detail: str = ""
    """The error in a few words, for the status bar."""
    kept_in: Path | None = None
    """Where the unsaved edits were copied when the save failed."""
    warnings: list[str] = field(default_factory=list)
    """Worth telling although the save worked (a hard link split)."""

    @property
    def ok(self) -> bool:
        return self.state in ("saved", "merged", "unchanged")


class Saving:
    """``save`` and ``write_copy`` of ``CallAnnotations``."""

    def save(self, lock_timeout: float = file_lock.DEFAULT_TIMEOUT) -> SaveResult:
        """Write the annotations now, merging edits made on disk meanwhile.
        Never writes a file that is invalid (ours or the one on disk).

        Nothing the user did is ever dropped: when the save cannot happen
        (the file on disk turned invalid, an OS error), the edits stay
        pending in memory and are copied to a recovery file beside the
        transcript (``recovery_path``); the next save tries again and, once
        the file is valid, merges them in by annotation id."""
        if self.read_only and not self.dirty:
            return SaveResult("read-only", self.read_only_reason)
        try:
            target = atomic_write.final_target(self.path)
        except OSError:
            target = self.path  # a link loop: reading reports it below
        with file_lock.locked(target, lock_timeout):
            result = self._save_attempts()
        if result.ok:
            self._drop_recovery()
            return result
        return self._keep_pending(result)

    def _save_attempts(self) -> SaveResult:
        for _ in range(SAVE_ATTEMPTS):
            result = self._save_once()
            if result is not None:
                return result
        return SaveResult(
            "error", f"{self.path}: not saved: the file kept changing on disk while saving",
            "the file kept changing on disk",
        )

    def _save_once(self) -> SaveResult | None:
        """One attempt; None when the file changed on disk between the
        comparison and the replace (the caller merges again)."""
        af = self.file
        af.sha256 = self.call.sha256
        af.transcript = self.transcript_path.name
        message = ""
        state = "saved"
        try:
            current = store.read_current(self.path)
        except OSError as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return SaveResult("error", f"{self.path}: cannot read before saving: {reason}", reason)
        protected = store.protection(self.path)
        if protected:
            self.read_only_reason = f"{protected}; nothing is written to it until it is writable again"
            return SaveResult("error", self.read_only_reason, "the file is read-only")
        before = self._fingerprint.sha256 if self._fingerprint else None
        now = current[1].sha256 if current else None
        if now != before:
            if current is None:
                message = f"{self.path.name} had been removed on disk; written again"
            else:
                theirs, problems = store.parse_bytes(current[0], self.path, self.transcript_path.name)
                errors = [p for p in problems if p.severity == "error"]
                if errors:
                    self.problems = problems
                    self.read_only_reason = (
                        f"{errors[0]}; the file changed on disk and is not valid, "
                        "so nothing is written to it until it is fixed"
                    )
                    return SaveResult("error", self.read_only_reason, "the file on disk is not valid")
                self._place(theirs)
                merged, report = merge(self._base, af, theirs)
                merged.sha256, merged.transcript = af.sha256, af.transcript
                self.file = af = merged
                # What is on disk is now part of ours: a retry (or a later
                # save) merges relative to it, not to what was first read.
                self._base = snapshot(theirs)
                self._fingerprint = current[1]
                message = f"{self.path.name}: {report.message()}"
                state = "merged"
                if report.added or report.changed or report.removed:
                    # Older undo (and redo) steps predate the edits merged in
                    # from disk: stepping to them would silently drop those edits.
                    self.history.clear()
        if self.read_only:  # the file is valid again (fixed, or restored)
            self.read_only_reason = ""
            self.problems = []
            message = message or f"{self.path.name} is valid again: your pending edits are saved"
        items = items_data(af)
        try:
            data = to_text(af, items).encode("utf-8")
        except (UnicodeEncodeError, yaml.YAMLError) as exc:  # text that is not valid Unicode
            return SaveResult("error", f"{self.path}: not saved: {exc}", "text that cannot be written")
        warnings = []
        if current is not None and current[1].nlink > 1:
            warnings.append(
                f"{self.path}: had {current[1].nlink} hard links; the saved file is a new file, "
                "so the other names still show the old annotations (use a symlink to share one file)"
            )
        try:
            if _nothing_written_by_a_user(af, data):
                fp = self._remove_empty(current)
                message = message or f"{self.path.name}: no annotations left; file removed"
            else:
                fp = store.write_atomic(self.path, data, expect=current[1] if current else None)
        except store.ChangedMeanwhile:
            return None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return SaveResult("error", f"{self.path}: not saved: {reason}", reason)
        self._fingerprint = fp
        self._base = snapshot(af, items)
        self.dirty = False
        return SaveResult(state, message or f"saved {self.path.name}", warnings=warnings)

    def _remove_empty(self, current: tuple[bytes, store.Fingerprint] | None) -> store.Fingerprint | None:
        """Nothing a user wrote is left: remove the file rather than keep
        ``annotations: []``. A linked file (symlink or hard link) is shared,
        so it is emptied instead, keeping the link."""
        if current is None:
            return None
        if self.path.is_symlink() or current[1].nlink > 1:
            data = to_text(self.file).encode("utf-8")
            return store.write_atomic(self.path, data, expect=current[1])
        store.remove_if_unchanged(self.path, current[1])
        return None

    def write_copy(self, path: Path) -> Path:
        """Write this call's annotations, pending edits included, to a file
        the user chose (quitting with edits that could not be saved). An
        existing file is never written over; raises ``OSError``."""
        path = Path(path).expanduser()
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, "a file of that name exists already; give a new name", str(path))
        head = recovery.header(self.path.name, "they could not be saved when Earmark was quit")
        try:
            data = (head + to_text(self.file)).encode("utf-8")
        except (UnicodeEncodeError, yaml.YAMLError) as exc:
            raise OSError(errno.EINVAL, str(exc), str(path)) from None
        store.write_atomic(path, data, expect=None)
        return path

    # -- recovery ----------------------------------------------------------

    def _keep_pending(self, result: SaveResult) -> SaveResult:
        """Copy the pending edits to a recovery file, and say where."""
        if not self.dirty:
            return result
        where, failure = self._write_recovery(result.message)
        if where is not None:
            kept = f"your unsaved edits are kept (in memory, and in {where})"
        else:
            kept = f"your unsaved edits are kept in memory only (no recovery file: {failure})"
        return SaveResult(result.state, f"{result.message}; {kept}", result.detail, where)

    def _write_recovery(self, reason: str) -> tuple[Path | None, str]:
        """Beside the transcript, else in the data folder (a read-only or
        full disk where the transcript is): one recovery file per annotation
        file, merged into when another session's edits are kept there already."""
        header = recovery.header(self.path.name, reason)
        failure = ""
        for target in recovery.targets(self.transcript_path):
            try:
                where = recovery.keep(target, self.file, header, self._kept)
            except (UnicodeEncodeError, yaml.YAMLError) as exc:  # text that cannot be written
                return None, str(exc)
            except OSError as exc:
                failure = f"{target}: {exc.strerror or exc}"
                continue
            self._recovery = where
            return where, ""
        return None, failure

    def _drop_recovery(self) -> None:
        """The edits are in the annotation file now: what this session kept
        in its recovery file is not needed any more (what other sessions
        kept there stays)."""
        if self._recovery is not None:
            for kept in {self._recovery, *recovery.targets(self.transcript_path)}:
                if kept.exists():
                    recovery.forget(kept, self.file, self._kept)
            self._recovery = None
            self._kept.clear()


def _nothing_written_by_a_user(af: AnnotationFile, data: bytes) -> bool:
    """No annotations, no ``call:`` block, no hand-written keys or comments:
    the file would hold only what Earmark itself puts in every file."""
    if af.annotations or af.call or af.extra:
        return False
    bare = AnnotationFile(path=af.path, transcript=af.transcript, sha256=af.sha256, version=af.version)
    return to_text(bare).encode("utf-8") == data
