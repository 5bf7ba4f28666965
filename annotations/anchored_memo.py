"""Where re-anchoring put each annotation of a call, remembered in the
catalog, so that listing every annotation (``earmark annotations``) opens no
call whose answer cannot have changed.

Re-anchoring needs the call's whole text: at 10,000 calls with 1,000
annotated ones, opening them was most of the command. Its answer depends
only on the annotation file, the transcript and the anchoring code, so it
is kept with the annotation file's stamp (size, mtime, inode), the
transcript's sha256 and a hash of this package's source as its key; a
change to any of them means the call is opened and anchored again. An
annotation file written within ``RECENT_SECONDS`` of being read is not
remembered (an edit in the same clock tick would keep its stamp).

Only what a listing shows and filters on is kept; the app and every
command that writes still anchor on the text.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from transcripts import corpus as corpus_module
from transcripts import path_keys
from transcripts.cache import hash_sources
from transcripts.catalog.store import Catalog, CatalogUnavailable

KIND = "anchored-annotations-2"
"""Rows are pickled lists of dicts (``-2``: JSON before; 12 MB of it at 30,000
calls took 0.16 s to decode, the pickle 0.075 s)."""

_PACKAGE_DIR = Path(__file__).resolve().parent
_fingerprint: str | None = None

KEPT = ("id", "start", "end", "quote", "tags", "speaker", "note", "fields", "status", "review", "line",
        "author", "reviewed")
"""The annotation's attributes a listing shows or filters on."""
_KEPT_SET = frozenset(KEPT)


def code_fingerprint() -> str:
    """A hash of this package's source: anchoring rules that change make
    every remembered answer stale."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256()
        hash_sources(digest, _PACKAGE_DIR)
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


class AnchoredMemo:
    """``get`` before opening a call, ``put`` after anchoring it, ``save``
    once at the end. Without a catalog it remembers nothing and costs
    nothing."""

    def __init__(self) -> None:
        try:
            self._catalog: Catalog | None = Catalog()
        except CatalogUnavailable:
            self._catalog = None
        self._rows = self._catalog.memos(KIND) if self._catalog is not None else {}
        self._fresh: list[tuple[str, str, str]] = []

    def stamp(self, sidecar: Path, transcript_sha: str) -> str | None:
        """The key an answer is good for, taken before the file is read
        (None: no file, or one written too recently to trust its stamp)."""
        try:
            st = os.stat(sidecar)
        except OSError:
            return None
        if st.st_mtime_ns > time.time_ns() - int(corpus_module.RECENT_SECONDS * 1e9):
            return None
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{transcript_sha}:{code_fingerprint()}"

    def get(self, sidecar: Path, stamp: str | None) -> list[Annotation] | None:
        kept = self.get_kept(sidecar, stamp)
        if kept is None:
            return None
        if not all(isinstance(item, dict) and item.keys() == _KEPT_SET for item in kept):
            return None  # a damaged row (a field missing would take its default): anchored again, and replaced
        try:
            return [Annotation(**item) for item in kept]
        except TypeError:
            return None

    def get_kept(self, sidecar: Path, stamp: str | None) -> list[dict[str, Any]] | None:
        """What ``get`` makes annotations of, as it was kept (``KEPT``): a
        listing that filters nothing needs no ``Annotation`` of 30,000."""
        if stamp is None:
            return None
        row = self._rows.get(path_keys.resolved(sidecar))
        if row is None or row[0] != stamp:
            return None
        try:
            kept = pickle.loads(row[1])
        except Exception:  # noqa: BLE001 (a damaged row, whatever unpickling makes of it: anchored again, and replaced)
            return None
        # Each item is what ``put`` wrote for this very stamp, which names this
        # code (``code_fingerprint``): a caller that finds an item short of a
        # field (a damaged catalog) anchors the call again (``get`` checks
        # every item's fields; the listing meets a KeyError).
        return kept if isinstance(kept, list) else None

    def put(self, sidecar: Path, stamp: str | None, annotations: list[Annotation]) -> None:
        if stamp is None or self._catalog is None:
            return
        try:
            value = pickle.dumps([kept_fields(a) for a in annotations], protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 (a value that does not pickle: anchored again each time)
            return
        self._fresh.append((path_keys.resolved(sidecar), stamp, value))

    def save(self) -> None:
        if self._catalog is None:
            return
        if self._fresh:
            self._catalog.write_memos(KIND, self._fresh)
            self._fresh = []
        self._catalog.close()
        self._catalog = None


def kept_fields(a: Annotation) -> dict[str, Any]:
    """``a``'s ``KEPT`` attributes, as a row keeps them (and a listing reads them)."""
    return {name: getattr(a, name) for name in KEPT}
