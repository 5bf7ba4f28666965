"""Undo and redo of annotation edits, in the app.

Installed by the annotations (``tui.annotations_ui``), whose edits it steps through.

| key | id | action |
| --- | --- | --- |
| ``u`` | annotations.undo | undo the last edit of the open call's annotations |
| ``ctrl+r`` | annotations.redo | redo what ``u`` undid |

Every kind of edit goes through one history per call
(``annotations.history``): tag, untag, note and fields, remove, accept or
dismiss a suggestion, confirm a re-anchor, resolve a merge conflict. Undo
and redo save at once like any edit (so the YAML file follows), and the
status bar says what was undone or redone, in the words the edit used. A
new edit after an undo starts a new history: there is nothing left to redo.
The palette has "undo: ..." and "redo: ..." naming the step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.annotations_ui import AnnotationsController
    from tui.app import EarmarkApp


class HistoryController:
    def __init__(self, app: "EarmarkApp", annotations: "AnnotationsController") -> None:
        self.app = app
        self.annotations = annotations

    def install(self) -> None:
        bind = self.app.bind_key
        bind("u", self.undo, "Undo", id="annotations.undo", show=False,
             tooltip="Undo the last annotation edit")
        bind("ctrl+r", self.redo, "Redo", id="annotations.redo", show=False,
             tooltip="Redo what u undid")
        if HistoryCommands not in self.app.COMMANDS:
            self.app.COMMANDS = self.app.COMMANDS | {HistoryCommands}  # this app only, not the class

    def undo(self) -> None:
        self._step("undo")

    def redo(self) -> None:
        self._step("redo")

    def _step(self, way: str) -> None:
        s = self.annotations.editable()
        if s is None:
            return
        label = s.history.next_undo if way == "undo" else s.history.next_redo
        done = s.undo() if way == "undo" else s.redo()
        if not done:
            self.app.status.flash("nothing to undo" if way == "undo" else
                                  "nothing to redo (u undoes; a new edit clears what could be redone)")
            return
        past = "undone" if way == "undo" else "redone"
        self.annotations.commit(s, f"{past}: {label}" if label else past, new_edit=False)

    def entries(self) -> list[Entry]:
        s = self.annotations.session()
        if s is None or s.read_only:
            return []
        out: list[Entry] = []
        if s.history.undo_steps:
            out.append((f"undo: {s.history.next_undo or 'the last edit'}", "u", self.undo))
        if s.history.redo_steps:
            out.append((f"redo: {s.history.next_redo or 'the last undone edit'}", "ctrl+r", self.redo))
        return out


class HistoryCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        controller = getattr(self.app, "history", None)
        return controller.entries() if controller is not None else []


def install(app: "EarmarkApp", annotations: "AnnotationsController") -> HistoryController:
    controller = HistoryController(app, annotations)
    controller.install()
    app.history = controller  # type: ignore[attr-defined]
    return controller
