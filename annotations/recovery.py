"""Recovery files: where edits that could not be saved are kept on disk.

One per annotation file: ``<stem>.annotations.recovered.yaml`` beside the
transcript (named after the annotation file, so ``foo.txt`` and ``foo.md``
keep apart), else ``recovered/<stem>-<tag>.annotations.recovered.yaml`` in
the data folder when the transcript's folder cannot be written. A second
session whose save fails too merges its edits into the same file (by
annotation id, under the file's lock) instead of adding a dated copy, and a
session whose save later works takes out only what it has saved, so what
another session kept there is never dropped. A recovery file that cannot be
read, or that holds another session's version of an annotation this one
has changed too, is never written over: a dated name beside it is used
then.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from annotations import file_lock, store
from annotations.codec import annotation_data, to_text
from annotations.ids import new_id
from annotations.model import Annotation, AnnotationFile
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path

RECOVERY_SUFFIX = ".annotations.recovered.yaml"


def recovery_path(transcript: str | Path) -> Path:
    """The recovery file beside ``transcript``."""
    side = sidecar_path(transcript)
    return side.with_name(side.name[: -len(SIDECAR_SUFFIX)] + RECOVERY_SUFFIX)


def data_recovery_path(transcript: str | Path) -> Path:
    t = Path(transcript)
    return _data_recovery_folder() / f"{t.stem}-{_path_tag(t)}{RECOVERY_SUFFIX}"


def targets(transcript: str | Path) -> list[Path]:
    return [recovery_path(transcript), data_recovery_path(transcript)]


def header(name: str, reason: str) -> str:
    return (
        f"# Unsaved annotation edits for {name}, kept by Earmark because:\n"
        f"#   {' '.join(reason.split())}\n"
        f"# While Earmark is still open on this call, it merges them in by itself on\n"
        f"# your next change once it can write {name} again.\n"
        f"# Otherwise compare this file with {name}, copy what you need, and\n"
        f"# delete this file (earmark check lists it until then).\n"
    )


def version_key(a: Annotation) -> tuple[str, str]:
    """One annotation's id and content, to tell versions of it apart."""
    return a.id, repr(sorted(annotation_data(a).items()))


def keep(target: Path, af: AnnotationFile, head: str, mine: set[tuple[str, str]]) -> Path:
    """Write ``af``'s annotations to the recovery file ``target``, merged
    with what it holds already; returns the path written, and adds what it
    wrote of ``af`` to ``mine``. Raises ``OSError`` (and the encoding errors
    of ``to_text``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with file_lock.locked(target):
        annotations = [a.copy() for a in af.annotations]
        got = store.read_current(target)
        if got is not None:
            theirs, problems = store.parse_bytes(got[0], target, af.transcript)
            ours = {a.id: version_key(a) for a in annotations}
            clash = any(
                a.id in ours and version_key(a) != ours[a.id] and version_key(a) not in mine
                for a in theirs.annotations
            )
            if clash or any(p.severity == "error" for p in problems):
                # Another session's version of an annotation we hold too, or
                # a file that cannot be read: never written over.
                target = _unused(target)
            else:
                annotations += [a for a in theirs.annotations if a.id not in ours]
        kept = AnnotationFile(
            path=target, transcript=af.transcript, sha256=af.sha256, version=af.version,
            call=dict(af.call), annotations=annotations, extra=dict(af.extra),
        )
        kept.sort()
        store.write_atomic(target, (head + to_text(kept)).encode("utf-8"))
        mine.update(version_key(a) for a in af.annotations)
    return target


def forget(target: Path, saved: AnnotationFile, mine: set[tuple[str, str]]) -> None:
    """Take out of ``target`` what is saved now: the annotations kept there
    as saved, or as this session kept them (``mine``: it has saved a newer
    version since). What another session kept there stays; the file is
    removed when nothing else is left in it."""
    try:
        with file_lock.locked(target):
            got = store.read_current(target)
            if got is None:
                return
            theirs, problems = store.parse_bytes(got[0], target, saved.transcript)
            if any(p.severity == "error" for p in problems):
                return
            done = mine | {version_key(a) for a in saved.annotations}
            left = [a for a in theirs.annotations if version_key(a) not in done]
            if not left:
                target.unlink()
            elif len(left) < len(theirs.annotations):
                theirs.annotations = left
                theirs.comments = []
                head = header(sidecar_name(target), "another Earmark session could not save them")
                store.write_atomic(target, (head + to_text(theirs)).encode("utf-8"))
    except (OSError, UnicodeEncodeError):
        pass


def sidecar_name(target: Path) -> str:
    name = target.name
    return name[: -len(RECOVERY_SUFFIX)] + SIDECAR_SUFFIX if name.endswith(RECOVERY_SUFFIX) else name


def existing_recoveries(transcript: str | Path) -> list[Path]:
    """Recovery files of ``transcript`` (beside it and in the data folder,
    with the dated ones of earlier versions)."""
    t = Path(transcript)
    prefix = recovery_path(t).name[: -len(".yaml")]
    beside = [t.parent / n for n in _recovery_names(t.parent) if n.startswith(prefix)]
    elsewhere = _data_recovery_folder()
    mine = data_recovery_path(t).name[: -len(".yaml")]
    return beside + [elsewhere / n for n in _recovery_names(elsewhere) if n.startswith(mine)]


def _data_recovery_folder() -> Path:
    from transcripts.locations import data_dir

    return data_dir() / "recovered"


def _path_tag(transcript: Path) -> str:
    """Tells apart recovery files of same-named transcripts in other folders."""
    # fsencode: the name's own bytes, also when they are not UTF-8.
    return hashlib.sha1(os.fsencode(transcript.resolve())).hexdigest()[:8]


_SETTLE_NS = 50_000_000
_listing: dict[Path, tuple[int, list[str]]] = {}


def _recovery_names(folder: Path) -> list[str]:
    """Names of recovery files in ``folder``; the listing is kept until the
    folder changes (its mtime), so checking a thousand calls in one folder
    lists it once, not a thousand times. A folder changed in the last
    moments is listed again (a change in the same clock tick would not move
    its mtime)."""
    try:
        stamp = folder.stat().st_mtime_ns
        cached = _listing.get(folder)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".yaml") and ".annotations.recovered" in e.name)
    except OSError:
        return []
    if time.time_ns() - stamp > _SETTLE_NS:
        _listing[folder] = (stamp, names)
    return names


def _unused(path: Path) -> Path:
    """``path``, or a dated name beside it when it exists already."""
    if not path.exists():
        return path
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    base = path.name[: -len(".yaml")]
    for n in range(1, 1000):
        candidate = path.with_name(f"{base}-{stamp}{'' if n == 1 else f'-{n}'}.yaml")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{base}-{stamp}-{new_id()}.yaml")
