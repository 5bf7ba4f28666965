"""Quitting never loses annotation edits silently.

On ``q`` the app asks its ``quit_guards``; this one gives every call with
pending edits one more save (the disk may have room again), and when some
are still not saved anywhere (a read-only folder and no writable data
folder, a full disk) it asks where to write them instead of quitting
(``tui.screens.unsaved_quit``): a file for one call, a folder of files for
several. A path that exists is never written over; a write that fails asks
again with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotations.session import CallAnnotations

if TYPE_CHECKING:
    from textual.app import App


def guard_quit(app: "App", sessions: list[CallAnnotations]) -> bool:
    """True when the question is on screen (the app must not quit yet)."""
    unsaved = [s for s in sessions if s.pending and not s.save().ok]
    if not unsaved:
        return False
    _ask_where(app, unsaved)
    return True


def _ask_where(app: "App", unsaved: list[CallAnnotations], problem: str = "") -> None:
    from tui.screens.unsaved_quit import UnsavedQuitScreen

    home = Path.home()
    suggested = home / unsaved[0].path.name if len(unsaved) == 1 else home / "earmark-unsaved"
    names = [f"{s.call.title or s.call.id}: {s.path}" for s in unsaved]

    def chosen(result: tuple[str, str] | None) -> None:
        if result is None:
            app.notify("Not quit: your edits are still unsaved", title="Annotations", severity="warning")
        elif result[0] == "quit":
            app.exit()
        else:
            _write_copies(app, unsaved, Path(result[1]).expanduser())

    app.push_screen(UnsavedQuitScreen(names, str(suggested), problem), chosen)


def _write_copies(app: "App", unsaved: list[CallAnnotations], where: Path) -> None:
    """One call: ``where`` is the file; several: a folder holding one file
    per call, named as its annotation file."""
    written: list[Path] = []
    try:
        if len(unsaved) == 1:
            written.append(unsaved[0].write_copy(where))
        else:
            where.mkdir(parents=True, exist_ok=True)
            for s in unsaved:
                written.append(s.write_copy(where / s.path.name))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _ask_where(app, unsaved, f"{exc.filename or where}: not written: {reason}")
        return
    app.exit(message=f"earmark: unsaved annotation edits written to {', '.join(map(str, written))}")
