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

from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from annotations import anchoring, atomic_write, authors, store
from annotations.history import History
from annotations.ids import new_id
from annotations.merge import snapshot
from annotations.model import Annotation, AnnotationFile
from annotations.recovery import RECOVERY_SUFFIX, existing_recoveries, recovery_path  # noqa: F401  (used by check and tests)
from annotations.session_save import SAVE_ATTEMPTS, SaveResult, Saving  # noqa: F401  (callers import them from here)
from transcripts.model import Call, Problem
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path


class ReadOnlyError(Exception):
    """The call's annotation file is invalid; the message says where."""


class AnnotationError(ValueError):
    """An edit that cannot be made (empty span, unknown id)."""


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


DISMISSED_KEY = "dismissed"


class CallAnnotations(Saving):
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


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out = []
    for t in tags:
        t = " ".join(str(t).split())
        if t and t not in out:
            out.append(t)
    return out


def open_call(call: Call) -> CallAnnotations:
    return CallAnnotations(call)
