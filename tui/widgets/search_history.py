"""Earlier search queries, recalled with up / down in the search box, as
in less, vim and a shell (issue 12 item 8). The queries are kept per user
(``tui.user_state``: most recent first, each once, at most 100).

Up and down also move through the hits, so the box sits between the two:
the history above, the hits below. ``down`` moves down the hits, ``up``
back up them, and ``up`` on the first hit (or with none) recalls the
previous query; while a recalled query is in the box, ``up`` / ``down``
go to older / newer ones, and ``down`` past the newest brings back what
was typed. Typing in the box (editing a recalled query) leaves the
history: up and down move through the hits again.
"""

from __future__ import annotations

from typing import Callable


class QueryHistory:
    def __init__(self, queries: Callable[[], list[str]]) -> None:
        self._queries = queries
        self._entries: list[str] = []
        self.index = -1
        """The recalled entry (-1: not browsing; the box holds what was typed)."""
        self.draft = ""
        self.shown: str | None = None
        """The text this put in the box (its own change is not an edit)."""

    @property
    def browsing(self) -> bool:
        return self.index >= 0

    def older(self, text: str) -> str | None:
        """The query before; None when there is none."""
        if not self.browsing:
            self._entries = [q for q in self._queries() if q != text.strip()]
            self.draft = text
        if self.index + 1 >= len(self._entries):
            return None
        self.index += 1
        self.shown = self._entries[self.index]
        return self.shown

    def newer(self) -> str | None:
        """The query after (past the newest: what was typed); None when not browsing."""
        if not self.browsing:
            return None
        self.index -= 1
        self.shown = self._entries[self.index] if self.browsing else self.draft
        return self.shown

    def edited(self, value: str) -> None:
        """The box changed: by the user (leave the history) or by this."""
        if value != self.shown:
            self.index = -1
            self.shown = None


def remember(app, text: str) -> None:
    """Keep ``text`` as the newest query (saved with the user's state)."""
    from tui.state_ui import changed, state_of

    if text.strip():
        state_of(app).add_query(text)
        changed(app)


def saved_queries(app) -> list[str]:
    from tui.state_ui import state_of

    return state_of(app).history()
