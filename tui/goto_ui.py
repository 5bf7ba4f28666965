"""Going straight somewhere (issue 12 item 4): ``)`` / ``(`` the next /
previous annotation, ``:`` a turn by number, ``Q`` the start of the Q&A.

``)`` past the last annotation of this call goes on to the next call that
has any (``(`` before the first: the previous one, at its last
annotation), in the calls' order, and the status bar says which call it
went to. Each of these is a jump (``ctrl+o`` comes back).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from transcripts.model import Call
from transcripts.terminal_safe import one_line
from tui.screens.turn_prompt import TurnPrompt

if TYPE_CHECKING:
    from tui.app import EarmarkApp


def _sentence_starts(app: "EarmarkApp", call: Call) -> list[int]:
    """The sentences (sorted, once each) where the call's placed annotations start."""
    controller = getattr(app, "annotations", None)
    session = controller.session(call) if controller is not None else None
    if session is None:
        return []
    out = {call.sentence_at(a.start) for a in session.annotations if a.placed}
    return sorted(s for s in out if s is not None)


def _might_have_annotations(app: "EarmarkApp", entry: Call) -> bool:
    """From what is known without reading the file: an annotation file
    found at load, or edits made in this session."""
    controller = getattr(app, "annotations", None)
    session = controller.sessions.get(entry.path) if controller is not None else None
    if session is not None:
        return any(a.placed for a in session.annotations)
    return app.corpus.annotation_count(entry) > 0


def step_annotation(app: "EarmarkApp", delta: int) -> None:
    call = app.current_call
    if call is None or call.sentence_count == 0:
        return
    if getattr(app, "annotations", None) is None:
        app.status.flash("annotations are not available")
        return
    cursor = app.reader.cursor
    here = _sentence_starts(app, call)
    ahead = [s for s in here if s > cursor] if delta > 0 else [s for s in here if s < cursor]
    if ahead:
        target = ahead[0] if delta > 0 else ahead[-1]
        _go_sentence(app, target)
        app.status.flash(f"annotation {here.index(target) + 1}/{len(here)} in this call")
        return
    entries = list(app.corpus.entries)
    index = next((i for i, e in enumerate(entries) if e.id == call.id), None)
    if index is not None:
        others = entries[index + 1:] if delta > 0 else reversed(entries[:index])
        for entry in others:
            if not _might_have_annotations(app, entry):
                continue
            full = app.corpus.full(entry)
            starts = _sentence_starts(app, full)
            if not starts:
                continue
            if app.open_call(full.id):
                _go_sentence(app, starts[0] if delta > 0 else starts[-1])
                where = "first" if delta > 0 else "last"
                app.status.flash(one_line(f"{where} annotation of {full.label} ({len(starts)} in that call)"))
            return
    app.status.flash("no annotation after this one, in any later call" if delta > 0
                     else "no annotation before this one, in any earlier call")


def _go_sentence(app: "EarmarkApp", sentence: int) -> None:
    call = app.current_call
    if call is not None:
        app.reader.goto_offset(call.sentence_starts[sentence])


def prompt_turn(app: "EarmarkApp") -> None:
    call = app.current_call
    if call is None or not call.turns:
        app.status.flash("no call open")
        return

    def chosen(index: int | None) -> None:
        current = app.current_call
        if index is None or current is None or current.id != call.id:
            return
        turn = current.turns[index]
        target = next((t for t in current.turns[index:] if t.first_sentence < t.end_sentence), None)
        if target is None:
            app.status.flash(f"turn {index + 1} has no text")
            return
        app.reader.goto_turn(target.index)
        note = "" if target is turn else f" (turn {index + 1} has no text)"
        app.status.flash(one_line(f"turn {target.index + 1}: {target.speaker.name}{note}"))

    app.push_screen(TurnPrompt(len(call.turns)), chosen)


def qa_start(app: "EarmarkApp") -> None:
    call = app.current_call
    if call is None:
        return
    if call.qa_start is None:
        app.status.flash("this call has no Q&A section")
        return
    target = next((t for t in call.turns[call.qa_start:] if t.first_sentence < t.end_sentence), None)
    if target is None:
        app.status.flash("the Q&A section has no text")
        return
    app.reader.goto_turn(target.index)
    app.status.flash("start of the Q&A")


def install(app: "EarmarkApp") -> None:
    bind = app.bind_key
    bind("right_parenthesis", partial(step_annotation, app, 1), "Next annotation", id="nav.next_annotation",
         show=False, key_display=")", tooltip="Next annotation (then next calls)")
    bind("left_parenthesis", partial(step_annotation, app, -1), "Previous annotation",
         id="nav.prev_annotation", show=False, key_display="(",
         tooltip="Previous annotation (earlier calls)")
    bind("colon", partial(prompt_turn, app), "Go to turn", id="nav.goto_turn", show=False, key_display=":",
         tooltip="Go to turn N (: then N)")
    bind("Q", partial(qa_start, app), "Start of the Q&A", id="nav.qa_start", show=False)
