"""Annotated text by tag, for search's ``tag:`` filter.

The command line and the app's search pane both ask for it; it reads the
calls' annotation files through the one reader of them, so it lives here,
below both.
"""

from __future__ import annotations

from collections import defaultdict

from transcripts.corpus import Corpus


def tag_spans_for(corpus: Corpus, problems: list | None = None) -> dict[str, list[tuple[str, int, int]]]:
    """Annotated text by tag (lower case), read from the calls' annotation
    files, for the ``tag:`` filter: ``{"guidance": [(call id, start, end)]}``.
    Orphaned annotations (their quote is gone) are left out. What could not
    be read is added to ``problems`` when given: a broken file must not pass
    for "no text has this tag"."""
    from annotations.export.store_adapter import load  # the one reader of annotation files
    from transcripts.sidecar import sidecar_path

    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for call in corpus.calls:
        path = sidecar_path(call.path)
        if not path.exists():
            continue
        file, found = load(path, call)
        if problems is not None:
            problems.extend(found)
        if file is None:
            continue
        for a in file.annotations:
            if a.status == "orphaned":
                continue
            for tag in a.tags:
                spans[str(tag).casefold()].append((call.id, a.start, a.end))
    return dict(spans)
