"""Marks, as in vim and less (issue 12 item 3): ``m`` then a letter marks
the cursor's place, ``'`` then the letter goes back to it, in any call.

Every mark is global (vim's capital marks): one letter, one place in the
whole corpus, because an analyst's marks are "the CFO's margin comment",
wherever it is. They live in the per-user state file (never in the
annotation files a team shares) and survive a restart; a mark another
running app set is seen at once (the file is read again before going).
Going to a mark is a jump (``ctrl+o`` comes back).
"""

from __future__ import annotations

import string
from functools import partial
from typing import TYPE_CHECKING

from transcripts.terminal_safe import one_line
from tui.palette import Entry, EntryListProvider
from tui.places import Place, describe, go, here
from tui.screens.key_prompt import KeyPrompt
from tui.state_ui import changed, state_of

if TYPE_CHECKING:
    from tui.app import EarmarkApp

LETTERS = string.ascii_letters
SECTION = "marks"


def marks(app: "EarmarkApp") -> dict[str, tuple[Place, str]]:
    """Each mark's place and how it was described when set, by letter."""
    out: dict[str, tuple[Place, str]] = {}
    for letter, entry in sorted(state_of(app).section(SECTION).items()):
        place = Place.from_json(entry)
        if len(letter) == 1 and letter in LETTERS and place is not None:
            out[letter] = (place, one_line(str(entry.get("label", ""))))
    return out


def set_mark(app: "EarmarkApp", letter: str) -> None:
    place = here(app)
    if place is None:
        app.status.flash("no call open: nothing to mark")
        return
    label = describe(app, place)
    state_of(app).put(SECTION, letter, {**place.to_json(), "label": label})
    changed(app)
    app.status.flash(f"mark {letter} set: {label}")


def go_to_mark(app: "EarmarkApp", letter: str) -> None:
    state = state_of(app)
    state.refresh()  # a mark set in another window counts
    found = marks(app).get(letter)
    if found is None:
        app.status.flash(f"no mark {letter} (m then {letter} sets it)")
        return
    place, label = found
    if go(app, place):
        app.status.flash(f"mark {letter}: {describe(app, place) or label}")


def _listing(app: "EarmarkApp") -> str:
    shown = [f"{letter} {label}" for letter, (_, label) in marks(app).items()]
    return ("marks: " + " \u00b7 ".join(shown)) if shown else "no marks yet (m then a letter sets one)"


def prompt_set(app: "EarmarkApp") -> None:
    if app.current_call is None:
        app.status.flash("no call open: nothing to mark")
        return

    def chosen(letter: str | None) -> None:
        if letter:
            set_mark(app, letter)

    app.push_screen(KeyPrompt("Set mark: press a letter", LETTERS, "marks are letters a-z, A-Z"), chosen)


def prompt_go(app: "EarmarkApp") -> None:
    state_of(app).refresh()

    def chosen(letter: str | None) -> None:
        if letter:
            go_to_mark(app, letter)

    app.push_screen(KeyPrompt("Go to mark: press its letter", LETTERS, "marks are letters a-z, A-Z",
                              one_line(_listing(app))), chosen)


class MarkCommands(EntryListProvider):
    """``mark a: VeriSign Q4 2003, turn 5`` for every mark."""

    def entries(self) -> list[Entry]:
        app = self.app
        return [(f"mark {letter}: {label}", f"go to mark {letter} ('{letter})", partial(go_to_mark, app, letter))
                for letter, (_, label) in marks(app).items()]  # type: ignore[arg-type]


def install(app: "EarmarkApp") -> None:
    state_of(app)
    app.bind_key("m", partial(prompt_set, app), "Set mark", id="nav.mark_set", show=False,
                 tooltip="Set a mark (m, then a letter)")
    app.bind_key("apostrophe", partial(prompt_go, app), "Go to mark", id="nav.mark_go", show=False,
                 key_display="'", tooltip="Go to a mark (', then its letter)")
    if MarkCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {MarkCommands}  # this app only, not the class
