"""Merge conflicts in annotation files, resolved in the app.

A git merge through ``earmark merge-annotations`` keeps both versions of an
annotation both branches changed, each marked ``conflict:``. When such a
call opens, the app says so; ``x`` on one version removes it and resolves
the pair, and the palette offers "conflict: keep ..." for each version
(the other is removed), also for one the other branch had removed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from transcripts.model import Call
from transcripts.terminal_safe import one_line
from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.app import EarmarkApp


def _short(text: str, width: int = 50) -> str:
    text = one_line(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "\u2026"


class ConflictCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        app = self.app
        controller = getattr(app, "annotations", None)
        session = controller.session() if controller is not None else None
        if session is None:
            return []
        out: list[Entry] = []
        for a in session.conflicts():
            other = a.extra["conflict"]
            detail = "the other branch removed it" if other == "removed" else f"drops version {other}"
            label = f"conflict: keep {a.id} \u201c{_short(a.note or a.quote)}\u201d"
            out.append((label, detail, partial(keep, app, a.id)))
        return out


def keep(app: "EarmarkApp", annotation_id: str) -> None:
    controller = app.annotations  # type: ignore[attr-defined]
    session = controller.editable()
    if session is None:
        return
    session.keep(annotation_id)
    controller.commit(session, f"conflict resolved: kept {annotation_id}")


def on_call(app: "EarmarkApp", call: Call | None) -> None:
    controller = getattr(app, "annotations", None)
    session = controller.session(call) if controller is not None and call is not None else None
    if session is None:
        return
    n = len(session.conflicts())
    if n:
        app.notify(
            f"{n} annotation{'s' if n != 1 else ''} marked by a git merge (changed on both branches): "
            "x removes a version, ctrl+p \u2192 \"conflict: keep\" keeps one",
            title="Merge conflicts", severity="warning", timeout=12,
        )


def install(app: "EarmarkApp") -> None:
    app.call_listeners.append(partial(on_call, app))
    if ConflictCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {ConflictCommands}  # this app only, not the class
    if app.current_call is not None:
        on_call(app, app.current_call)
