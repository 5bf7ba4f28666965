"""Features that plug into the app (annotations, search, export).

Each entry is ``"module:function"``; the app imports it after its widgets are
mounted and calls ``function(app)``. An installer mounts panes
(``app.add_side_pane``), binds keys (``app.bind_key``), sets reader
decorations, and so on. A feature that fails to install is reported as a
notification and the app keeps running without it.
"""

from __future__ import annotations

INSTALLERS: list[str] = [
    "tui.resume_ui:install",  # where you left off: the last call and each call's place (issue 12); first
    "tui.export_keys:install",  # e: export dialog (issue 6)
    "tui.widgets.search_pane:install",  # /, n, N: search across calls (issue 5)
    "tui.annotations_ui:install",  # v, 1-9, t, a, x, u, ctrl+r: annotations (issue 4), undo/redo (12)
    "tui.reanchor_ui:install",  # Y, palette: confirm re-anchors, re-link stray files (issues 9, 13)
    "tui.review_ui:install",  # r: reviewed; the config's author (issue 12 item 13); after annotations
    "tui.all_annotations_ui:install",  # @: every call's annotations (issue 12 item 10); after annotations
    "tui.conflicts_ui:install",  # git merge conflicts in annotation files (issue 12); after annotations
    "tui.suggestions_ui:install",  # . , A R d T $ =: suggestions, ledger, compare (issue 11); after annotations
    "tui.jumps_ui:install",  # ctrl+o / ctrl+i (tab): the jump list (issue 12)
    "tui.marks_ui:install",  # m / ': marks across calls, kept per user (issue 12)
    "tui.goto_ui:install",  # ) ( : Q: annotations, turn N, the Q&A (issue 12); after annotations
    "tui.nav_palette:install",  # the keys above in the command palette
    "tui.copy_ui:install",  # y: copy with a citation (issue 12); after annotations and search
    "tui.file_watch:install",  # the open call's files watched for changes on disk (after annotations)
    "tui.folder_watch:install",  # transcripts added, changed or removed in the folders (issue 14)
]
