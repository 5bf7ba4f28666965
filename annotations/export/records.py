"""One flat record per annotation, joined with what its call says about it.

Every export format (Markdown, CSV, JSON) and every filter works from these
records, so the three formats cannot disagree about who said a highlight, in
which section, or where in the file it is. Building them is the only step
that looks at the transcript model; the renderers only format.

``ExportRecord.turn`` is 1-based (``turn 1`` is the first turn, as the app
and a reader count; the Markdown and CSV show it); ``turn_index`` is the
0-based index the JSON outputs use (``show --json``, ``search --json``).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from annotations.model import Annotation, AnnotationFile
from transcripts.model import Call, Speaker, Turn, call_sort_key, period_label

ORPHANED = "orphaned"


@dataclass(slots=True)
class CallInfo:
    """What an export says about a call (after the annotation file's
    ``call:`` corrections of inferred metadata)."""

    id: str
    path: str
    """The transcript path as shown to the user (relative when possible)."""
    company: str | None
    fiscal_year: int | None
    quarter: int | None
    date: str | None
    sha256: str
    annotations_path: str | None = None
    fiscal: bool = False
    """The fiscal year is not the calendar year: the period reads ``FY2021 Q4``."""

    @property
    def period_key(self) -> tuple[int, int]:
        return (self.fiscal_year or 0, self.quarter or 0)

    @property
    def column_key(self) -> tuple[int, int, bool]:
        """A column of a table by quarter: a fiscal Q4 2021 and a calendar Q4
        2021 are two periods, never one column."""
        return (self.fiscal_year or 0, self.quarter or 0, self.fiscal)

    @property
    def period(self) -> str:
        return period_label(self.quarter, self.fiscal_year, self.fiscal)

    @property
    def sort_key(self) -> tuple:
        return call_sort_key(self.company, self.fiscal_year, self.quarter, self.path)


@dataclass(slots=True)
class ExportRecord:
    """One annotation as an export shows it. ``section``, ``turn`` and
    ``line`` are None for an orphaned annotation (its text is no longer in the
    transcript); its quote is then the one saved in the annotation file."""

    call: CallInfo
    id: str
    tags: list[str]
    quote: str
    note: str
    fields: dict[str, Any]
    start: int
    end: int
    status: str
    speaker: str | None = None
    title: str | None = None
    role: str | None = None
    firm: str | None = None
    section: str | None = None
    turn: int | None = None
    line: int | None = None
    speaker_id: str | None = None
    """Identity across calls (``transcripts.identity``), when known."""
    aliases: tuple[str, ...] = ()
    """Other spellings of the speaker's name across calls (for filters)."""
    extra: dict[str, Any] = field(default_factory=dict)
    author: str = ""
    """Who made the annotation (its ``author:``), "" when unknown."""
    reviewed: dict[str, Any] | None = None
    """Its ``reviewed: {by, at}``; None when not reviewed."""
    annotation_line: int | None = None
    """Line of the annotation in its YAML file (for ``file:line`` messages)."""
    source_call: Call | None = field(default=None, repr=False, compare=False)
    """The call and turn the record came from, for filters that ask about
    them (search's filter words); never exported."""
    source_turn: Turn | None = field(default=None, repr=False, compare=False)

    @property
    def orphaned(self) -> bool:
        return self.status == ORPHANED

    @property
    def turn_index(self) -> int | None:
        return None if self.turn is None else self.turn - 1

    @property
    def location(self) -> str:
        """``path:line`` (just the path when the line is unknown)."""
        return f"{self.call.path}:{self.line}" if self.line is not None else self.call.path

    def field_text(self, key: str) -> str:
        return format_value(self.fields.get(key))


def format_value(value: Any) -> str:
    """A field value as text: numbers without a spurious ``.0``, nothing for
    None, and lists or mappings a user wrote by hand kept readable."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    return str(value)


def display_path(path: str | os.PathLike, base: str | os.PathLike | None = None) -> str:
    """The path relative to ``base`` (the working folder by default) when the
    file is inside it, else as given: short in a summary, and stable for
    golden files written from a known folder."""
    p = Path(path)
    try:
        root = Path(base) if base is not None else Path.cwd()
        return Path(os.path.abspath(p)).relative_to(os.path.abspath(root)).as_posix()
    except (ValueError, OSError):
        return str(path)


def call_info(call: Call, file: AnnotationFile | None = None, base: str | None = None) -> CallInfo:
    corrections = file.call if file is not None else {}
    return CallInfo(
        id=call.id,
        path=display_path(call.path, base),
        company=corrections.get("company") or call.company,
        fiscal_year=_int_or(corrections.get("fiscal_year"), call.fiscal_year),
        quarter=_int_or(corrections.get("quarter"), call.quarter),
        date=str(corrections["date"]) if corrections.get("date") else call.date,
        sha256=call.sha256,
        annotations_path=display_path(file.path, base) if file is not None else None,
        fiscal=call.fiscal,
    )


def _int_or(value: Any, default: int | None) -> int | None:
    try:
        return int(value) if value is not None and value != "" else default
    except (TypeError, ValueError):
        return default


class _CallIndex:
    """Turn and line lookups for one call, built once so that a call with many
    annotations costs a bisect per annotation, not a scan of the text."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self._turn_starts = [t.line_start for t in call.turns]
        self._newlines: list[int] | None = None

    def turn_at(self, offset: int) -> Turn | None:
        i = bisect_right(self._turn_starts, offset) - 1
        if i < 0:
            return None
        return self.call.turns[i]

    def line_of(self, offset: int) -> int:
        if self._newlines is None:
            text = self.call.text
            nl, pos = [], text.find("\n")
            while pos != -1:
                nl.append(pos)
                pos = text.find("\n", pos + 1)
            self._newlines = nl
        return bisect_right(self._newlines, offset - 1) + 1

    def speaker_named(self, name: str | None) -> Speaker | None:
        if not name:
            return None
        key = " ".join(name.split()).casefold()
        for s in self.call.speakers:
            if " ".join(s.name.split()).casefold() == key:
                return s
        return None


def records_for_call(
    call: Call,
    file: AnnotationFile | None,
    *,
    base: str | None = None,
    identities: dict[tuple[str, str], tuple[str, tuple[str, ...]]] | None = None,
    info: CallInfo | None = None,
) -> list[ExportRecord]:
    """The records of one call's annotations: anchored ones in text order,
    then orphaned ones in the order of the file.

    ``identities`` maps ``(call id, speaker name)`` to ``(speaker id,
    aliases)`` when speaker identity across calls is known.
    """
    if file is None or not file.annotations:
        return []
    if info is None:
        info = call_info(call, file, base)
    index = _CallIndex(call)
    anchored: list[ExportRecord] = []
    orphaned: list[ExportRecord] = []
    for ann in file.annotations:
        rec = _record(info, index, ann)
        if identities is not None and rec.speaker:
            found = identities.get((call.id, rec.speaker))
            if found:
                rec.speaker_id, rec.aliases = found
        (orphaned if rec.orphaned else anchored).append(rec)
    anchored.sort(key=lambda r: (r.start, r.end))
    return anchored + orphaned


def _record(info: CallInfo, index: _CallIndex, ann: Annotation) -> ExportRecord:
    call = index.call
    status = ann.status if ann.status else "anchored"
    valid = 0 <= ann.start <= ann.end <= len(call.text)
    if status != ORPHANED and not valid:
        status = ORPHANED
    rec = ExportRecord(
        call=info,
        id=str(ann.id),
        tags=[str(t) for t in ann.tags],
        quote=ann.quote,
        note=ann.note or "",
        fields=dict(ann.fields or {}),
        start=ann.start,
        end=ann.end,
        status=status,
        extra=dict(ann.extra or {}),
        author=ann.author,
        reviewed=dict(ann.reviewed) if ann.reviewed is not None else None,
        annotation_line=ann.line,
        source_call=call,
    )
    speaker: Speaker | None = None
    if status != ORPHANED:
        if not ann.needs_review:  # a re-anchor not yet confirmed shows the quote the user tagged
            rec.quote = call.text[ann.start : ann.end]
        turn = index.turn_at(ann.start)
        if turn is not None:
            rec.source_turn = turn
            speaker = turn.speaker
            rec.section = turn.section
            rec.turn = turn.index + 1
        rec.line = index.line_of(ann.start)
    else:
        speaker = index.speaker_named(ann.speaker)
    if speaker is not None:
        rec.speaker, rec.title, rec.role, rec.firm = speaker.name, speaker.title, speaker.role, speaker.firm
    else:
        rec.speaker = ann.speaker
    return rec


def build_records(
    items: Iterable[tuple[Call, AnnotationFile | None]],
    *,
    base: str | None = None,
    identities: dict[tuple[str, str], tuple[str, tuple[str, ...]]] | None = None,
) -> list[ExportRecord]:
    """Records of many calls, calls in company and period order."""
    out: list[ExportRecord] = []
    # A call with no annotation has no record: its information is not made
    # (at 30,000 calls, each call's shown path was most of an export).
    pairs = [(c, f, call_info(c, f, base)) for c, f in items if f is not None and f.annotations]
    pairs.sort(key=lambda p: p[2].sort_key)
    for call, file, info in pairs:
        out.extend(records_for_call(call, file, base=base, identities=identities, info=info))
    return out
