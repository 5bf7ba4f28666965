"""The annotations of one call, as the app and the commands work with them.

``CallAnnotations`` loads the call's annotation file, places every
annotation on the current transcript text (re-anchoring when it changed),
and offers the edits a reader makes: add a span with tags, add or remove a
tag, set the note and fields, remove, undo. ``save()`` writes through the
store (atomic, merge when the file changed on disk) and returns a short
state for the status bar.

A file that failed validation makes the session read-only: every edit raises
``ReadOnlyError`` and ``save()`` never touches the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from annotations import anchoring, store
from annotations.codec import to_text
from annotations.ids import new_id
from annotations.merge import merge, snapshot
from annotations.model import Annotation, AnnotationFile
from transcripts.model import Call, Problem
from transcripts.sidecar import sidecar_path

UNDO_DEPTH = 100


class ReadOnlyError(Exception):
    """The call's annotation file is invalid; the message says where."""


class AnnotationError(ValueError):
    """An edit that cannot be made (empty span, unknown id)."""


@dataclass(slots=True)
class SaveResult:
    state: str
    """``saved``, ``merged``, ``unchanged``, ``read-only`` or ``error``."""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.state in ("saved", "merged", "unchanged")


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        if not self.read_only:
            self._place(self.file)
        self._base = snapshot(self.file)
        self._undo: list[list[Annotation]] = []
        self.dirty = False

    # -- reading -----------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

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

    def tags(self) -> list[str]:
        return sorted({t for a in self.file.annotations for t in a.tags})

    # -- editing -----------------------------------------------------------

    def _begin(self) -> None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        self._undo.append([a.copy() for a in self.file.annotations])
        del self._undo[:-UNDO_DEPTH]
        self.dirty = True

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

    def remove(self, annotation_id: str) -> Annotation:
        a = self.get(annotation_id)
        self._begin()
        self.file.annotations.remove(a)
        return a

    def undo(self) -> bool:
        """Undo the last edit; False when there is nothing to undo."""
        if self.read_only or not self._undo:
            return False
        self.file.annotations = self._undo.pop()
        self.dirty = True
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) and not self.read_only

    # -- saving ------------------------------------------------------------

    def save(self) -> SaveResult:
        """Write the annotations now, merging edits made on disk meanwhile.
        Never writes a file that is invalid (ours or the one on disk)."""
        if self.read_only:
            return SaveResult("read-only", self.read_only_reason)
        af = self.file
        af.sha256 = self.call.sha256
        af.transcript = self.transcript_path.name
        message = ""
        state = "saved"
        try:
            current = store.read_current(self.path)
        except OSError as exc:
            return SaveResult("error", f"{self.path}: cannot read before saving: {getattr(exc, 'strerror', None) or exc}")
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
                        "so nothing is written until it is fixed"
                    )
                    return SaveResult("error", self.read_only_reason)
                self._place(theirs)
                merged, report = merge(self._base, af, theirs)
                merged.sha256, merged.transcript = af.sha256, af.transcript
                self.file = af = merged
                message = f"{self.path.name}: {report.message()}"
                state = "merged"
                if report.added or report.changed or report.removed:
                    # Older undo steps predate the edits merged in from disk:
                    # undoing to them would silently drop those edits.
                    self._undo.clear()
        try:
            fp = store.write_atomic(self.path, to_text(af).encode("utf-8"))
        except OSError as exc:
            return SaveResult("error", f"{self.path}: not saved: {exc.strerror or exc}")
        self._fingerprint = fp
        self._base = snapshot(af)
        self.dirty = False
        return SaveResult(state, message or f"saved {self.path.name}")

    # -- helpers -----------------------------------------------------------

    def _speaker_at(self, offset: int) -> str | None:
        turn = self.call.turn_at(offset)
        return turn.speaker.name if turn is not None else None

    def _place(self, af: AnnotationFile) -> None:
        """Put the file's annotations on the current text. When the
        transcript changed, context and speaker are refreshed too (in memory:
        the file is rewritten only when the user next edits this call)."""
        changed = af.sha256 != self.call.sha256
        anchoring.anchor_all(self.call.text, af.annotations, refresh_context=changed)
        for a in af.annotations:
            if a.placed and (changed or not a.speaker):
                a.speaker = self._speaker_at(a.start) or a.speaker
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
