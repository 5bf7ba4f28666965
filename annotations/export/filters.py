"""Which records an export keeps: tags, speakers, a period range, and the
filter words of search (``role:analyst section:qa company:acme``).

Filters that cannot be judged for an orphaned annotation (its section, turn
and role are unknown once its text is gone) keep it rather than drop it: an
orphaned highlight is listed in its own section, never silently left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from annotations.export.records import ExportRecord
from transcripts.search.query import name_matches

Period = tuple[int, int]

_PERIOD_FORMS = [
    re.compile(r"^(?P<y>\d{4})\s*[-_/ ]?\s*q(?P<q>[1-4])$", re.I),  # 2003q1, 2003-Q1
    re.compile(r"^q(?P<q>[1-4])\s*[-_/ ]?\s*(?:fy)?(?P<y>\d{4})$", re.I),  # Q1 2003, q1-2003
    re.compile(r"^(?P<q>[1-4])q\s*[-_/ ]?\s*(?P<y>\d{2}|\d{4})$", re.I),  # 1Q03, 1q2003
    re.compile(r"^(?:fy)?(?P<y>\d{4})$", re.I),  # 2003 (the whole year)
]


class FilterError(ValueError):
    """A filter a user typed that cannot be understood; the message says why."""


def parse_period(text: str, *, end: bool = False) -> Period:
    """``2003q1``, ``2003-Q1``, ``Q1 2003``, ``1Q03`` or a bare year (its
    first quarter for ``--since``, its last for ``--until``)."""
    raw = text.strip()
    for form in _PERIOD_FORMS:
        m = form.match(raw)
        if m:
            year = int(m.group("y"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            q = m.groupdict().get("q")
            quarter = int(q) if q else (4 if end else 1)
            return year, quarter
    raise FilterError(f"not a quarter: {text!r} (try 2003q1, Q1 2003 or 2003)")


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass
class ExportFilter:
    """All criteria must hold; within one criterion any value may match
    (``--tag metric --tag guidance`` keeps both)."""

    tags: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    since: Period | None = None
    until: Period | None = None
    words: list[Callable[[ExportRecord], bool | None]] = field(default_factory=list)
    """Predicates from filter words; None means "cannot tell" (orphaned)."""
    speaker_words: bool = False
    """Whether the filter words name speakers (``speaker:``)."""
    calls: Callable[[Any], bool] | None = None
    """Which calls can hold a record that passes (``company:``, ``year:``,
    ``q:``), judged on a call's metadata: an export of one company opens
    the text of that company's annotated calls only."""

    @property
    def needs_identity(self) -> bool:
        """Speaker filters match every spelling of a person, which needs
        speaker identity across the calls (worth building only then)."""
        return bool(self.speakers) or self.speaker_words

    @property
    def active(self) -> bool:
        return bool(self.tags or self.speakers or self.since or self.until or self.words)

    def __call__(self, rec: ExportRecord) -> bool:
        return self.keeps(rec)

    def keeps(self, rec: ExportRecord) -> bool:
        if self.tags:
            wanted = {_fold(t) for t in self.tags}
            if not wanted & {_fold(t) for t in rec.tags}:
                return False
        if self.speakers and not any(speaker_matches(rec, s) for s in self.speakers):
            return False
        if self.since or self.until:
            if not rec.call.fiscal_year or not rec.call.quarter:
                return False
            p = rec.call.period_key
            if self.since and p < self.since:
                return False
            if self.until and p > self.until:
                return False
        for pred in self.words:
            verdict = pred(rec)
            if verdict is False or (verdict is None and not rec.orphaned):
                return False
        return True

    def apply(self, records: Iterable[ExportRecord]) -> list[ExportRecord]:
        return [r for r in records if self.keeps(r)]


def speaker_matches(rec: ExportRecord, wanted: str) -> bool:
    """Case-insensitive part of the name, or of any other spelling of the
    same person across calls (``gatoff`` finds ``Steven Gateoff`` too), with
    the typos search forgives (``evn`` finds ``Dana Evan``)."""
    w = _fold(wanted)
    if not w:
        return True
    names = [n for n in (rec.speaker, *rec.aliases) if n]
    if any(w in _fold(n) for n in names):
        return True
    return name_matches(w, names)
