"""A call's metadata without its text: what listing, filtering, identity
and search bookkeeping need, light enough to hold 30,000 of them.

``CallEntry`` uses the attribute names of ``transcripts.model.Call`` so that
code written against ``Corpus.entries`` works on either. What only a parsed
call has (``text``, ``turns``, sentence arrays) is not here; counts are
(``turn_count``, ``sentence_count``, ``exchange_count``: ``Call`` has them
too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from transcripts.model import Call, CallViews, Problem, Speaker

META_FIELDS: tuple[str, ...] = (
    "id", "path", "sha256", "company", "fiscal_year", "quarter", "title", "date", "fiscal",
    "period_source", "period_confidence", "period_evidence", "ticker", "encoding", "format",
    "layout", "layout_confidence", "qa_start",
)
"""Plain metadata copied between a ``Call`` and its entry."""

CORRECTABLE: tuple[str, ...] = (
    "id", "company", "fiscal_year", "quarter", "title", "date", "ticker",
    "period_source", "period_confidence", "period_evidence",
)
"""What the corpus may change after a parse (tickers unified, a sidecar's
``call:`` corrections, a de-duplicated id): an entry's values of these win
over a freshly parsed call's."""


Rows = Union[str, list, Callable[[], str]]
"""Speakers or notices as an entry holds them until first asked for."""


@dataclass(slots=True)
class CallEntry(CallViews):
    id: str
    path: str
    sha256: str
    company: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    title: str = ""
    date: str | None = None
    fiscal: bool = False
    period_source: str = ""
    period_confidence: str = ""
    period_evidence: str = ""
    ticker: str | None = None
    encoding: str = "utf-8"
    format: str = "txt"
    layout: str = "generic"
    layout_confidence: float = 0.0
    qa_start: int | None = None
    speaker_rows: Rows = field(default="[]", repr=False, compare=False)
    """The speakers as the catalog holds them (its JSON text, rows, or what
    reads the text when called), made into ``Speaker`` objects when first
    asked for: a load of 30,000 calls would otherwise decode and make
    400,000 of them for commands that never look at one."""
    warnings: list[Problem] = field(default_factory=list)
    notice_rows: Rows = field(default="[]", repr=False, compare=False)
    """The notices (a header's stray lines, about thirty a call), or their
    JSON text, decoded when first asked for (only ``earmark show`` reads
    them): a remembered corpus of 30,000 calls loads one string each."""
    turn_count: int = 0
    sentence_count: int = 0
    exchange_count: int = 0
    known_speaker_count: int | None = field(default=None, repr=False, compare=False)
    """How many speakers, as the catalog recorded it (a listing shows the
    number without making the speakers)."""
    _speakers: list[Speaker] | None = field(default=None, init=False, repr=False, compare=False)
    _notices: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def speaker_count(self) -> int:
        if self._speakers is None and self.known_speaker_count is not None:
            return self.known_speaker_count
        return len(self.speakers)

    @property
    def speakers(self) -> list[Speaker]:
        made = self._speakers
        if made is None:
            made = self._speakers = speakers_of(self.speaker_rows)
            self.speaker_rows = "[]"
        return made

    @speakers.setter
    def speakers(self, value: list[Speaker]) -> None:
        self._speakers = value

    @property
    def notices(self) -> list[str]:
        made = self._notices
        if made is None:
            made = self._notices = notices_of(self.notice_rows)
            self.notice_rows = "[]"
        return made

    @notices.setter
    def notices(self, value: list[str]) -> None:
        self._notices = value


def speakers_of(rows: Rows) -> list[Speaker]:
    """Speakers from the catalog's JSON text (booleans stored as 0/1 come
    back as numbers) or from rows. Text SQLite handed back whole but that
    is not ours (edited by hand) gives no speakers rather than an error
    long after the load: the call still opens, with its speakers, from
    its parse."""
    if callable(rows):
        rows = rows()
    if not isinstance(rows, str):
        return [Speaker(*row) for row in rows]
    try:
        return [Speaker(*row[:-1], bool(row[-1])) for row in json.loads(rows)]
    except (ValueError, TypeError, IndexError):
        return []


def notices_of(rows: Rows) -> list[str]:
    """Notices from their JSON text (or the list itself); text that is not
    ours gives none, as with speakers."""
    if callable(rows):
        rows = rows()
    if not isinstance(rows, str):
        return list(rows)
    try:
        made = json.loads(rows)
    except ValueError:
        return []
    return [n for n in made if isinstance(n, str)] if isinstance(made, list) else []


@dataclass(slots=True)
class TurnEntry:
    """One turn as the catalog holds it: offsets, no text."""

    index: int
    speaker: str
    """The speaker's key within the call."""
    section: str
    line_start: int
    line_end: int
    start: int
    end: int
    first_sentence: int
    end_sentence: int


@dataclass(slots=True)
class CallRecord:
    """Everything the catalog stores about one parsed call, in plain values
    (it travels from a worker process, and into SQLite)."""

    meta: dict[str, Any]
    speakers: "list[tuple] | str"
    """Rows, or the catalog's JSON text of them (decoded on first use)."""
    turns: list[tuple]
    exchanges: list[tuple]

    def entry(self, path: str) -> CallEntry:
        """The entry of this record, naming the file as ``path`` spells it
        now (a warning naming the old spelling follows it)."""
        meta = self.meta
        old = meta["path"]
        plain = {k: meta[k] for k in META_FIELDS if k in meta}
        plain["path"] = path
        warnings = [Problem(path if p == old else p, m, line, sev) for p, m, line, sev in meta["warnings"]]
        return CallEntry(
            **plain,
            speaker_rows=self.speakers,
            warnings=warnings,
            notice_rows=list(meta["notices"]),
            turn_count=meta["turn_count"],
            sentence_count=meta["sentence_count"],
            exchange_count=meta["exchange_count"],
            known_speaker_count=meta.get("speaker_count"),
        )


def record_of(call: Call) -> CallRecord:
    """The catalog's record of a freshly parsed call."""
    meta: dict[str, Any] = {k: getattr(call, k) for k in META_FIELDS}
    meta["warnings"] = [(w.path, w.message, w.line, w.severity) for w in call.warnings]
    meta["notices"] = list(call.notices)
    meta["turn_count"] = len(call.turns)
    meta["sentence_count"] = call.sentence_count
    meta["exchange_count"] = len(call.exchanges)
    meta["speaker_count"] = len(call.speakers)
    speakers = [(s.key, s.name, s.title, s.role, s.firm, s.turns, s.label, s.inferred) for s in call.speakers]
    turns = [(t.index, t.speaker.key, t.section, t.line_start, t.line_end, t.start, t.end,
              t.first_sentence, t.end_sentence) for t in call.turns]
    exchanges = [(e.analyst.key, e.first_turn, e.end_turn) for e in call.exchanges]
    return CallRecord(meta, speakers, turns, exchanges)


def adopt(call: Call, entry: CallEntry) -> Call:
    """Make a parsed call say what its entry says (the corpus's corrections,
    the path as given now, the warnings of the sidecar), so ``full(entry)``
    and ``entry`` never disagree."""
    call.path = entry.path
    for name in CORRECTABLE:
        setattr(call, name, getattr(entry, name))
    call.warnings = list(entry.warnings)
    return call
