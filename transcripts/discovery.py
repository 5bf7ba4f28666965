"""Which files a list of paths names: files as given, folders walked.

Walking is where a corpus meets the messiness of real disks (unreadable
folders, broken links, symlink loops), so every such case becomes a
``Problem`` naming the path instead of an exception or a silent gap.

A walk stays inside the folder it was given: a link to a folder is followed
only when it resolves inside that folder (or with ``follow_links``, the
``--follow-links`` option), so ``up -> ..`` or ``all -> /`` never drag the
whole disk in. Special files (pipes, sockets, devices) are skipped, and the
walk stops, saying so, past ``MAX_WALK_FILES`` transcripts,
``MAX_WALK_DEPTH`` folders down or ``MAX_WALK_BYTES`` of transcripts.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from transcripts.model import Problem
from transcripts.formats import SUFFIXES
from transcripts.sidecar import is_sidecar, transcript_of_sidecar

MAX_WALK_FILES = 100_000
"""Transcripts taken from the folders of one command; a research team's
archive is 30,000 calls or more (issue 14), a link to ``/`` is millions."""
MAX_WALK_DEPTH = 32
"""Folders below the one given; calls are filed a few levels deep."""
MAX_WALK_BYTES = 16 * 1024**3
"""Transcript bytes taken from the folders of one command (a thousand long
calls are about 70 MB of text, 30,000 about 2 GB; PDFs are bigger)."""


EXPORT_STEM = ".highlights"
"""Highlight summaries that Earmark's export writes beside the transcripts
(``<name>.highlights.md``, ``.highlights.json``): not transcripts, so never
walked into a corpus."""
SAVED_PAGE_FOLDER = "_files"
"""A browser saving ``Page.html`` "complete" puts its images, scripts and
frames in ``Page_files/``: parts of the page, not transcripts."""


_SUFFIXES = frozenset(s.lower() for s in SUFFIXES)


def is_transcript_name(name: str) -> bool:
    """``name``: a file's name, not a path (asked of every file a walk
    meets, so no ``splitext``)."""
    dot = name.rfind(".")
    if dot <= 0 or name[0] == ".":  # no suffix, or a hidden file
        return False
    stem = name[:dot].lower()
    return name[dot:].lower() in _SUFFIXES and not is_sidecar(name) and not stem.endswith(EXPORT_STEM)


def _is_saved_page_folder(name: str, files: list[str]) -> bool:
    if not name.endswith(SAVED_PAGE_FOLDER):
        return False
    stem = name[: -len(SAVED_PAGE_FOLDER)]
    return any(f"{stem}{suffix}" in files for suffix in (".html", ".htm", ".xhtml"))


def find_transcripts(
    paths: Iterable[str | Path], errors: list[Problem], sidecars: list[Path] | None = None,
    *, follow_links: bool = False, stats: dict[str, os.stat_result] | None = None,
) -> Iterator[Path]:
    """Transcript files under ``paths``, each folder's in name order (see
    ``transcript_paths``)."""
    for path in transcript_paths(paths, errors, sidecars, follow_links=follow_links, stats=stats):
        yield Path(path)


def transcript_paths(
    paths: Iterable[str | Path], errors: list[Problem], sidecars: list[Path] | None = None,
    *, follow_links: bool = False, stats: dict[str, os.stat_result] | None = None,
) -> Iterator[str]:
    """Transcript files under ``paths``, each folder's in name order, as
    strings spelled as ``Path`` spells them: a warm start that finds
    nothing changed needs no ``Path`` of 30,000 files.

    A file named directly is taken whatever its name (the user chose it),
    an annotation file stands for its transcript; inside folders only
    transcript suffixes count, hidden files and folders and annotation files
    are skipped. A broken link named directly is yielded so that reading it
    reports the problem.

    ``sidecars``, when given, collects the annotation files seen on the
    way (and those named directly whose transcript is missing), so that
    annotations whose transcript was renamed or deleted are not lost from
    view (``Corpus.stray_sidecars``).

    ``stats``, when given, gets the stat (links followed) of each file
    found in a folder, transcripts and annotation files, which the walk
    takes anyway: a catalog comparing stamps need not ask again (30,000
    stats at 30,000 calls)."""
    budget = _Budget()
    for raw in paths:
        if budget.spent:
            break
        if not str(raw).strip():  # `earmark calls "$DIR"` with DIR unset: not the current folder
            errors.append(Problem('""', "empty path; a file or folder was expected"))
            continue
        p = Path(raw)
        if p.is_dir():
            yield from _walk(p, errors, follow_links, budget, sidecars, stats)
        elif sidecars is not None and is_sidecar(p) and p.is_file() and transcript_of_sidecar(p) is None:
            sidecars.append(p)  # its transcript is gone: a stray, listed with its annotations orphaned
        else:
            named, problem = named_transcript(p)
            if problem is not None:
                errors.append(problem)
            if named is not None:
                yield str(named)


def named_transcript(p: Path) -> tuple[Path | None, Problem | None]:
    """The transcript a path given on the command line means: the file
    itself, or, for an annotation file, its transcript (the same mapping for
    every command). A broken link is returned so that reading it says so."""
    if is_sidecar(p):
        transcript = transcript_of_sidecar(p)
        if transcript is None:
            return None, Problem(str(p), "annotation file whose transcript is missing")
        return transcript, None
    if p.exists() or p.is_symlink():
        return p, None
    return None, Problem(str(p), "no such file or folder")


@dataclass(slots=True)
class _Budget:
    """What the folders of one command may still yield."""

    files: int = 0
    size: int = 0
    spent: bool = False

    def take(self, size: int, path: str, errors: list[Problem]) -> bool:
        if self.files + 1 > MAX_WALK_FILES or self.size + size > MAX_WALK_BYTES:
            what = (
                f"{MAX_WALK_FILES:,} transcripts" if self.files + 1 > MAX_WALK_FILES
                else f"{MAX_WALK_BYTES / 1e9:.1f} GB of transcripts"
            )
            errors.append(Problem(path, f"stopped reading folders here: more than {what}; "
                                        "name fewer or smaller folders"))
            self.spent = True
            return False
        self.files += 1
        self.size += size
        return True


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(
    root: Path, errors: list[Problem], follow_links: bool, budget: _Budget, sidecars: list[Path] | None = None,
    stats: dict[str, os.stat_result] | None = None,
) -> Iterator[str]:
    """Depth first, in name order, each folder once (a link loop is not
    gone round again), never out of ``root`` unless ``follow_links``."""
    root_real = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack and not budget.spent:
        folder, depth = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            errors.append(Problem(str(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(Problem(str(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        subfolders: list[Path] = []
        names = [e.name for e in entries]
        here = str(folder) == "."
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            # Strings until a file is taken: a Path per entry was a third of
            # a 30,000-call walk.
            try:
                is_link = entry.is_symlink()
                target = entry.stat()  # follows links
            except OSError:
                if is_transcript_name(name):
                    yield name if here else entry.path  # a broken link: reading it says so
                continue
            if stat.S_ISDIR(target.st_mode):
                path = str(Path(entry.path))
                if _is_saved_page_folder(name, names):
                    continue  # a saved web page's images and scripts
                if is_link and not follow_links and not _inside(os.path.realpath(path), root_real):
                    errors.append(Problem(path, "link to a folder outside "
                                          f"{root}; not followed (--follow-links follows it)", severity="warning"))
                elif depth + 1 > MAX_WALK_DEPTH:
                    errors.append(Problem(path, f"more than {MAX_WALK_DEPTH} folders deep; not read",
                                          severity="warning"))
                else:
                    subfolders.append(Path(path))
                continue
            if not is_transcript_name(name):
                if sidecars is not None and is_sidecar(name) and stat.S_ISREG(target.st_mode):
                    sidecar = Path(entry.path)
                    sidecars.append(sidecar)
                    if stats is not None:
                        stats[str(sidecar)] = target
                continue
            path = name if here else entry.path  # as ``Path`` spells it (``./a.txt`` is ``a.txt``)
            if not stat.S_ISREG(target.st_mode):
                errors.append(Problem(path, "not a regular file (a pipe, socket or device); skipped",
                                      severity="warning"))
                continue
            if not budget.take(target.st_size, path, errors):
                return
            if stats is not None:
                stats[path] = target
            yield path
        # Real folders before links to folders, so a folder reached both ways
        # is listed under its own path.
        subfolders.sort(key=lambda sub: sub.is_symlink())
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))
