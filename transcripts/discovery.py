"""Which files a list of paths names: files as given, folders walked.

Walking is where a corpus meets the messiness of real disks (unreadable
folders, broken links, symlink loops), so every such case becomes a
``Problem`` naming the path instead of an exception or a silent gap.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from transcripts.model import Problem
from transcripts.formats import SUFFIXES
from transcripts.sidecar import SIDECAR_SUFFIX, is_sidecar


EXPORT_STEM = ".highlights"
"""Highlight summaries that Earmark's export writes beside the transcripts
(``<name>.highlights.md``, ``.highlights.json``): not transcripts, so never
walked into a corpus."""
SAVED_PAGE_FOLDER = "_files"
"""A browser saving ``Page.html`` "complete" puts its images, scripts and
frames in ``Page_files/``: parts of the page, not transcripts."""


def is_transcript_name(name: str) -> bool:
    return (
        not name.startswith(".")
        and os.path.splitext(name)[1].lower() in SUFFIXES
        and not is_sidecar(name)
        and not os.path.splitext(name)[0].lower().endswith(EXPORT_STEM)
    )


def _is_saved_page_folder(name: str, files: list[str]) -> bool:
    if not name.endswith(SAVED_PAGE_FOLDER):
        return False
    stem = name[: -len(SAVED_PAGE_FOLDER)]
    return any(f"{stem}{suffix}" in files for suffix in (".html", ".htm", ".xhtml"))


def find_transcripts(paths: Iterable[str | Path], errors: list[Problem]) -> Iterator[Path]:
    """Transcript files under ``paths``, each folder's in name order.

    A file named directly is taken whatever its name (the user chose it),
    an annotation file stands for its transcript; inside folders only transcript suffixes count, hidden files and folders
    and annotation files are skipped. A broken link named directly is
    yielded so that reading it reports the problem."""
    for raw in paths:
        if not str(raw).strip():  # `earmark calls "$DIR"` with DIR unset: not the current folder
            errors.append(Problem('""', "empty path; a file or folder was expected"))
            continue
        p = Path(raw)
        if p.is_dir():
            yield from _walk(p, errors)
        elif is_sidecar(p):
            transcript = transcript_of_sidecar(p)
            if transcript is None:
                errors.append(Problem(str(p), "annotation file whose transcript is missing"))
            else:
                yield transcript
        elif p.exists() or p.is_symlink():
            yield p
        else:
            errors.append(Problem(str(p), "no such file or folder"))


def transcript_of_sidecar(sidecar: Path) -> Path | None:
    """``acme-2024-q3.annotations.yaml`` names ``acme-2024-q3.txt`` (or
    ``.text``, ``.md``, ``.pdf``...): a user pointing at the notes means the call."""
    stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
    for suffix in SUFFIXES:
        candidate = sidecar.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _walk(root: Path, errors: list[Problem]) -> Iterator[Path]:
    """``os.walk`` with errors reported, links to folders followed once."""
    seen: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        where = exc.filename or str(root)
        errors.append(Problem(str(where), f"cannot read folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=True):
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = None
        if key is not None and key in seen:  # a symlink loop: do not go round again
            dirs[:] = []
            continue
        if key is not None:
            seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_saved_page_folder(d, files))
        for name in sorted(files):
            if is_transcript_name(name):
                yield Path(folder) / name
