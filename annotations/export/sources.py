"""What an export reads: the calls, and each call's annotation file with
every annotation's anchor state.

Reading goes through the annotation store (``annotations.store``) so that an
export sees exactly what the reader and ``earmark annotations`` see:
validation, re-anchoring and the ``call:`` corrections. Nothing here writes:
an export never changes an annotation file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from annotations.export import store_adapter
from annotations.model import AnnotationFile
from transcripts.model import Call, Problem
from transcripts.sidecar import sidecar_path


@dataclass
class ExportSources:
    calls: list[Call] = field(default_factory=list)
    files: dict[str, AnnotationFile | None] = field(default_factory=dict)
    """Call id -> its annotation file (None when the call has none)."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def items(self) -> list[tuple[Call, AnnotationFile | None]]:
        return [(c, self.files.get(c.id)) for c in self.calls]

    @property
    def annotation_count(self) -> int:
        return sum(len(f.annotations) for f in self.files.values() if f is not None)


def annotations_of(call: Call, path: Path | None = None) -> tuple[AnnotationFile | None, list[Problem]]:
    """The annotation file beside ``call`` with anchor states, or None when
    there is none; problems name the file and line. ``path``: the file, as
    a load found it (finding it again lists the call's folder, a
    millisecond or more a call in a folder of thousands)."""
    if path is None:
        path = sidecar_path(call.path)
    if not path.exists():
        return None, []
    return store_adapter.load(path, call)


def load_sources(
    paths: Iterable[str | Path], calls: list[Call] | None = None, *, corpus=None, follow_links: bool = False,
    progress=None, keep: Callable[[Call], bool] | None = None,
) -> ExportSources:
    """Load the calls under ``paths`` (or take ``calls`` already loaded, as
    the app does) and their annotation files. Annotation files whose
    transcript is missing are added, from the corpus loaded here or the
    ``corpus`` given (the app's, when it exports everything). ``keep``
    says which calls loaded here an export's filter can keep: the others
    (another company's) are listed without opening their text."""
    out = ExportSources()
    if calls is None:
        from transcripts.corpus import load_corpus

        corpus = load_corpus(list(paths), follow_links=follow_links, progress=progress)
        out.calls = list(corpus.entries)
        out.problems.extend(corpus.errors)
        opened = corpus.full
    else:
        out.calls = list(calls)
        opened = None
    for i, call in enumerate(out.calls):
        found = None
        if opened is not None:
            if call.path not in corpus.sidecars or (keep is not None and not keep(call)):
                out.files[call.id] = None  # no annotation file, or filtered out: its text is never needed
                continue
            found = corpus.sidecars[call.path].path
            call = out.calls[i] = opened(call)
        file, problems = annotations_of(call, found)
        out.files[call.id] = file
        out.problems.extend(problems)
    if corpus is not None:
        add_strays(out, corpus)
    return out


def add_strays(out: ExportSources, corpus) -> None:
    """Annotation files whose transcript is missing are exported too, every
    annotation orphaned (never silently left out)."""
    from annotations.stray import find_strays

    for stray in find_strays(corpus):
        call = stray.call
        while call.id in out.files:
            call.id += "-missing"
        out.calls.append(call)
        out.files[call.id] = stray.session.file
        out.problems.extend(p for p in stray.session.problems)


def speaker_identities(calls: list[Call]) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """``(call id, speaker name) -> (person id, all spellings)`` from speaker
    identity across calls, so ``--speaker gatoff`` finds every spelling.
    Empty when identity is not available."""
    try:
        from transcripts.identity import PeopleIndex
    except ImportError:  # pragma: no cover - identity is part of transcripts
        return {}
    index = PeopleIndex.from_calls(calls)
    out: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for call in calls:
        for sp in call.speakers:
            person = index.person_for(call.id, sp.key)
            if person is not None:
                out[(call.id, sp.name)] = (person.id, tuple(person.names))
    return out
