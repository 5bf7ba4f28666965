"""The jump list in the app: ``ctrl+o`` goes back to where a jump left
from, ``ctrl+i`` forward again (issue 12 item 2).

What is a jump: every move that is not a step. The reader reports its own
(``g``/``G``, ``s``/``S``, ``]``/``[``, and every ``goto_turn`` and
``goto_offset``: a search hit, an annotation, a ledger row, a speaker or
question chosen in a pane, a mark, ``:``N, ``Q``, ``)``/``(``); a call
switch (``>``/``<``, the palette, the calls pane) is one too, seen here as
the cursor arriving in another call. A step (``j``/``k``, ``}``/``{``,
a page) is not.

A terminal sends ctrl+i as tab. Tab in the transcript goes forward only
when there is a place to go forward to (right after ``ctrl+o``); otherwise
it moves focus between panes as it always did, and shift+tab always does.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from textual.actions import SkipAction

from transcripts.model import Call
from tui.jump_list import JumpList
from tui.places import Place, describe, go, place_of

if TYPE_CHECKING:
    from tui.app import EarmarkApp


class Jumps:
    def __init__(self, app: "EarmarkApp") -> None:
        self.app = app
        self.list: JumpList[Place] = JumpList()
        self._here: Place | None = None
        """Where the cursor was at the last move (the place a call switch leaves)."""
        self._loaded = False
        """Whether the corpus was in at the last move."""
        self._quiet = 0
        self._arrived: str | None = None
        """A call just opened by a jump: the move to the target inside it is
        the same jump, recorded once (from the call left)."""

    def install(self) -> None:
        app = self.app
        app.cursor_listeners.append(self._moved)
        app.reader.jump_listeners.append(self._jumped)
        app.bind_key("ctrl+o", self.back, "Jump back", id="nav.jump_back", show=False,
                     tooltip="Back to where the last jump left")
        # ctrl+i is tab in a terminal: bound ahead of the screen's focus keys,
        # it steps aside (focus moves) unless the transcript has focus and
        # there is a place ahead.
        app.bind_key("tab,ctrl+i", self.forward_on_tab, "Jump forward", id="nav.jump_forward",
                     show=False, priority=True, key_display="ctrl+i / tab",
                     tooltip="Forward again (after ctrl+o)")

    # -- recording ---------------------------------------------------------

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Moves made inside are not jumps (the jump list's own)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def record(self, place: Place) -> None:
        if not self._quiet:
            self.list.record(place)

    def _moved(self, call: Call | None, sentence: int) -> None:
        if call is None or call.sentence_count == 0:
            return
        before, was_loaded = self._here, self._loaded
        self._here = place_of(call, sentence)
        self._loaded = bool(self.app.corpus.entries)
        # The call shown while the rest loads giving way to the latest is no jump.
        if before is not None and before.call != call.id and was_loaded:
            self.record(before)
            self._arrived = call.id
            self.app.call_later(self._settled)

    def _settled(self) -> None:
        self._arrived = None

    def _jumped(self, call: Call, before: int) -> None:
        if self._arrived == call.id:
            return
        self.record(place_of(call, before))

    # -- going ---------------------------------------------------------------

    def back(self) -> None:
        here = self._here_now()
        if here is None:
            return
        place = self.list.back(here)
        if place is None:
            self.app.status.flash("no earlier jump")
            return
        self._go(place, "back")

    def forward(self) -> None:
        place = self.list.forward()
        if place is None:
            self.app.status.flash("no later jump (ctrl+o goes back)")
            return
        self._go(place, "forward")

    def forward_on_tab(self) -> None:
        app = self.app
        if app.focused is not app.reader or not self.list.can_go_forward:
            raise SkipAction()
        self.forward()

    def _here_now(self) -> Place | None:
        call = self.app.current_call
        return place_of(call, self.app.reader.cursor) if call is not None and call.sentence_count else None

    def _go(self, place: Place, way: str) -> None:
        with self.quiet():
            arrived = go(self.app, place)
        if arrived:
            n, total = self.list.position
            self.app.status.flash(f"{way} {n}/{total}: {describe(self.app, place)}")


def install(app: "EarmarkApp") -> Jumps:
    jumps = Jumps(app)
    jumps.install()
    app.jumps = jumps  # type: ignore[attr-defined]
    return jumps
