"""Suggestions in the app: the sentences Earmark proposes as metrics and
guidance, marked more quietly than real annotations, for the reviewer to
accept or dismiss with one key.

Installed by ``tui.extensions`` after the annotations feature (it saves
through that feature's session, so undo, merging and the save state work the
same). Keys (remappable by id):

| key | id | action |
| --- | --- | --- |
| ``.`` / ``,`` | suggestions.next / suggestions.prev | next / previous suggestion in the call |
| ``A`` | suggestions.accept | accept the suggestion under the cursor, with its fields (edit with ``a``) |
| ``R`` | suggestions.accept_other | accept it as the other tag (metric <-> guidance) |
| ``d`` | suggestions.dismiss | dismiss it (remembered in the annotation file) |
| ``T`` | suggestions.accept_turn | accept every suggestion of the cursor's turn |
| ``$`` | suggestions.ledger | the guidance ledger of the loaded calls |
| ``=`` | suggestions.compare | this call beside the company's previous quarter |

Suggestions are worked out in a thread when a call opens (about 40 ms), so
the reader never waits for them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from rich.style import Style

from annotations.session import AnnotationError, CallAnnotations, ReadOnlyError
from transcripts.model import Call
from transcripts.terminal_safe import one_line
from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from annotations.suggest import Suggestion
    from tui.app import EarmarkApp

MARK_STYLE = Style(underline=True, italic=True)
GUTTER = ("\u00b7", Style(color="grey62"))
OTHER_TAG = {"metric": "guidance", "guidance": "metric"}


class SuggestionMarks:
    """Reader decorations for the open call's suggestions: an underline and
    a dot in the gutter, quieter than an annotation's colour."""

    def __init__(self) -> None:
        self.version = 0
        self.call_path: str | None = None
        self.items: list[Suggestion] = []
        self._starts: list[int] = []

    def update(self, call: Call | None, items: list[Suggestion]) -> None:
        self.call_path = call.path if call else None
        self.items = sorted(items, key=lambda s: s.start)
        self._starts = [s.start for s in self.items]
        self.version += 1

    def overlapping(self, call: Call, start: int, end: int) -> list[Suggestion]:
        if call.path != self.call_path:
            return []
        hi = bisect_left(self._starts, end)
        return [s for s in self.items[:hi] if s.end > start]

    def spans(self, call: Call, start: int, end: int):
        return [(s.start, s.end, MARK_STYLE) for s in self.overlapping(call, start, end)]

    def gutter(self, call: Call, start: int, end: int):
        return GUTTER if self.overlapping(call, start, end) else None


class SuggestionsController:
    def __init__(self, app: "EarmarkApp") -> None:
        self.app = app
        self.marks = SuggestionMarks()
        self._computing: str | None = None
        """The call whose suggestions a worker is working out."""
        self._pending: tuple[str, int] | None = None
        """A ``.`` or ``,`` pressed before they were known: (call path, direction),
        taken when they arrive instead of saying there are none."""

    def install(self) -> None:
        app = self.app
        app.reader.add_decorations(self.marks, key="suggestions")
        app.call_listeners.append(self.on_call)
        annotations = getattr(app, "annotations", None)
        if annotations is not None:
            annotations.change_listeners.append(self.refresh)
        bind = app.bind_key
        bind("full_stop", lambda: self.step(+1), "Next suggestion", id="suggestions.next", show=False, key_display=".")
        bind("comma", lambda: self.step(-1), "Previous suggestion", id="suggestions.prev", show=False, key_display=",")
        bind("A", self.accept, "Accept suggestion", id="suggestions.accept", show=False,
             tooltip="Accept it, with its fields")
        bind("R", lambda: self.accept(other=True), "Accept as the other tag", id="suggestions.accept_other", show=False)
        bind("d", self.dismiss, "Dismiss suggestion", id="suggestions.dismiss", show=False)
        bind("T", self.accept_turn, "Accept all in this turn", id="suggestions.accept_turn", show=False)
        bind("dollar_sign", self.open_ledger, "Guidance ledger", id="suggestions.ledger", show=False, key_display="$")
        bind("equals_sign", self.open_compare, "Compare with the previous quarter", id="suggestions.compare",
             show=False, key_display="=")
        if app.current_call is not None:
            self.on_call(app.current_call)

    # -- working them out --------------------------------------------------

    def _session(self) -> CallAnnotations | None:
        controller = getattr(self.app, "annotations", None)
        return controller.session() if controller is not None else None

    def on_call(self, call: Call | None) -> None:
        if call is None:
            self.marks.update(None, [])
            self.app.reader.refresh_decorations()
            return
        session = self._session()
        if session is None:
            return
        if self._pending is not None and self._pending[0] != call.path:
            self._pending = None  # another call: the step was meant for the one left
        self._computing = call.path
        self.app.run_worker(
            lambda: self._compute(call, session), thread=True, exclusive=True,
            group="suggestions", exit_on_error=False,
        )

    def _compute(self, call: Call, session: CallAnnotations) -> None:
        from annotations.suggest import open_suggestions  # in this worker: not a cost of the first paint

        try:
            items = open_suggestions(call, session)
        except Exception as exc:  # a suggester bug: the reader goes on without them, and says so
            self.app.call_from_thread(self._failed, call, exc)
            return
        self.app.call_from_thread(self._show, call, items)

    def _failed(self, call: Call, exc: Exception) -> None:
        if self._computing == call.path:
            self._computing = None
        if self._pending is not None and self._pending[0] == call.path:
            self._pending = None
            self._say(f"no suggestions: they could not be worked out ({type(exc).__name__})")

    def _show(self, call: Call, items: list[Suggestion]) -> None:
        if self.app.current_call is not call:
            return  # the reader moved on meanwhile
        if self._computing == call.path:
            self._computing = None
        self.marks.update(call, items)
        self.app.reader.refresh_decorations()
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == call.path:
            self.step(pending[1])

    def refresh(self) -> None:
        """Work them out again now (after an accept or a dismissal)."""
        call, session = self.app.current_call, self._session()
        if call is None or session is None:
            return
        from annotations.suggest import open_suggestions

        self._show(call, open_suggestions(call, session))

    # -- moving ----------------------------------------------------------------

    def _cursor_span(self) -> tuple[int, int] | None:
        reader = self.app.reader
        call = reader.call
        if call is None or call.sentence_count == 0:
            return None
        return call.sentence_starts[reader.cursor], call.sentence_ends[reader.cursor]

    def under_cursor(self) -> Suggestion | None:
        span = self._cursor_span()
        call = self.app.current_call
        if span is None or call is None:
            return None
        found = self.marks.overlapping(call, span[0], span[1])
        return found[0] if found else None

    def step(self, direction: int) -> None:
        span = self._cursor_span()
        call = self.app.current_call
        if span is None or call is None:
            return
        if self.marks.call_path != call.path and self._computing == call.path:
            self._pending = (call.path, direction)  # still being worked out: step once they are in
            self._say("finding the suggestions\u2026")
            return
        items = self.marks.items if self.marks.call_path == call.path else []
        if not items:
            self._say("No suggestions in this call")
            return
        starts = [s.start for s in items]
        if direction > 0:
            i = bisect_right(starts, span[0])
            target = items[i] if i < len(items) else None
        else:
            i = bisect_left(starts, span[0]) - 1
            target = items[i] if i >= 0 else None
        if target is None:
            self._say("No more suggestions " + ("below" if direction > 0 else "above"))
            return
        self.app.reader.goto_offset(target.start)
        self._say(self.describe(target))

    @staticmethod
    def describe(s: Suggestion) -> str:
        fields = s.fields
        figure = fields.get("value")
        if figure is None and ("low" in fields or "high" in fields):
            figure = f"{fields.get('low', '…')}–{fields.get('high', '…')}"
        what = " ".join(str(x) for x in (fields.get("metric"), figure, fields.get("unit"), fields.get("period")) if x not in (None, ""))
        return one_line(f"suggested {s.tag} {s.score}: {what or s.reason}")

    def _say(self, text: str) -> None:
        """In the status bar, as every key says what it did."""
        self.app.status.flash(text)

    # -- judging -----------------------------------------------------------------

    def _editable(self) -> CallAnnotations | None:
        controller = getattr(self.app, "annotations", None)
        return controller.editable() if controller is not None else None

    def _commit(self, session: CallAnnotations, what: str) -> None:
        self.app.annotations.commit(session, what)  # type: ignore[attr-defined]  (refreshes us too)
        self._say(what)

    def accept(self, other: bool = False) -> None:
        s = self.under_cursor()
        if s is None:
            self._say("No suggestion on this sentence (. and , move between them)")
            return
        session = self._editable()
        if session is None:
            return
        tag = OTHER_TAG.get(s.tag, s.tag) if other else s.tag
        try:
            session.add(s.start, s.end, [tag], fields=dict(s.fields))
        except (AnnotationError, ReadOnlyError) as exc:
            self.app.notify(str(exc), severity="warning")
            return
        self._commit(session, f"accepted as {tag}: \u201c{one_line(s.text[:40])}\u201d")

    def accept_turn(self) -> None:
        call = self.app.current_call
        session = self._editable()
        if call is None or session is None or call.sentence_count == 0:
            return
        turn = call.turn_index_of_sentence(self.app.reader.cursor)
        chosen = [s for s in self.marks.items if s.turn == turn] if self.marks.call_path == call.path else []
        if not chosen:
            self._say("No suggestions in this turn")
            return
        try:
            with session.one_step():  # one undo step, one redo step
                for s in chosen:
                    session.add(s.start, s.end, list(s.tags), fields=dict(s.fields))
        except (AnnotationError, ReadOnlyError) as exc:
            self.app.notify(str(exc), severity="warning")
        self._commit(session, f"accepted {len(chosen)} suggestion{'s' if len(chosen) != 1 else ''} of this turn")

    def dismiss(self) -> None:
        s = self.under_cursor()
        if s is None:
            self._say("No suggestion on this sentence")
            return
        session = self._editable()
        if session is None:
            return
        session.dismiss(s.text)
        self._commit(session, f"dismissed: \u201c{one_line(s.text[:40])}\u201d")

    # -- screens -------------------------------------------------------------------

    def open_ledger(self) -> None:
        from tui.screens.ledger import LedgerScreen

        calls = list(self.app.corpus.calls) or ([self.app.current_call] if self.app.current_call else [])

        def chosen(target: tuple[str, int] | None) -> None:
            if target is not None:
                self.app.goto_offset(*target)
                self.app.reader.focus()

        self.app.push_screen(LedgerScreen(calls), chosen)

    def open_compare(self) -> None:
        from tui.screens.compare import CompareScreen, previous_call

        call = self.app.current_call
        if call is None:
            return
        before = previous_call(call, self.app.corpus.entries)
        if before is not None:
            before = self.app.corpus.full(before)
        if before is None:
            self._say(f"No earlier call of {call.company or 'this company'} is loaded")
            return
        self.app.push_screen(CompareScreen(before, call))


class SuggestionCommands(EntryListProvider):
    """Palette entries: the ledger, the comparison with the previous
    quarter, and accepting the suggestions of the open call."""

    def entries(self) -> list[Entry]:
        controller: SuggestionsController | None = getattr(self.app, "suggestions", None)
        if controller is None:
            return []
        out: list[Entry] = [("ledger: guidance given and what came of it", "every loaded call ($)", controller.open_ledger)]
        if self.app.current_call is not None:
            out.append(("compare with the previous quarter", "side by side, changes marked (=)", controller.open_compare))
            out.append(("suggestions: next", "the next proposed metric or guidance (.)", lambda: controller.step(+1)))
        return out


def install(app: "EarmarkApp") -> SuggestionsController:
    controller = SuggestionsController(app)
    controller.install()
    app.suggestions = controller  # type: ignore[attr-defined]
    if SuggestionCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {SuggestionCommands}  # this app only, not the class
    return controller
