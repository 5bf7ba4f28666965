"""Reviewing annotations in the app: ``r`` marks the annotation under the
cursor reviewed (by the configured author, now) or takes the mark off;
``u`` undoes it like any edit. Also hands the config's ``author:`` to
``annotations.authors``, so new annotations name their author.

Installed by ``tui.extensions`` after the annotations feature (it edits and
saves through that feature's session).

| key | id | action |
| --- | --- | --- |
| ``r`` | annotations.review | mark the annotation under the cursor reviewed / not reviewed |
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import authors
from annotations.session import AnnotationError, ReadOnlyError
from transcripts.terminal_safe import one_line
from tui.author_setting import apply_author_setting
from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.app import EarmarkApp


def toggle_review(app: "EarmarkApp") -> None:
    controller = app.annotations  # type: ignore[attr-defined]
    a = controller.under_cursor()
    if a is None:
        app.status.flash("no annotation under the cursor to review")
        return
    s = controller.editable()
    if s is None:
        return
    try:
        a = s.toggle_reviewed(a.id)
    except (AnnotationError, ReadOnlyError) as exc:
        app.notify(str(exc), severity="error")
        return
    quote = one_line(" ".join(a.quote.split()))[:40].rstrip()
    if a.reviewed is not None:
        by = a.reviewed.get("by")
        what = f"reviewed \u201c{quote}\u201d" + (f" as {by}" if by else "") + " (r again: not reviewed)"
    else:
        what = f"not reviewed any more: \u201c{quote}\u201d (u to undo)"
    controller.commit(s, what)


class ReviewCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        app = self.app
        controller = getattr(app, "annotations", None)
        if controller is None or controller.under_cursor() is None:
            return []
        return [("review: toggle reviewed on the annotation under the cursor", "r",
                 lambda: toggle_review(app))]  # type: ignore[arg-type]


def warm_author(call) -> None:
    """Ask git for the author of the call's folder in a thread, once, so the
    first tag key never waits for ``git config``."""
    if call is None or authors.known(Path(call.path).parent):
        return
    threading.Thread(target=authors.current_author, args=(Path(call.path).parent,), daemon=True).start()


def install(app: "EarmarkApp") -> None:
    apply_author_setting(app.config)
    app.call_listeners.append(warm_author)
    warm_author(app.current_call)
    app.bind_key("r", lambda: toggle_review(app), "Reviewed", id="annotations.review", show=False,
                 tooltip="Mark reviewed (again: not reviewed)")
    if ReviewCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {ReviewCommands}  # this app only, not the class
