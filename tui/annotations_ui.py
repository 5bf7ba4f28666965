"""Annotations in the app: selecting, tagging, notes, highlights, the pane.

Installed by ``tui.extensions`` (``install(app)``). Keys (remappable by id):

| key | id | action |
| --- | --- | --- |
| ``v`` | annotations.select | start a selection at the cursor; ``j``/``k`` extend it by sentence, up to the end (or start) of the turn it began in |
| ``escape`` | annotations.cancel | cancel the selection |
| ``h`` / ``l`` | annotations.end_word_back / end_word_forward | finer span: move the selection's end one word back / forward |
| ``H`` / ``L`` | annotations.start_word_back / start_word_forward | move the selection's start one word back / forward |
| ``1`` / ``2`` | annotations.tag_metric / tag_guidance | tag the selection (or the cursor's sentence); again on a tagged one: untag |
| ``3``-``9`` | annotations.tag_user_N | the user's tags (``tags:`` in config.yaml), toggled the same way |
| ``t`` | annotations.tag_prompt | tag with a typed name (completion of tags in use) |
| ``a`` | annotations.note | note and fields of the annotation under the cursor (or a new one on the selection) |
| ``x`` | annotations.remove | remove the annotation under the cursor |

``u`` (undo) and ``ctrl+r`` (redo): ``tui.history_ui``, installed from here.

``h``/``l``/``H``/``L`` start a word-level selection on the cursor's
sentence when none is active, so "tag just the number" is: ``l`` or ``h``
until the span is right, then ``1``.

Every change is saved at once (``CallAnnotations.save``: atomic, merged with
edits made on disk meanwhile); the status bar shows the state, a merge or a
read-only file is announced with a notification. A save that fails (the file
turned invalid on disk, an OS error) keeps the edit pending and copied to a
recovery file; the status bar says NOT SAVED with the error, and the next
key that edits tries again (merging the pending edits in once it can).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from textual.actions import SkipAction

from annotations.model import Annotation
from annotations.session import CallAnnotations, SaveResult
from transcripts.model import Call
from tui.annotation_edits import AnnotationEdits
from tui.highlights import Highlights, tag_style
from tui.history_ui import install as install_history
from tui.quit_guard import guard_quit
from tui.widgets.annotations_pane import AnnotationsPane

if TYPE_CHECKING:
    from tui.app import EarmarkApp

_WORD = re.compile(r"\w[\w.,%$'\-]*|\S")


class AnnotationsController(AnnotationEdits):
    def __init__(self, app: "EarmarkApp") -> None:
        self.app = app
        self.sessions: dict[str, CallAnnotations] = {}
        self.highlights = Highlights()
        self.pane = AnnotationsPane(id="annotations", on_choose=self.jump)
        self.anchor: int | None = None
        """Sentence where ``v`` started the selection (None: no selection)."""
        self.fine: tuple[int, int] | None = None
        """A word-level span (text offsets), when one is being shaped."""
        self._known_tags: list[str] | None = None
        self._announced: set[str] = set()
        self.change_listeners: list = []
        """Called after every saved (or kept) edit: other features that draw
        on the annotations (the suggestions) follow."""

    # -- wiring ----------------------------------------------------------

    def install(self) -> None:
        app = self.app
        app.add_side_pane(self.pane)
        app.reader.set_decorations(self.highlights)
        app.cursor_listeners.append(self.on_cursor)
        app.reader.drag_listeners.append(self.on_drag)
        app.call_listeners.append(self.on_call)
        app.quit_guards.append(lambda: guard_quit(app, list(self.sessions.values())))
        bind = app.bind_key
        bind("v", self.start_selection, "Select", id="annotations.select")
        bind("escape", self.escape, "Cancel selection", id="annotations.cancel", show=False)
        bind("l", lambda: self.shape(end=+1), "Span end: next word", id="annotations.end_word_forward", show=False)
        bind("h", lambda: self.shape(end=-1), "Span end: previous word", id="annotations.end_word_back", show=False)
        bind("L", lambda: self.shape(start=+1), "Span start: next word", id="annotations.start_word_forward", show=False)
        bind("H", lambda: self.shape(start=-1), "Span start: previous word", id="annotations.start_word_back", show=False)
        # Footer words are short (at 140 columns every shown key must fit);
        # the tooltip is the help screen's description.
        bind("1", lambda: self.tag("metric"), "Metric", id="annotations.tag_metric",
             tooltip="Tag as metric (again: untag)")
        bind("2", lambda: self.tag("guidance"), "Guidance", id="annotations.tag_guidance",
             tooltip="Tag as guidance (again: untag)")
        for key in "3456789":
            name = app.config.tags.get(key)
            bind(key, lambda k=key: self.tag_user(k), f"Tag {name}" if name else f"User tag {key}",
                 id=f"annotations.tag_user_{key}", show=False)
        bind("t", self.prompt_tag, "Tag\u2026", id="annotations.tag_prompt",
             tooltip="Tag with a typed name")
        bind("a", self.edit_note, "Note", id="annotations.note",
             tooltip="Edit the note and fields")
        bind("x", self.remove, "Remove annotation", id="annotations.remove", show=False)
        install_history(app, self)  # u, ctrl+r
        if app.current_call is not None:
            self.on_call(app.current_call)

    def session(self, call: Call | None = None) -> CallAnnotations | None:
        call = call if call is not None else self.app.current_call
        if call is None:
            return None
        s = self.sessions.get(call.path)
        if s is None or s.call.sha256 != call.sha256:
            s = CallAnnotations(call)
            self.sessions[call.path] = s
        elif s.call is not call:
            s.call = call  # the same file, parsed again when the corpus loaded
        return s

    # -- reacting to the reader --------------------------------------------

    def on_call(self, call: Call | None) -> None:
        self.anchor, self.fine = None, None
        self.highlights.pending = None
        s = self.session(call)
        self._refresh(s)
        if s is None:
            self.app.set_save_state("")
            return
        self.app.set_save_state("read-only" if s.read_only else ("saved" if s.annotations else ""))
        if call.path not in self._announced:
            self._announced.add(call.path)
            leftovers = s.leftover_recoveries()
            if leftovers:
                self.app.notify(
                    f"Unsaved annotation edits from an earlier session are kept in {leftovers[0]}"
                    + (f" (and {len(leftovers) - 1} more)" if len(leftovers) > 1 else "")
                    + f": compare them with {s.path.name}",
                    title="Annotations: recovered edits", severity="warning", timeout=15,
                )
            if s.read_only:
                self.app.notify(s.read_only_reason, title="Annotations read-only", severity="error", timeout=12)
            elif s.orphaned:
                n = len(s.orphaned)
                self.app.notify(
                    f"{n} annotation{'s' if n > 1 else ''} could not be found in the changed transcript "
                    "(orphaned, kept in the file): see the annotations pane",
                    title="Annotations", severity="warning", timeout=8,
                )

    def on_cursor(self, call: Call | None, sentence: int) -> None:
        if call is None:
            return
        if self.fine is not None:  # a sentence move leaves word mode
            self.fine = None
            self.highlights.pending = None
            self._redraw()
        if self.anchor is not None:
            lo, hi = self.selected_sentences()
            self.app.reader.set_selection(lo, hi)
            if not lo <= sentence <= hi:
                turn = call.turns[call.turn_index_of_sentence(self.anchor)]
                end = "end" if sentence > hi else "start"
                self.app.status.flash(f"the selection stops at the {end} of {turn.speaker.name}'s turn")

    def on_drag(self, anchor: int, sentence: int) -> None:
        """A mouse drag from sentence ``anchor`` selects as ``v`` there would
        (the cursor follows the pointer; ``on_cursor`` extends the span)."""
        if self.anchor != anchor or self.fine is not None:
            self.anchor, self.fine = anchor, None
            self.highlights.pending = None

    def selected_sentences(self) -> tuple[int, int]:
        """The selection from ``v`` to the cursor, kept inside the turn it
        started in: a quote is one speaker's words, attributed to them, and
        never holds the next speaker's header line."""
        reader = self.app.reader
        call = reader.call
        assert call is not None and self.anchor is not None
        lo, hi = min(self.anchor, reader.cursor), max(self.anchor, reader.cursor)
        turn = call.turns[call.turn_index_of_sentence(self.anchor)]
        return max(lo, turn.first_sentence), min(hi, turn.end_sentence - 1)

    # -- selection -----------------------------------------------------------

    def start_selection(self) -> None:
        reader = self.app.reader
        if reader.call is None:
            return
        self.anchor = reader.cursor
        self.fine = None
        self.highlights.pending = None
        reader.set_selection(self.anchor, self.anchor)

    def escape(self) -> None:
        """Escape cancels a selection; with none it steps aside
        (``SkipAction``) so escape can mean something else (the search hides
        its marks)."""
        if self.anchor is None and self.fine is None:
            raise SkipAction()
        self.cancel_selection()

    def cancel_selection(self) -> None:
        had = self.anchor is not None or self.fine is not None
        self.anchor, self.fine = None, None
        self.highlights.pending = None
        self.app.reader.clear_selection()
        if had:
            self._redraw()

    def target_span(self) -> tuple[int, int] | None:
        reader = self.app.reader
        call = reader.call
        if call is None or call.sentence_count == 0:
            return None
        if self.fine is not None:
            return self.fine
        lo = hi = reader.cursor
        if self.anchor is not None:
            lo, hi = self.selected_sentences()
        return call.sentence_starts[lo], call.sentence_ends[hi]

    def shape(self, start: int = 0, end: int = 0) -> None:
        """Move the start or end of a word-level span by one word."""
        call = self.app.reader.call
        span = self.target_span()
        if call is None or span is None:
            return
        s, e = span
        sentence = call.sentence_at(s)
        turn = call.turns[call.turn_index_of_sentence(sentence)] if sentence is not None else None
        # Words of this turn only: a span never takes in the next speaker's line.
        lo_limit = max(0, s - 400, turn.start if turn else 0)
        hi_limit = min(len(call.text), e + 400, turn.end if turn else len(call.text))
        words = [(m.start(), m.end()) for m in _WORD.finditer(call.text, lo_limit, max(lo_limit, hi_limit))]
        starts = [w[0] for w in words]
        ends = [w[1] for w in words]
        if end:
            i = bisect_left(ends, e)
            j = i + end
            if 0 <= j < len(ends) and ends[j] > s:
                e = ends[j]
        if start:
            i = bisect_left(starts, s)
            j = i + start
            if 0 <= j < len(starts) and starts[j] < e:
                s = starts[j]
        self.fine = (s, e)
        self.highlights.pending = self.fine
        self.app.reader.clear_selection()
        self._redraw()

    # -- saving and showing ------------------------------------------------

    def editable(self) -> CallAnnotations | None:
        """The open call's session when it can be edited. A read-only file
        is read again first: once the user fixed it, editing resumes, and
        edits that were still pending (made before the file was found
        broken) are merged into it and saved, never dropped."""
        s = self.session()
        if s is None or not s.read_only:
            return s
        if s.pending:
            result = s.save()  # merges the pending edits once the file is valid
            if not result.ok:
                self.app.set_save_state(_not_saved(result))
                self.app.notify(result.message, title="Annotations read-only", severity="error", timeout=12)
                return None
            self._refresh(s)
            self.app.set_save_state("saved (merged)" if result.state == "merged" else "saved")
            self.app.notify(
                f"{s.path.name} is valid again: your pending edits were merged in and saved",
                title="Annotations", severity="warning", timeout=8,
            )
            return s
        fresh = CallAnnotations(s.call)
        if fresh.read_only:
            self.app.notify(fresh.read_only_reason, title="Annotations read-only", severity="error", timeout=10)
            return None
        self.sessions[s.call.path] = fresh
        self._refresh(fresh)
        self.app.set_save_state("saved")
        self.app.notify(f"{fresh.path.name} is valid again: editing resumed", title="Annotations", timeout=5)
        return fresh

    def commit(self, s: CallAnnotations, what: str, *, new_edit: bool = True) -> None:
        """Save an edit another feature made on the session, as a key here
        would (the suggestions' accept and dismiss; ``new_edit=False``: an
        undo or redo, which names no new step)."""
        self._changed(s, what, new_edit=new_edit)

    def _changed(self, s: CallAnnotations, what: str, *, new_edit: bool = True) -> None:
        if new_edit:
            s.history.label_last(what.removesuffix(" (u to undo)"))  # what undo and redo will say
        self.app.status.flash(what)  # what the key did, beside the save state
        self.app.set_save_state("saving\u2026")
        result: SaveResult = s.save()
        if result.state == "merged":
            self.app.notify(result.message, title="Merged", severity="warning", timeout=10)
            self.app.set_save_state("saved (merged)")
        elif result.ok:
            self.app.set_save_state("saved")
            if what.startswith(("removed", "undone")):  # the keys that take something away
                self.app.notify(what, title="Annotations", timeout=4)
        else:
            self.app.set_save_state(_not_saved(result))
            self.app.notify(result.message, title="Not saved", severity="error", timeout=20)
        self._refresh(s)
        for listener in self.change_listeners:
            listener()

    def _refresh(self, s: CallAnnotations | None) -> None:
        call = s.call if s is not None else None
        annotations = s.annotations if s is not None else []
        self.highlights.update(call, annotations)
        self.pane.show(list(annotations), tag_style, s.read_only_reason if s is not None else "")
        self._redraw()

    def _redraw(self) -> None:
        self.highlights.version += 1
        self.app.reader.refresh_decorations()

    def jump(self, a: Annotation) -> None:
        call = self.app.current_call
        if call is None:
            return
        if not a.placed:
            self.app.notify("This annotation's quote is not in the transcript any more (orphaned)", severity="warning")
            return
        self.app.goto_offset(call.id, a.start)
        self.app.reader.focus()


def _not_saved(result: SaveResult) -> str:
    """The status bar's few words for a failed save: the error, and where
    the unsaved edits are kept."""
    text = "NOT SAVED"
    if result.detail:
        text += f": {result.detail}"
    if result.kept_in is not None:
        text += " \u00b7 edits kept in a recovery file"
    return text


def install(app: "EarmarkApp") -> AnnotationsController:
    controller = AnnotationsController(app)
    controller.install()
    app.annotations = controller  # type: ignore[attr-defined]
    return controller
