"""What each annotation file tells the corpus (its ``call:`` corrections,
its warnings, how many annotations it holds), remembered in the catalog by
the file's stamp.

Without it every start and every command read every annotation file again,
and ``earmark calls`` parsed each one whole only to count its annotations:
3.7 s of a 7 s command at 10,000 calls and 1,000 annotated ones. An
annotation file changes far less often than it is read, so its stamp (size,
mtime) is enough to know the answer is still good, the same way the catalog
trusts a transcript's stamp. A stamp seen within ``RECENT_SECONDS`` of the
file being written can hide a second edit in the same clock tick, so such a
row is read again next time rather than believed.

Counting means parsing the whole file, so a load never counts (most
annotation files have no ``call:`` block and are not parsed at all). The
count is taken when first asked for (``earmark calls``, ``show``) and
written to the catalog then, one small transaction each.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

from transcripts import corpus as corpus_module
from transcripts import path_keys
from transcripts.call_overrides import SidecarInfo, read_sidecar_info
from transcripts.catalog import remembered_rows
from transcripts.catalog.store import Catalog, CatalogUnavailable, SidecarRow
from transcripts.model import Problem
from transcripts.sidecar import SIDECAR_SUFFIX, listed_sidecar_path, path_stem, sidecar_path


class SidecarMemo:
    """A drop-in for ``read_sidecar_info`` that answers from the catalog
    where it can; ``save`` writes what it had to read."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog: Catalog | None = catalog
        self._catalog_path = catalog.path
        self._rows = catalog.sidecar_rows()
        self._fresh: list[tuple[str, SidecarRow]] = []
        self._lock = threading.Lock()
        self._names: dict[str, frozenset[str]] = {}
        self._told_remembered = False

    def __call__(self, transcript: str | Path) -> SidecarInfo | None:
        if not self._may_have_one(str(transcript)):
            return None
        listed = listed_sidecar_path(str(transcript))  # the folder's listing decides it, mostly
        path = Path(listed) if listed is not None else sidecar_path(transcript)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None if not os.path.lexists(path) else read_sidecar_info(transcript)  # a dangling link: its warning
        except OSError:
            return read_sidecar_info(transcript)  # unreadable: its warning
        if not stat.S_ISREG(st.st_mode):
            return read_sidecar_info(transcript)
        key = path_keys.resolved(path)
        row = self._rows.get(key)
        recent_ns = int(corpus_module.RECENT_SECONDS * 1e9)
        if (row is not None and row.size == st.st_size and row.mtime_ns == st.st_mtime_ns
                and row.mtime_ns < row.checked_ns - recent_ns):
            info = _info_of(path, row)
        else:
            info = read_sidecar_info(transcript)
            if info is None:
                return None
            row = SidecarRow(st.st_size, st.st_mtime_ns, time.time_ns(), dict(info.overrides),
                             [(p.message, p.line, p.severity) for p in info.problems], info.known_count)
            self._rows[key] = row
            self._fresh.append((key, row))
        if row.count is None:
            info.counted = lambda n: self._counted(key, row, n)
        return info

    def _may_have_one(self, transcript: str) -> bool:
        """False when neither name an annotation file of ``transcript`` can
        have is in its folder: nine calls in ten have none, and telling so
        from one listing per folder saves the three stats ``sidecar_path``
        and the reading take for each."""
        folder, name = os.path.split(transcript)
        names = self._names.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(folder or "."))
            except OSError:
                return True  # let the exact path say what is wrong
            self._names[folder] = names
        return path_stem(name) + SIDECAR_SUFFIX in names or name + SIDECAR_SUFFIX in names

    def save(self) -> None:
        """Remember what was read this time (one transaction; a disk that
        refuses only means it is read again next time)."""
        with self._lock:
            if self._fresh and self._catalog is not None:
                self._catalog.write_sidecars(self._fresh)
            self._fresh = []
            self._catalog = None  # the load closes it; a count taken later opens one of its own

    def _counted(self, key: str, row: SidecarRow, count: int) -> None:
        row.count = count
        with self._lock:
            if self._catalog is None:
                try:
                    self._catalog = Catalog(self._catalog_path)
                except CatalogUnavailable:
                    return
            self._catalog.write_sidecars([(key, row)])
            if not self._told_remembered:  # the corpus remembered by this load holds no count
                remembered_rows.mark_stale(self._catalog)
                self._told_remembered = True


def _info_of(path: Path, row: SidecarRow) -> SidecarInfo:
    """The remembered answer, its warnings naming the file as spelled now."""
    info = SidecarInfo(path, dict(row.overrides),
                       [Problem(str(path), message, line, severity) for message, line, severity in row.problems])
    if row.count is not None:
        info.annotation_count = row.count
    return info
