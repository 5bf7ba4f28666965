"""Where you left off (issue 12 item 5), as less and vim do: opening a
folder again returns to the call last read in it, and every call opens
where it was last read (this session or an earlier one).

Both are kept in the per-user state file (``tui.user_state``): each call's
place by its file's path (``positions``), and the last call per folder,
that is per set of paths the app was opened on (``last_call``). A place
is a text offset, so it survives the file being read again; a file that
changed since lands at the same offset's sentence, or the last one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transcripts.model import Call
from tui.state_ui import changed, state_of
from tui.user_state import call_key, folder_key

if TYPE_CHECKING:
    from tui.app import EarmarkApp


class Resume:
    def __init__(self, app: "EarmarkApp") -> None:
        self.app = app
        self.state = state_of(app)
        self.folder = folder_key(app.paths) if app.paths else None

    def install(self) -> None:
        app = self.app
        if self.folder is not None:
            last = self.state.get("last_call", self.folder)
            if last is not None and isinstance(last.get("path"), str):
                app.resume_path = last["path"]
        app.position_providers.append(self.saved_sentence)
        app.cursor_listeners.append(self.moved)

    def saved_sentence(self, call: Call) -> int | None:
        entry = self.state.get("positions", call_key(call.path))
        offset = entry.get("offset") if entry is not None else None
        if not isinstance(offset, int) or offset < 0 or call.sentence_count == 0:
            return None
        found = call.sentence_at(min(offset, max(0, len(call.text) - 1)))
        return call.sentence_count - 1 if found is None else found

    def moved(self, call: Call | None, sentence: int) -> None:
        if call is None or call.sentence_count == 0:
            return
        offset = call.sentence_starts[min(sentence, call.sentence_count - 1)]
        key = call_key(call.path)
        saved = self.state.get("positions", key)
        if saved is None or saved.get("offset") != offset:
            self.state.put("positions", key, {"offset": offset, "sha256": call.sha256})
            changed(self.app)
        if self.folder is not None:
            last = self.state.get("last_call", self.folder)
            if last is None or last.get("path") != key:
                self.state.put("last_call", self.folder, {"path": key})
                changed(self.app)


def install(app: "EarmarkApp") -> Resume:
    resume = Resume(app)
    resume.install()
    app.resume = resume  # type: ignore[attr-defined]
    return resume
