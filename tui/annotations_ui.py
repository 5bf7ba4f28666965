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
import zlib
from bisect import bisect_left
from typing import TYPE_CHECKING, Iterable

from rich.style import Style
from textual.actions import SkipAction

from annotations.model import BUILTIN_TAGS, Annotation
from annotations.session import AnnotationError, CallAnnotations, ReadOnlyError, SaveResult
from tui.history_ui import install as install_history
from tui.quit_guard import guard_quit
from annotations.tags import tags_in_use
from transcripts.model import Call
from tui.widgets.annotations_pane import AnnotationsPane

if TYPE_CHECKING:
    from tui.app import EarmarkApp
    from tui.screens.note_form import NoteResult

TAG_COLOURS = {"metric": "#2e7d32", "guidance": "#1565c0"}
_PALETTE = ["#8e24aa", "#00838f", "#ef6c00", "#ad1457", "#6d4c41", "#558b2f", "#4527a0", "#c62828"]
_WORD = re.compile(r"\w[\w.,%$'\-]*|\S")


def tag_colour(tag: str) -> str:
    return TAG_COLOURS.get(tag) or _PALETTE[zlib.crc32(tag.encode()) % len(_PALETTE)]


def tag_style(tag: str) -> Style:
    return Style(bgcolor=tag_colour(tag), color="white")


class Highlights:
    """The reader's decorations for one call's annotations: a sorted list of
    spans, searched by bisect (the reader asks per visible line)."""

    def __init__(self) -> None:
        self.version = 0
        self._call_path: str | None = None
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, Style, str]] = []
        self._longest = 0
        self.pending: tuple[int, int] | None = None
        """A word-level selection being shaped (drawn underlined)."""

    def update(self, call: Call | None, annotations: Iterable[Annotation]) -> None:
        self._call_path = call.path if call else None
        spans = sorted(
            (a.start, a.end,
             # A re-anchor waiting for confirmation is underlined: a guess, not the user's mark yet.
             Style(bgcolor=tag_colour(a.tags[0]) if a.tags else "grey37", underline=a.needs_review),
             tag_colour(a.tags[0]) if a.tags else "grey50")
            for a in annotations if a.placed and a.end > a.start
        )
        self._spans = spans
        self._starts = [s[0] for s in spans]
        self._longest = max((e - s for s, e, _, _ in spans), default=0)
        self.version += 1

    def _overlapping(self, call: Call, start: int, end: int):
        if call.path != self._call_path:
            return
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for s, e, style, colour in self._spans[lo:hi]:
            if e > start:
                yield s, e, style, colour

    def spans(self, call: Call, start: int, end: int):
        out = [(s, e, style) for s, e, style, _ in self._overlapping(call, start, end)]
        if self.pending is not None and call.path == self._call_path:
            s, e = self.pending
            if s < end and e > start:
                out.append((s, e, Style(underline=True, bold=True, reverse=True)))
        return out

    def gutter(self, call: Call, start: int, end: int):
        for _, _, _, colour in self._overlapping(call, start, end):
            return "\u258d", Style(color=colour)
        return None


class AnnotationsController:
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

    # -- editing -------------------------------------------------------------

    def tag_user(self, key: str) -> None:
        name = self.app.config.tags.get(key)
        if not name:
            self.app.notify(
                f"No tag on key {key}: add it to {self.app.config.path or 'config.yaml'} as  tags: {{{key}: name}}",
                severity="warning",
            )
            return
        self.tag(name)

    def tag(self, name: str, toggle: bool = True) -> None:
        """Tag the selection (or the cursor's sentence); a tag key on what
        already has that tag takes the tag off again (``toggle``; the typed
        prompt only adds)."""
        span = self.target_span()
        s = self.editable() if span is not None else None
        if s is None or span is None:
            return
        tagged = self._tagged(s, span, name)
        if tagged is not None:
            if toggle:
                self._untag(s, tagged, name)
            else:
                self.app.status.flash(f"already tagged {name}")
            return
        try:
            a = s.add(span[0], span[1], [name])
        except AnnotationError as exc:
            self.app.notify(str(exc), severity="warning")
            return
        if self._known_tags is not None and name not in self._known_tags:
            self._known_tags.append(name)
        self.cancel_selection()
        self._changed(s, f"tagged {name}: \u201c{a.quote[:40].rstrip()}\u201d")

    def _tagged(self, s: CallAnnotations, span: tuple[int, int], name: str) -> Annotation | None:
        """The annotation a tag key would take ``name`` off: the one on
        exactly this span, or, with nothing selected, the one under the
        cursor, when it has that tag."""
        text = s.call.text
        start, end = span
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        exact = next((a for a in s.annotations if a.placed and (a.start, a.end) == (start, end)), None)
        if exact is not None:
            return exact if name in exact.tags else None
        if self.anchor is None and self.fine is None:
            under = self.under_cursor()
            if under is not None and name in under.tags:
                return under
        return None

    def _untag(self, s: CallAnnotations, a: Annotation, name: str) -> None:
        """Take ``name`` off ``a``; an annotation left with no tag, note or
        fields is removed (``u`` brings either back)."""
        quote = f"\u201c{a.quote[:40].rstrip()}\u201d"
        if a.tags == [name] and not a.note and not a.fields:
            s.remove(a.id)
            what = f"removed {name} {quote} (u to undo)"
        else:
            s.remove_tag(a.id, name)
            left = ", ".join(t for t in a.tags if t != name)
            what = f"removed tag {name} from {quote}" + (f", still {left}" if left else "") + " (u to undo)"
        self.cancel_selection()
        self._changed(s, what)

    def prompt_tag(self) -> None:
        if self.editable() is None or self.target_span() is None:
            return

        def chosen(tag: str | None) -> None:
            if tag:
                self.tag(tag, toggle=False)

        from tui.screens.tag_prompt import TagPrompt  # forms are imported when first opened, not at start

        self.app.push_screen(TagPrompt(self.known_tags()), chosen)

    def known_tags(self) -> list[str]:
        if self._known_tags is None:
            paths = [c.path for c in self.app.corpus.entries] or (
                [self.app.current_call.path] if self.app.current_call else []
            )
            extra = list(self.app.config.tags.values())
            self._known_tags = tags_in_use(paths, extra)
        for s in self.sessions.values():
            for t in s.tags():
                if t not in self._known_tags:
                    self._known_tags.append(t)
        return list(self._known_tags)

    def under_cursor(self) -> Annotation | None:
        """The annotation ``a`` and ``x`` act on: the one highlighted in the
        pane when the pane has focus, else the innermost one on the
        cursor's sentence (or word span)."""
        s = self.session()
        if s is not None and self.pane.has_focus:
            chosen = self.pane.annotation_at(self.pane.highlighted)
            if chosen is not None and chosen in s.annotations:
                return chosen
        reader = self.app.reader
        call = reader.call
        if s is None or call is None or call.sentence_count == 0:
            return None
        if self.fine is not None:
            lo, hi = self.fine
        else:
            lo, hi = call.sentence_starts[reader.cursor], call.sentence_ends[reader.cursor]
        found = s.overlapping(lo, hi)
        if not found:
            return None
        return min(found, key=lambda a: (a.end - a.start, a.start))

    def edit_note(self) -> None:
        s = self.editable()
        if s is None:
            return
        a = self.under_cursor()
        if a is not None:
            quote, note, fields, tags = a.quote, a.note, dict(a.fields), a.tags
        else:
            span = self.target_span()
            if span is None:
                return
            quote, note, fields, tags = s.call.text[span[0] : span[1]], "", {}, []
        from annotations.numbers import prefill  # forms are imported when first opened, not at start
        from tui.screens.note_form import NoteForm

        structured = not tags or any(t in BUILTIN_TAGS for t in tags)
        guess = prefill(quote) if structured and not fields else None
        if guess is not None:
            fields.update(guess.fields())
        target_id = a.id if a is not None else None
        span = None if a is not None else self.target_span()

        def done(result: NoteResult | None) -> None:
            if result is None:
                return
            try:
                if target_id is not None:
                    s.set_note(target_id, result.note, result.fields)
                else:
                    s.add(span[0], span[1], [], note=result.note, fields=result.fields)
            except (AnnotationError, ReadOnlyError) as exc:
                self.app.notify(str(exc), severity="error")
                return
            self.cancel_selection()
            self._changed(s, "note saved")

        self.app.push_screen(NoteForm(quote, note, fields, structured=structured, prefilled=guess is not None), done)

    def remove(self) -> None:
        s = self.editable()
        if s is None:
            return
        a = self.under_cursor()
        if a is None:
            self.app.notify("No annotation under the cursor", severity="information", timeout=3)
            return
        s.remove(a.id)
        self._changed(s, f"removed \u201c{a.quote[:40].rstrip()}\u201d (u to undo)")

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
