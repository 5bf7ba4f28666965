"""The annotations of one call, as the app and the commands work with them.

``CallAnnotations`` loads the call's annotation file, places every
annotation on the current transcript text (re-anchoring when it changed),
and offers the edits a reader makes: add a span with tags, add or remove a
tag, set the note and fields, remove, undo. ``save()`` writes through the
store (atomic, merge when the file changed on disk) and returns a short
state for the status bar.

A file that failed validation makes the session read-only: every edit raises
``ReadOnlyError`` and ``save()`` never touches the file. Edits already made
when the file on disk turns invalid (or when a save fails with an OS error)
are never dropped: they stay pending, are copied to a recovery file, and are
merged in by the next save that can write.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from annotations import anchoring, atomic_write, authors, file_lock, recovery, store
from annotations.codec import items_data, to_text
from annotations.history import History
from annotations.ids import new_id
from annotations.merge import merge, snapshot
from annotations.model import Annotation, AnnotationFile
from annotations.recovery import RECOVERY_SUFFIX, existing_recoveries, recovery_path  # noqa: F401  (used by check and tests)
from transcripts.model import Call, Problem
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path

SAVE_ATTEMPTS = 3
"""A file that changes on disk between the check and the replace is merged
again; after this many tries the save gives up (the edits stay pending)."""


class ReadOnlyError(Exception):
    """The call's annotation file is invalid; the message says where."""


class AnnotationError(ValueError):
    """An edit that cannot be made (empty span, unknown id)."""


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


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


DISMISSED_KEY = "dismissed"


class CallAnnotations:
    def __init__(self, call: Call, loaded: store.Loaded | None = None) -> None:
        self.call = call
        self.transcript_path = Path(call.path)
        self.path = sidecar_path(self.transcript_path)
        if loaded is None:
            loaded = store.load(self.path, self.transcript_path.name)
        self.file: AnnotationFile = loaded.file
        self.problems: list[Problem] = list(loaded.problems)
        self.read_only_reason: str = loaded.reason
        self._fingerprint = loaded.fingerprint
        if not loaded.errors:  # a read-only file on disk is still shown
            self._place(self.file)
        atomic_write.remove_stale_temps_in(self.path.parent, (SIDECAR_SUFFIX, RECOVERY_SUFFIX))
        self._base = snapshot(self.file)
        self.history = History()
        """Undo and redo (``annotations.history``)."""
        self._step: bool | None = None
        """Inside ``one_step``: whether its undo step is recorded yet."""
        self.dirty = False
        self._recovery: Path | None = None
        """The recovery file this session wrote (removed once saved)."""
        self._kept: set[tuple[str, str]] = set()
        """Versions of annotations this session put in a recovery file."""
        self._author: str | None = None

    # -- reading -----------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def broken(self) -> bool:
        """The file failed validation (not merely read-only on disk: such a
        file is read and shown as usual)."""
        return any(p.severity == "error" for p in self.problems)

    @property
    def annotations(self) -> list[Annotation]:
        """All annotations in text order (orphans included, at their old place)."""
        return self.file.annotations

    @property
    def placed(self) -> list[Annotation]:
        return [a for a in self.file.annotations if a.placed]

    @property
    def orphaned(self) -> list[Annotation]:
        return [a for a in self.file.annotations if not a.placed]

    def get(self, annotation_id: str) -> Annotation:
        a = self.file.find(annotation_id)
        if a is None:
            raise AnnotationError(f"no annotation {annotation_id!r} in {self.path.name}")
        return a

    def at(self, offset: int) -> list[Annotation]:
        """Placed annotations covering ``offset``, innermost (shortest) first."""
        hits = [a for a in self.file.annotations if a.placed and a.start <= offset < a.end]
        return sorted(hits, key=lambda a: (a.end - a.start, a.start))

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        return [a for a in self.file.annotations if a.placed and a.start < end and start < a.end]

    @property
    def to_review(self) -> list[Annotation]:
        """Re-anchors that wait for the user's confirmation (``fuzzy``, or
        now in another speaker's turn); see ``annotations.anchoring``."""
        return [a for a in self.file.annotations if a.needs_review]

    def tags(self) -> list[str]:
        return sorted({t for a in self.file.annotations for t in a.tags})

    @property
    def dismissed(self) -> list[str]:
        """Quotes of suggestions the reviewer dismissed (the file's
        ``dismissed:`` list): a sentence with that text is not proposed again,
        wherever it moves when the transcript changes."""
        items = self.file.extra.get(DISMISSED_KEY)
        return [q for q in items if isinstance(q, str)] if isinstance(items, list) else []

    def dismiss(self, quote: str) -> None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        quote = " ".join(quote.split())
        if quote and quote not in self.dismissed:
            self._begin()  # undoable like any edit
            self.file.extra[DISMISSED_KEY] = [*self.dismissed, quote]

    # -- editing -----------------------------------------------------------

    def _begin(self) -> None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        if self._step is not True:
            self.history.record(self.file)
            if self._step is False:
                self._step = True
        self.dirty = True

    @contextmanager
    def one_step(self) -> Iterator[None]:
        """The edits made inside are one undo (and redo) step: accepting
        every suggestion of a turn is one thing the user did."""
        if self._step is not None:  # nested: the outer step holds them
            yield
            return
        self._step = False
        try:
            yield
        finally:
            self._step = None

    def add(
        self,
        start: int,
        end: int,
        tags: Iterable[str] = (),
        note: str = "",
        fields: dict[str, Any] | None = None,
    ) -> Annotation:
        """Annotate ``text[start:end]`` (white space at the ends trimmed).
        Tagging a span that is already annotated adds the tags to it: a span
        carries several tags, not several copies of itself."""
        text = self.call.text
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise AnnotationError("nothing to annotate: the span is empty")
        tags = _clean_tags(tags)
        for a in self.file.annotations:
            if a.placed and a.start == start and a.end == end:
                self._begin()
                a.tags = list(dict.fromkeys([*a.tags, *tags]))
                if note:
                    a.note = note
                if fields:
                    a.fields.update(fields)
                a.updated = now_utc()
                return a
        self._begin()
        prefix, suffix = anchoring.context(text, start, end)
        a = Annotation(
            id=new_id({x.id for x in self.file.annotations}),
            start=start,
            end=end,
            quote=text[start:end],
            tags=tags,
            prefix=prefix,
            suffix=suffix,
            speaker=self._speaker_at(start),
            note=note,
            fields=dict(fields or {}),
            created=now_utc(),
            author=self.author,
        )
        self.file.annotations.append(a)
        self.file.sort()
        return a

    def add_tags(self, annotation_id: str, tags: Iterable[str]) -> Annotation:
        a = self.get(annotation_id)
        self._begin()
        a.tags = list(dict.fromkeys([*a.tags, *_clean_tags(tags)]))
        a.updated = now_utc()
        return a

    def remove_tag(self, annotation_id: str, tag: str) -> Annotation:
        a = self.get(annotation_id)
        self._begin()
        a.tags = [t for t in a.tags if t != tag]
        a.updated = now_utc()
        return a

    def set_note(self, annotation_id: str, note: str, fields: dict[str, Any] | None = None) -> Annotation:
        """Set the note and, when given, replace the structured fields (empty
        values dropped)."""
        a = self.get(annotation_id)
        self._begin()
        a.note = note.strip("\n")
        if fields is not None:
            a.fields = {k: v for k, v in fields.items() if v not in (None, "")}
        a.updated = now_utc()
        return a

    def confirm(self, annotation_id: str) -> Annotation:
        """Accept where re-anchoring put the annotation: its quote, context
        and speaker become the transcript's text there (undoable)."""
        a = self.get(annotation_id)
        if not a.needs_review:
            raise AnnotationError("this annotation's place needs no confirmation")
        self._begin()
        anchoring.confirm(self.call.text, a, anchoring.speaker_lookup(self.call))
        a.updated = now_utc()
        return a

    def confirm_all(self) -> list[Annotation]:
        """Accept every re-anchor waiting for confirmation, as one undo step."""
        waiting = self.to_review
        if not waiting:
            return []
        self._begin()
        speaker_at = anchoring.speaker_lookup(self.call)
        for a in waiting:
            anchoring.confirm(self.call.text, a, speaker_at)
            a.updated = now_utc()
        return waiting

    @property
    def author(self) -> str:
        """Who this session's new annotations are by (``annotations.authors``:
        the config's ``author:``, else git's user name in the file's folder)."""
        if self._author is None:
            self._author = authors.current_author(self.path.parent)
        return self._author

    def toggle_reviewed(self, annotation_id: str, by: str | None = None) -> Annotation:
        """Mark the annotation reviewed (by ``by``, else this session's
        author, now) or, when it is reviewed, not reviewed; undoable."""
        a = self.get(annotation_id)
        self._begin()
        was = authors.review_of(a)
        a.extra.pop("reviewed", None)
        if was is not None:
            a.reviewed = None
        else:
            who = by if by is not None else self.author
            a.reviewed = {"by": who, "at": now_utc()} if who else {"at": now_utc()}
        return a

    def remove(self, annotation_id: str) -> Annotation:
        """Remove an annotation. Removing one side of a merge conflict
        (``conflict: <id>``, see ``annotations.merge_driver``) resolves it:
        the other side loses its mark."""
        a = self.get(annotation_id)
        self._begin()
        self.file.annotations.remove(a)
        for other in self.file.annotations:
            if other.extra.get("conflict") == annotation_id:
                del other.extra["conflict"]
        return a

    def conflicts(self) -> list[Annotation]:
        """Annotations a git merge marked as conflicting, still to resolve."""
        return [a for a in self.file.annotations if "conflict" in a.extra]

    def keep(self, annotation_id: str) -> Annotation:
        """Resolve a conflict by keeping this annotation as it is (the other
        version, if any, is removed)."""
        a = self.get(annotation_id)
        other = a.extra.get("conflict")
        self._begin()
        a.extra.pop("conflict", None)
        twin = self.file.find(str(other)) if other is not None else None
        if twin is not None and twin is not a:
            self.file.annotations.remove(twin)
        return a

    def undo(self) -> bool:
        """Undo the last edit; False when there is nothing to undo."""
        return self._travel(self.history.undo)

    def redo(self) -> bool:
        """Redo the last edit undone; False when there is none (or a new
        edit was made since: it replaced the undone one)."""
        return self._travel(self.history.redo)

    def _travel(self, step) -> bool:
        if self.read_only or step(self.file) is None:
            return False
        self.dirty = True
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self.history.undo_steps) and not self.read_only

    @property
    def can_redo(self) -> bool:
        return bool(self.history.redo_steps) and not self.read_only

    # -- saving ------------------------------------------------------------

    def leftover_recoveries(self) -> list[Path]:
        """Recovery files from earlier runs (not this session's), for the
        app to point out: their edits were never saved."""
        return [p for p in existing_recoveries(self.transcript_path) if p != self._recovery]

    @property
    def disk_sha256(self) -> str | None:
        """The annotation file's sha256 as this session last read or wrote
        it (None: there was no file), to tell its own saves from changes
        made on disk."""
        return self._fingerprint.sha256 if self._fingerprint else None

    @property
    def pending(self) -> bool:
        """Edits made that are not in the annotation file yet."""
        return self.dirty

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

    # -- helpers -----------------------------------------------------------

    def _speaker_at(self, offset: int) -> str | None:
        turn = self.call.turn_at(offset)
        return turn.speaker.name if turn is not None else None

    def _place(self, af: AnnotationFile) -> None:
        """Put the file's annotations on the current text. When the
        transcript changed, context and speaker are refreshed too (in memory:
        the file is rewritten only when the user next edits this call)."""
        changed = af.sha256 != self.call.sha256
        anchoring.anchor_call(self.call, af.annotations, refresh_context=changed)
        af.sort()


def _nothing_written_by_a_user(af: AnnotationFile, data: bytes) -> bool:
    """No annotations, no ``call:`` block, no hand-written keys or comments:
    the file would hold only what Earmark itself puts in every file."""
    if af.annotations or af.call or af.extra:
        return False
    bare = AnnotationFile(path=af.path, transcript=af.transcript, sha256=af.sha256, version=af.version)
    return to_text(bare).encode("utf-8") == data


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out = []
    for t in tags:
        t = " ".join(str(t).split())
        if t and t not in out:
            out.append(t)
    return out


def open_call(call: Call) -> CallAnnotations:
    return CallAnnotations(call)
