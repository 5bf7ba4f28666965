"""Features that plug into the app (annotations, search, export).

Each entry is ``"module:function"``; the app imports it after its widgets are
mounted and calls ``function(app)``. An installer mounts panes
(``app.add_side_pane``), binds keys (``app.bind_key``), sets reader
decorations, and so on. A feature that fails to install is reported as a
notification and the app keeps running without it.
"""

from __future__ import annotations

INSTALLERS: list[str] = [
    "tui.screens.export_dialog:install",  # e: export dialog (issue 6)
    "tui.widgets.search_pane:install",  # /, n, N: search across calls (issue 5)
    "tui.annotations_ui:install",  # v, 1-9, t, a, x, u, ctrl+r: annotations (issue 4), undo/redo (12)
    "tui.reanchor_ui:install",  # Y, palette: confirm re-anchors, re-link stray files (issues 9, 13)
    "tui.review_ui:install",  # r: reviewed; the config's author (issue 12 item 13); after annotations
    "tui.all_annotations_ui:install",  # @: every call's annotations (issue 12 item 10); after annotations
    "tui.conflicts_ui:install",  # git merge conflicts in annotation files (issue 12); after annotations
    "tui.suggestions_ui:install",  # . , A R d T $ =: suggestions, ledger, compare (issue 11); after annotations
    "tui.copy_ui:install",  # y: copy with a citation (issue 12); after annotations and search
    "tui.file_watch:install",  # the open call's files watched for changes on disk (after annotations)
]
