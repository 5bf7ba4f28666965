"""A place in the corpus (a call and an offset in its text): what the jump
list, the marks and where-you-left-off remember, and how the app goes back
to one.

An offset, not a sentence number, so a place survives a re-read of the
file (sentences are counted again; the offset still points into the same
words) and a restart. The call is named by id and by path: the id to find
it among the loaded calls, the path to say which file it was when it is
not loaded (a mark set in another folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transcripts.model import Call
from transcripts.terminal_safe import one_line

if TYPE_CHECKING:
    from tui.app import EarmarkApp


@dataclass(frozen=True, slots=True)
class Place:
    call: str
    """The call's id."""
    path: str
    offset: int

    def to_json(self) -> dict[str, Any]:
        return {"call": self.call, "path": self.path, "offset": self.offset}

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> "Place | None":
        call, path, offset = entry.get("call"), entry.get("path"), entry.get("offset")
        if isinstance(path, str) and isinstance(offset, int) and offset >= 0:
            return cls(call if isinstance(call, str) else "", path, offset)
        return None


def place_of(call: Call, sentence: int) -> Place:
    """The place of sentence ``sentence`` of ``call``."""
    starts = call.sentence_starts
    offset = starts[min(sentence, len(starts) - 1)] if starts else 0
    return Place(call.id, call.path, offset)


def here(app: "EarmarkApp") -> Place | None:
    call = app.current_call
    if call is None:
        return None
    return place_of(call, app.reader.cursor)


def _entry_for(app: "EarmarkApp", place: Place) -> Call | None:
    """The loaded call a place is in: by path (an id may change with the
    parser), else by id (metadata only: ``corpus.entries``)."""
    wanted = os.path.abspath(place.path)
    by_id = None
    for entry in app.corpus.entries:
        if os.path.abspath(entry.path) == wanted:
            return entry
        if entry.id == place.call:
            by_id = entry
    current = app.current_call
    if current is not None and (os.path.abspath(current.path) == wanted or by_id is None and current.id == place.call):
        return current  # shown while the rest loads
    return by_id


def describe(app: "EarmarkApp", place: Place) -> str:
    """Where a place is, in a user's words: "VeriSign Q4 2003, turn 5"."""
    entry = _entry_for(app, place)
    if entry is None:
        return one_line(os.path.basename(place.path))
    current = app.current_call
    if current is not None and current.id == entry.id:
        index = current.sentence_at(place.offset)
        if index is not None and current.turns:
            turn = current.turns[min(current.turn_index_of_sentence(index), len(current.turns) - 1)]
            return one_line(f"{current.label}, turn {turn.index + 1}")
    return one_line(getattr(entry, "label", None) or os.path.basename(entry.path))


def go(app: "EarmarkApp", place: Place) -> bool:
    """Open the place's call with the cursor on the place; False (and a
    one-line warning) when its call is not loaded."""
    entry = _entry_for(app, place)
    if entry is None:
        app.notify(f"{one_line(place.path)} is not loaded here", severity="warning", timeout=5)
        return False
    return app.goto_offset(entry.id, place.offset)
