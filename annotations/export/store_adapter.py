"""Reading one annotation file for an export, the way the reader does.

The annotation store (``annotations.store``) reads and validates the file
(``file:line`` problems; what could be read is still returned) and
``annotations.anchoring`` re-places each annotation in the current text,
setting its status. This module is the one place the export knows those
names. Anchoring changes only the objects in memory: an export never writes
an annotation file.
"""

from __future__ import annotations

from pathlib import Path

from annotations import anchoring, store
from annotations.model import AnnotationFile
from transcripts.model import Call, Problem


def load(path: Path, call: Call) -> tuple[AnnotationFile | None, list[Problem]]:
    loaded = store.load(path, Path(call.path).name)
    anchoring.anchor_call(call, loaded.file.annotations)
    return loaded.file, list(loaded.problems)
