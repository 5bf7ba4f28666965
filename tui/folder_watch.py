"""Watching the folders the app was opened on: a transcript added, changed
or removed while the app runs is listed (or unlisted) and searchable
within seconds, not at the next start.

The open call's files are ``tui.file_watch``'s (every second); this is the
slower look at everything else: every ``RESCAN_SECONDS`` a worker walks the
folders and compares each file's ``stat`` with the catalog's stamps
(``transcripts.catalog.rescan``: no text is read for an unchanged file).
What changed is put in the corpus on the UI thread, the calls pane and the
status bar follow, and the search index catches up at once
(``app.calls_changed``).

Installed by ``tui.extensions`` (``install(app)``); it waits until the
whole corpus is in, and one interval more (the load has just walked the
folders; at 30,000 calls a walk is a second of the GIL the search pane
wants then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transcripts.catalog.rescan import FolderChanges, apply, rescan

if TYPE_CHECKING:
    from tui.app import EarmarkApp

RESCAN_SECONDS = 5.0
"""A walk and a ``stat`` per file: about 0.1 s of a worker at 10,000 calls."""


class FolderWatch:
    def __init__(self, app: "EarmarkApp", interval: float | None = None) -> None:
        self.app = app
        self.interval = RESCAN_SECONDS if interval is None else interval
        self._busy = False
        self.timer = None
        self._walked = None
        """The corpus its load walked the folders for: the first look after
        a load would only walk them again, while search is being built."""

    def install(self) -> None:
        self.timer = self.app.set_interval(self.interval, self.check, name="folder-watch")

    def check(self) -> None:
        app = self.app
        if self._busy or app.is_loading or not app.paths:
            return
        corpus = app.corpus
        if corpus is not self._walked:
            self._walked = corpus
            return
        current = app.current_call
        skip = [current.path] if current is not None else []
        self._busy = True

        def work() -> None:
            try:
                changes = rescan(app.paths, corpus, skip, follow_links=app.follow_links)
            except Exception:  # a folder gone, a disk error: the next rescan tries again
                changes = FolderChanges()
            try:
                app.call_from_thread(self._apply, corpus, changes)
            except Exception:  # the app is closing
                pass

        app.run_worker(work, thread=True, group="folder-watch", exit_on_error=False)

    def _apply(self, corpus, changes: FolderChanges) -> None:
        self._busy = False
        app = self.app
        if not changes or corpus is not app.corpus:
            return
        apply(corpus, changes)
        app.calls_pane.set_calls(corpus.entries, corpus.errors)
        if app.current_call is not None:
            app.calls_pane.mark_current(app.current_call.id)
        app.show_call_count()
        app.calls_changed()
        parts = [f"{len(v)} {what}" for v, what in ((changes.added, "added"), (changes.changed, "changed"),
                                                    (changes.removed, "removed"), (changes.errors, "unreadable"))
                 if v]
        app.notify(f"Transcripts changed on disk: {', '.join(parts)}", title="Calls", timeout=6)


def install(app: "EarmarkApp") -> FolderWatch:
    watch = FolderWatch(app)
    watch.install()
    app.folder_watch = watch  # type: ignore[attr-defined]
    return watch
