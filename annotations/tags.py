"""The tags in use across a corpus, for completion at the tag prompt.

Built-in tags come first, then the corpus's own by how often they are used,
so the tags a team already agreed on are the first ones offered.

Opening the prompt must stay instant with a thousand annotated calls, so
the ``tags: [...]`` lines Earmark writes are read with a pattern; only a
file whose tags are written some other way (by hand, in block style) is
read in full through the store.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from annotations import store
from annotations.model import BUILTIN_TAGS
from transcripts.sidecar import sidecar_path
from transcripts.sidecar_read import read_sidecar_bytes

_FLOW_TAGS = re.compile(r"^(?:- |  )tags: \[([^\]'\"]*)\]$", re.MULTILINE)
_ANY_TAGS = re.compile(r"^[ -]*tags:", re.MULTILINE)


def _tags_of_file(side: Path, transcript_name: str) -> list[str]:
    try:
        text = read_sidecar_bytes(side)[0].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # too big, unreadable: the store reports it
        return []
    flow = _FLOW_TAGS.findall(text)
    if len(flow) == len(_ANY_TAGS.findall(text)):
        return [t.strip() for line in flow for t in line.split(",") if t.strip()]
    loaded = store.load(side, transcript_name)
    return [t for a in loaded.file.annotations for t in a.tags]


def tags_in_use(transcripts: Iterable[str | Path], extra: Iterable[str] = ()) -> list[str]:
    counts: Counter[str] = Counter()
    for t in transcripts:
        side = sidecar_path(t)
        if side.exists():
            counts.update(_tags_of_file(side, Path(t).name))
    counts.update(extra)
    rest = sorted((t for t in counts if t not in BUILTIN_TAGS), key=lambda t: (-counts[t], t))
    return [*BUILTIN_TAGS, *rest]


def complete(prefix: str, known: Iterable[str]) -> list[str]:
    """Known tags starting with ``prefix`` (case-insensitive), in the given order."""
    p = prefix.casefold()
    return [t for t in known if t.casefold().startswith(p) and t.casefold() != p] if p else list(known)
