"""What the annotation keys do to the open call's annotations: tag the
selection or the annotation under the cursor (``1``, ``2``, ``3``-``9``, ``t``
for any tag, the same tag again takes it off), write a note with its
structured fields (``a``, numbers pre-filled from the quote), remove one
(``x``). Every edit is saved at once (``commit``).

A mixin of ``AnnotationsController`` (``tui.annotations_ui``), which holds
the selection, the sessions and the saving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.model import BUILTIN_TAGS, Annotation
from annotations.session import AnnotationError, CallAnnotations, ReadOnlyError
from annotations.tags import tags_in_use

if TYPE_CHECKING:
    from tui.screens.note_form import NoteResult


class AnnotationEdits:
    """``AnnotationsController``'s edits (its attributes are the controller's)."""

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
