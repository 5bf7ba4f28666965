"""Files added, changed or removed in a loaded corpus's folders, found
while the app runs.

A rescan costs a walk of the folders and a ``stat`` per file, compared
with the stamps the catalog keeps (no record, no text is read); only a
file that is new or whose stamp moved is parsed, and it is recorded in the
catalog at once (``load.reread_file``), so the next rescan, and the next
start, take it as it is now.

``apply`` then changes the corpus the way a batch of a first run does
(``handoff``): its lists replaced, never changed in place, since a search
worker may be reading them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from transcripts.catalog.entry import adopt
from transcripts.catalog.load import reread_file
from transcripts.catalog.store import CatalogUnavailable, open_catalog
from transcripts.discovery import find_transcripts
from transcripts.model import Call, Problem

if TYPE_CHECKING:
    from transcripts.corpus import Corpus


@dataclass
class FolderChanges:
    added: list[Call] = field(default_factory=list)
    changed: list[Call] = field(default_factory=list)
    """Calls read again, their bytes new (a touched file is not here)."""
    removed: list[str] = field(default_factory=list)
    """Paths of entries whose file is gone."""
    errors: list[Problem] = field(default_factory=list)
    """New or changed files that could not be read."""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.errors)


REREAD_LIMIT = 50
"""Files parsed by one rescan at most (the rest wait for the next one): a
catalog emptied meanwhile by another process must not make one rescan a
whole first run."""


def rescan(paths: Iterable[str | Path], corpus: "Corpus", skip: Iterable[str] = (),
           follow_links: bool = False, limit: int = REREAD_LIMIT) -> FolderChanges:
    """What changed on disk under ``paths`` since ``corpus`` was loaded.
    ``skip``: paths someone else watches (the open call's)."""
    from transcripts.path_keys import resolved

    out = FolderChanges()
    catalog = open_catalog()
    if catalog is None:
        return out  # nowhere to compare stamps with: the next start sees the changes
    try:
        stamps = catalog.stamps()
    except CatalogUnavailable:
        return out
    finally:
        catalog.close()
    entries = {resolved(e.path): e for e in corpus.entries}
    failed = {resolved(p.path) for p in corpus.errors}
    skipped = {resolved(p) for p in skip}
    seen: set[str] = set()
    for path in find_transcripts(paths, [], follow_links=follow_links):
        key = resolved(path)
        seen.add(key)
        if key in skipped:
            continue
        entry = entries.get(key)
        try:
            st = path.stat()
        except OSError:
            continue  # gone between the walk and the stat: the next rescan says so
        if entry is not None and stamps.get(key) == (st.st_size, st.st_mtime_ns):
            continue
        if entry is None and key in failed and stamps.get(key) == (st.st_size, st.st_mtime_ns):
            continue  # still the file that could not be read
        if limit <= 0:
            continue
        limit -= 1
        what = reread_file(path)
        if isinstance(what, Problem):
            if key not in failed:
                out.errors.append(what)
        elif entry is None:
            out.added.append(what)
        elif what.sha256 != entry.sha256:
            out.changed.append(what)
    out.removed = [e.path for key, e in entries.items() if key not in seen and key not in skipped]
    return out


def apply(corpus: "Corpus", changes: FolderChanges) -> None:
    """Put ``changes`` into ``corpus``: a changed call keeps its entry's id
    and corrections; an added one gets its annotation file's and an id of
    its own; the order stays company and period."""
    from transcripts.corpus import apply_sidecar
    from transcripts.path_keys import resolved

    gone = {resolved(p) for p in changes.removed}
    changed = {resolved(c.path): c for c in changes.changed}
    entries = []
    for entry in corpus.entries:
        key = resolved(entry.path)
        if key in gone:
            continue
        new = changed.get(key)
        entries.append(entry if new is None else adopt(new, entry))
    sidecars = {p: info for p, info in corpus.sidecars.items() if resolved(p) not in gone}
    ids = {e.id for e in entries}
    for call in changes.added:
        apply_sidecar(sidecars, call)
        base, n = call.id, 1
        while call.id in ids:
            n += 1
            call.id = f"{base}-{n}"
        ids.add(call.id)
        entries.append(call)
    added = {resolved(c.path) for c in changes.added}
    corpus.errors = [*(p for p in corpus.errors if resolved(p.path) not in gone | added), *changes.errors]
    corpus.sidecars = sidecars
    corpus.entries = sorted(entries, key=lambda c: c.sort_key)
