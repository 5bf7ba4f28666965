"""Annotation files whose transcript is gone, and putting them back.

After ``mv call.txt verisign-2003-q4.txt`` (or ``rm``, or a folder where the
file was) the annotation file still sits in the folder, but no call maps to
it. Its annotations must not vanish from ``annotations``, ``check`` and
``export``: they are listed with every annotation ``orphaned``, and the
transcript they belong to is looked for among the calls loaded, by the
file's ``sha256`` (the transcript merely renamed) or by its quotes (renamed
and edited). ``relink`` moves the annotations to the call found: the file
is written under the call's annotation-file name (merged by id with one
already there, nothing dropped) and the old one removed.

Which file belongs to which transcript is ``transcripts.sidecar``'s answer
(``sidecar_path``); this module never guesses names of its own beyond the
``transcript:`` the file records.
"""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from annotations import store
from annotations.codec import to_text
from annotations.merge import merge, snapshot
from annotations.model import Annotation, AnnotationFile
from transcripts.model import Call, Problem
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path

if TYPE_CHECKING:
    from annotations.session import CallAnnotations

_RECORDED = re.compile(r"^transcript:[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
MIN_QUOTE_SHARE = 0.6
"""Share of a file's quotes a call must hold, word for word, to be offered
as its transcript when the sha256 differs (the call was edited too)."""
MIN_QUOTE_CHARS = 12
"""Quotes shorter than this ("Thank you.") are in every call; not evidence."""
CONTEXT_EVIDENCE = 12
"""Characters of stored context that must surround a quote found in a
candidate call."""


class RelinkError(Exception):
    """The annotations could not be moved; the message says why."""


@dataclass(slots=True)
class Relink:
    call: Call
    reason: str
    """Why this call: ``same sha256`` or ``7 of 8 quotes found``."""


@dataclass(slots=True)
class Stray:
    path: Path
    """The annotation file."""
    transcript: Path
    """Where its transcript was."""
    session: CallAnnotations
    """Its annotations, every one ``orphaned``; read only."""
    candidates: list[Relink] = field(default_factory=list)
    """Calls loaded that look like its transcript, likeliest first."""
    recorded: bool = True
    """Whether the file names its transcript (else ``transcript`` is a guess)."""

    @property
    def annotations(self) -> list[Annotation]:
        return self.session.annotations

    @property
    def call(self) -> Call:
        """A stand-in call with no text, for listings and exports."""
        return self.session.call

    @property
    def best(self) -> Relink | None:
        """The candidate to re-link to without asking: the only one with the
        same sha256, or the only one holding the quotes."""
        if len(self.candidates) == 1:
            return self.candidates[0]
        return None

    def problems(self) -> list[Problem]:
        """What ``earmark check`` says about it: one line for the file, one
        per annotation."""
        n = len(self.annotations)
        named = f"{self.transcript.name!r}, " if self.recorded else ""
        message = (
            f"annotation file whose transcript is missing ({named}renamed, moved or deleted?): "
            f"{n} annotation{'s' if n != 1 else ''} orphaned"
        )
        if self.best is not None:
            message += f"; it looks like {self.best.call.path} ({self.best.reason}): `earmark check --fix` re-links it"
        elif self.candidates:
            message += f"; {len(self.candidates)} calls could be it: re-link it in the app (ctrl+p, re-link)"
        out = [Problem(str(self.path), message, None, "warning"), *self.session.problems]
        out += [
            Problem(str(self.path), f"annotation {a.id}: its transcript is missing (orphaned)", a.line, "warning")
            for a in self.annotations
        ]
        return out


def recorded_transcript(sidecar: Path) -> tuple[Path, bool]:
    """The transcript an annotation file was written for: the name its
    ``transcript:`` key records, when that name maps back to this file
    (True); else a guess, the stem of the file with ``.txt`` (False)."""
    try:
        with sidecar.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        head = ""
    m = _RECORDED.search(head)
    if m:
        try:
            name = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            name = None
        if isinstance(name, str) and name and "/" not in name and name not in (".", ".."):
            candidate = sidecar.with_name(name)
            if sidecar_path(candidate) == sidecar:
                return candidate, True
    return sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)] + ".txt"), False


def _stand_in(transcript: Path, sha256: str) -> Call:
    stem = transcript.stem
    return Call(
        id=stem, path=str(transcript), text="", sha256=sha256, turns=[], speakers=[],
        sentence_starts=array("i"), sentence_ends=array("i"), title=f"{stem} (transcript missing)",
    )


def load_stray(sidecar: Path, calls: list[Call]) -> Stray:
    from annotations.session import CallAnnotations  # a stray is rare: its import waits for one

    transcript, recorded = recorded_transcript(sidecar)
    loaded = store.load(sidecar, transcript.name)
    session = CallAnnotations(_stand_in(transcript, loaded.file.sha256), loaded)
    for a in session.annotations:
        a.status, a.review, a.stored = "orphaned", "", None
    return Stray(sidecar, transcript, session, candidates(loaded.file, calls), recorded)


def find_strays(corpus) -> list[Stray]:
    """The stray annotation files of a ``transcripts.Corpus``."""
    strays = corpus.stray_sidecars
    if not strays:
        return []  # the usual case: no call's text is opened
    calls = list(corpus.calls)
    return [load_stray(p, calls) for p in strays]


def candidates(af: AnnotationFile, calls: list[Call]) -> list[Relink]:
    """Calls that look like the transcript ``af`` was written for."""
    if af.sha256:
        same = [Relink(c, "same sha256") for c in calls if c.sha256 == af.sha256]
        if same:
            return same
    quotes = [a for a in af.annotations if len(a.quote.strip()) >= MIN_QUOTE_CHARS]
    if not quotes:
        return []
    need = max(1, math.ceil(MIN_QUOTE_SHARE * len(quotes)))
    scored = []
    for c in calls:
        found = sum(1 for a in quotes if _in_context(a, c.text))
        if found >= need:
            scored.append((found, c))
    scored.sort(key=lambda x: -x[0])
    return [Relink(c, f"{n} of {len(quotes)} quotes found") for n, c in scored]


def _in_context(a: Annotation, text: str) -> bool:
    """The quote with some of its own context around it: a phrase like
    "deferred revenue" is in every call of a company, its sentence is not."""
    pre, suf = a.prefix[-CONTEXT_EVIDENCE:], a.suffix[:CONTEXT_EVIDENCE]
    if not pre and not suf:
        return a.quote in text
    return (bool(pre) and pre + a.quote in text) or (bool(suf) and a.quote + suf in text)


def relink(stray: Stray, call: Call) -> str:
    """Move ``stray``'s annotations to ``call``'s annotation file (merged by
    id with one already there) and remove the stray file. Returns what was
    done, for the user; raises ``RelinkError``."""
    name = Path(call.path).name
    target = sidecar_path(call.path)
    loaded = store.load(stray.path, name)
    if loaded.read_only:
        raise RelinkError(f"{stray.path}: not re-linked: {loaded.reason}")
    if loaded.fingerprint is None:
        raise RelinkError(f"{stray.path}: not re-linked: the file is gone")
    af = loaded.file
    af.path, af.transcript = target, name
    existing = store.load(target, name)
    if existing.read_only:
        raise RelinkError(f"{target}: not re-linked into it: {existing.reason}")
    if existing.fingerprint is not None:
        base = snapshot(AnnotationFile(path=target, transcript=name))
        af, _ = merge(base, existing.file, af)
        af.comments = [*existing.file.comments, *loaded.file.comments]
        done = f"merged {len(loaded.file.annotations)} annotation(s) from {stray.path.name} into {target.name}"
    else:
        done = f"moved {len(af.annotations)} annotation(s) from {stray.path.name} to {target.name}"
    try:
        data = to_text(af).encode("utf-8")
        store.write_atomic(target, data, expect=existing.fingerprint)
    except store.ChangedMeanwhile:
        raise RelinkError(f"{target}: not re-linked: the file changed while writing; try again") from None
    except (OSError, UnicodeEncodeError, yaml.YAMLError) as exc:
        raise RelinkError(f"{target}: not re-linked: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        stray.path.unlink()
    except OSError as exc:
        return f"{done}; {stray.path} could not be removed ({exc.strerror or exc}): delete it by hand"
    return done
