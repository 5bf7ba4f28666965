"""``@``: the annotations of every loaded call on one screen, filtered with
search's filter words; enter opens one (its call, the cursor on it).

Installed by ``tui.extensions`` after the annotations feature: calls the app
holds a session for are listed with their edits as the user sees them,
the others as their files say (``annotations.every_call``).

| key | id | action |
| --- | --- | --- |
| ``@`` | annotations.all | every call's annotations (also in the palette) |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.app import EarmarkApp
    from tui.screens.all_annotations import Chosen


def show_all(app: "EarmarkApp", query: str = "") -> None:
    from tui.screens.all_annotations import AllAnnotationsScreen  # imported when first opened, not at start

    if isinstance(app.screen, AllAnnotationsScreen):
        return
    controller = getattr(app, "annotations", None)
    live = {path: list(s.annotations) for path, s in controller.sessions.items()} if controller else {}
    entries = app.corpus.entries or ([app.current_call] if app.current_call else [])
    app.push_screen(AllAnnotationsScreen(entries, live, query), lambda chosen: open_chosen(app, chosen))


def open_chosen(app: "EarmarkApp", chosen: Chosen | None) -> None:
    """Open the annotation's call and put the cursor on it, found by id in
    the call's session (re-anchored there if the transcript changed)."""
    if chosen is None:
        return
    path, annotation_id = chosen
    entry = app.corpus.entry_by_path(path)
    if entry is None and app.current_call is not None and app.current_call.path == path:
        entry = app.current_call
    if entry is None:
        app.notify("That call is not loaded any more", severity="warning")
        return
    if not app.open_call(entry.id):
        return
    controller = getattr(app, "annotations", None)
    session = controller.session() if controller is not None else None
    a = session.file.find(annotation_id) if session is not None else None
    if a is None:
        app.notify(f"Annotation {annotation_id} is not in the file any more", severity="warning")
        return
    if not a.placed:
        app.notify("This annotation's quote is not in the transcript any more (orphaned)", severity="warning")
        return
    app.goto_offset(entry.id, a.start)
    app.reader.focus()


class AllAnnotationsCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        app = self.app
        return [("annotations: every call (filter by tag, speaker, author, company, period)", "@",
                 lambda: show_all(app))]  # type: ignore[arg-type]


def install(app: "EarmarkApp") -> None:
    app.bind_key("at", lambda: show_all(app), "All annotations", id="annotations.all", show=False,
                 key_display="@", tooltip="Annotations of every call")
    if AllAnnotationsCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {AllAnnotationsCommands}  # this app only, not the class
