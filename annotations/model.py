"""The annotation model: a highlighted span of a transcript with tags, a note
and optional structured fields.

Offsets are indices into ``Call.text``; ``quote``, ``prefix`` and ``suffix``
let an annotation be found again when the transcript changes (see
``annotations.anchoring``). Keys a user wrote by hand that Earmark does not
know are kept in ``extra`` and written back unchanged.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

AnchorStatus = Literal["anchored", "moved", "fuzzy", "orphaned"]
ANCHOR_STATUSES: tuple[str, ...] = ("anchored", "moved", "fuzzy", "orphaned")

BUILTIN_TAGS: tuple[str, ...] = ("metric", "guidance")
FIELD_KEYS: tuple[str, ...] = ("metric", "value", "low", "high", "unit", "period")
"""Known structured fields, in the order they are written."""

TOP_KEYS: tuple[str, ...] = ("version", "transcript", "sha256", "call", "annotations")
"""The keys of an annotation file Earmark knows, in the order they are written."""

REVIEW_KEYS: tuple[str, ...] = ("by", "at")
"""Known keys of ``reviewed:``, in the order they are written."""

ANNOTATION_KEYS: tuple[str, ...] = (
    "id", "tags", "start", "end", "quote", "prefix", "suffix",
    "speaker", "note", "fields", "author", "created", "updated", "reviewed",
)
"""Known keys of one annotation, in the order they are written."""


@dataclass(slots=True)
class Annotation:
    id: str
    start: int
    end: int
    quote: str
    tags: list[str] = field(default_factory=list)
    prefix: str = ""
    suffix: str = ""
    speaker: str | None = None
    note: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys a user added by hand; kept and written back."""
    status: str = "anchored"
    """Where re-anchoring found the quote; computed on load, never saved."""
    line: int | None = None
    """Line of this annotation in its YAML file, for error messages."""
    review: str = ""
    """Why re-anchoring's answer needs the user's look before it is kept
    (the quote's words or figures changed, another speaker's turn); empty
    when it needs none. Computed on load, never saved."""
    stored: "StoredAnchor | None" = None
    """What the file says about the annotation's place, kept while a
    re-anchor awaits the user's confirmation: saves write this, not the
    place found, so the stored quote is never overwritten unseen."""
    author: str = ""
    """Who made it (config ``author:``, else ``git config user.name``)."""
    reviewed: dict[str, Any] | None = None
    """``{by: ..., at: ...}`` once a reviewer marked it reviewed; None: not
    reviewed. Keys a user added inside it are kept."""

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed is not None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def needs_review(self) -> bool:
        """A re-anchor the user has not confirmed yet (see ``review``)."""
        return bool(self.review) and self.status != "orphaned"

    @property
    def placed(self) -> bool:
        """False when re-anchoring could not find the quote: the offsets are
        then stale and must not be shown as a highlight."""
        return self.status != "orphaned"

    def copy(self) -> "Annotation":
        """A copy deep enough for undo snapshots and merge bases."""
        return Annotation(
            self.id, self.start, self.end, self.quote, list(self.tags),
            self.prefix, self.suffix, self.speaker, self.note,
            _copy_values(self.fields), self.created, self.updated,
            _copy_values(self.extra), self.status, self.line,
            self.review, self.stored, self.author,
            dict(self.reviewed) if self.reviewed is not None else None,
        )


@dataclass(frozen=True, slots=True)
class StoredAnchor:
    """An annotation's place as its file records it."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    speaker: str | None

    @classmethod
    def of(cls, a: Annotation) -> "StoredAnchor":
        return cls(a.start, a.end, a.quote, a.prefix, a.suffix, a.speaker)


_SCALARS = (str, int, float, bool, type(None))


def _copy_values(d: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``d`` that shares nothing changeable with it. Fields are
    nearly always plain values, which a shallow copy already keeps apart
    (deep copies for every annotation on every edit's undo step took about a
    fifth of an edit plus its save, for 1,000 annotations)."""
    if all(type(v) in _SCALARS for v in d.values()):
        return dict(d)
    return copy.deepcopy(d)


@dataclass(slots=True)
class AnnotationFile:
    """The contents of one ``<stem>.annotations.yaml``."""

    path: Path
    transcript: str
    sha256: str = ""
    version: int = 1
    call: dict[str, Any] = field(default_factory=dict)
    """Corrections of inferred call metadata (company, fiscal_year, quarter)."""
    annotations: list[Annotation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys a user added by hand; kept and written back."""
    comments: list[Any] = field(default_factory=list)
    """Comments a user wrote by hand (``annotations.comments.Comment``), each
    tied to the key or annotation it was written next to; written back."""

    def find(self, annotation_id: str) -> Annotation | None:
        for a in self.annotations:
            if a.id == annotation_id:
                return a
        return None

    def sort(self) -> None:
        """Text order (the order the file is written in)."""
        self.annotations.sort(key=lambda a: (a.start, a.end, a.id))
