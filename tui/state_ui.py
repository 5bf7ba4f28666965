"""The app's handle on the per-user state file (``tui.user_state``): read
once, on first use, with its warning shown once; saved a moment after a
change (several changes, one write) and when the app closes.

Features ask ``state_of(app)`` and, after changing it, ``changed(app)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widget import Widget

from tui.user_state import UserState

if TYPE_CHECKING:
    from tui.app import EarmarkApp

SAVE_DELAY = 1.0
"""Seconds between a change and the write (a cursor move is a change)."""


class StateKeeper(Widget):
    """Invisible; saves soon after a change, and on unmount (the app closing)."""

    DEFAULT_CSS = "StateKeeper { display: none; }"

    def __init__(self, state: UserState) -> None:
        super().__init__(id="user-state")
        self.state = state
        self._timer: Timer | None = None

    def schedule(self) -> None:
        if self._timer is None and self.is_attached:
            self._timer = self.set_timer(SAVE_DELAY, self.save)

    def save(self) -> None:
        self._timer = None
        reported = self.state.save_problem
        if not self.state.save() and self.state.save_problem != reported:
            self.app.notify(self.state.save_problem or "", title="Earmark", severity="warning", timeout=8)

    def on_unmount(self) -> None:
        self.state.save()


def _keeper(app: "EarmarkApp") -> StateKeeper:
    keeper = getattr(app, "_state_keeper", None)
    if keeper is None:
        state = UserState.load()
        if state.problem:
            app.notify(state.problem, title="Earmark", severity="warning", timeout=10)
        keeper = app._state_keeper = StateKeeper(state)  # type: ignore[attr-defined]
        app.mount(keeper)
    return keeper


def state_of(app: "EarmarkApp") -> UserState:
    return _keeper(app).state


def changed(app: "EarmarkApp") -> None:
    """Save soon (and in any case when the app closes)."""
    _keeper(app).schedule()


def save_now(app: "EarmarkApp") -> None:
    _keeper(app).save()
