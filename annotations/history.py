"""Undo and redo for the edits of one call's annotations.

Every edit a reader makes (tag, untag, note and fields, remove, accept or
dismiss a suggestion, confirm a re-anchor, resolve a merge conflict) first
records the state it changes: the annotations and the ``dismissed:`` list.
``undo`` goes back one state and keeps the state it left for ``redo``; a
new edit starts a new line of history, so the redo list is emptied, as in
every editor. Each step carries a label (what the edit did, in the words
the status bar used), so undo and redo can say what they undid or redid.

Snapshots are whole copies: a call holds tens of annotations, not
thousands, and a copy is simpler to trust than a diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotations.model import Annotation, AnnotationFile

DEPTH = 100
"""Steps kept each way; older ones are forgotten."""

DISMISSED_KEY = "dismissed"


@dataclass(slots=True)
class State:
    """What an edit can change in an annotation file."""

    annotations: list[Annotation]
    dismissed: list[Any] | None
    """The file's ``dismissed:`` value (None: the key is absent)."""
    label: str = ""
    """What the edit that left this state did ("tagged guidance: ...")."""

    @classmethod
    def of(cls, file: AnnotationFile, label: str = "") -> "State":
        dismissed = file.extra.get(DISMISSED_KEY)
        return cls([a.copy() for a in file.annotations],
                   list(dismissed) if isinstance(dismissed, list) else dismissed, label)

    def restore(self, file: AnnotationFile) -> None:
        file.annotations = [a.copy() for a in self.annotations]
        if self.dismissed is None:
            file.extra.pop(DISMISSED_KEY, None)
        else:
            file.extra[DISMISSED_KEY] = list(self.dismissed) if isinstance(self.dismissed, list) else self.dismissed


@dataclass
class History:
    """The undo and redo stacks of one session."""

    undo_steps: list[State] = field(default_factory=list)
    redo_steps: list[State] = field(default_factory=list)

    def record(self, file: AnnotationFile) -> None:
        """Before an edit: remember the state it changes; the redo list
        goes (it redid a history this edit replaces)."""
        self.undo_steps.append(State.of(file))
        del self.undo_steps[:-DEPTH]
        self.redo_steps.clear()

    def label_last(self, label: str) -> None:
        """Name the edit just made (the newest undo step, if it has no
        name yet: an undo or redo keeps the name it moved)."""
        if self.undo_steps and not self.undo_steps[-1].label:
            self.undo_steps[-1].label = label

    def undo(self, file: AnnotationFile) -> str | None:
        """Back one edit; the label of the edit undone, or None (nothing to undo)."""
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        self.redo_steps.append(State.of(file, step.label))
        del self.redo_steps[:-DEPTH]
        step.restore(file)
        return step.label

    def redo(self, file: AnnotationFile) -> str | None:
        """Forward one undone edit; its label, or None (nothing to redo)."""
        if not self.redo_steps:
            return None
        step = self.redo_steps.pop()
        self.undo_steps.append(State.of(file, step.label))
        step.restore(file)
        return step.label

    def clear(self) -> None:
        """Forget both ways: the file took in edits from disk, and stepping
        to a state from before them would silently drop those edits."""
        self.undo_steps.clear()
        self.redo_steps.clear()

    @property
    def next_undo(self) -> str | None:
        return self.undo_steps[-1].label if self.undo_steps else None

    @property
    def next_redo(self) -> str | None:
        return self.redo_steps[-1].label if self.redo_steps else None
