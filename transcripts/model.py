"""The transcript model: a call, its turns, speakers, sections and sentences.

Every position is a Python string index into ``Call.text`` (the decoded
transcript with line endings normalised to ``\\n``), so annotations, search
hits and the reader all agree on what a span means.

Sentences are stored as two compact arrays on the call rather than one object
each: a corpus of 1,000 long calls holds about half a million sentences, and
plain integer arrays keep both memory and cache-load time small. ``Sentence``
objects are made on demand.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from transcripts.terminal_safe import one_line, quote_name

UNKNOWN_SPEAKER = "Unknown"
"""The speaker of text whose speaker could not be read (a layout's
preamble, a transcript with no speaker lines)."""

Role = Literal["operator", "executive", "analyst", "unknown"]
SectionName = Literal["prepared", "qa"]

ROLES: tuple[str, ...] = ("operator", "executive", "analyst", "unknown")
SECTION_LABELS: dict[str, str] = {"prepared": "Prepared remarks", "qa": "Q&A"}


def period_label(quarter: int | None, fiscal_year: int | None, fiscal: bool = False) -> str:
    """``Q4 2003``, with ``?`` for what is unknown: one spelling of a period
    for the app, the commands and the exports. A fiscal year that is not the
    calendar year reads ``FY2021 Q4``, so that Darden's fiscal fourth quarter
    (March to May) is never taken for a bank's calendar one."""
    q = f"Q{quarter}" if quarter else "Q?"
    y = str(fiscal_year) if fiscal_year else "????"
    return f"FY{y} {q}" if fiscal else f"{q} {y}"


def call_sort_key(company: str | None, fiscal_year: int | None, quarter: int | None, path: str) -> tuple:
    """Calls in company order, then period order; unknown companies last."""
    return ((company or "\uffff").casefold(), fiscal_year or 0, quarter or 0, path)


@dataclass(slots=True)
class Problem:
    """Something wrong with an input, phrased for the person who owns the file."""

    path: str
    message: str
    line: int | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        """One line, safe for a terminal: an odd file name quoted as ``ls``
        does, control characters in the message made visible."""
        path = quote_name(self.path)
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {one_line(self.message)}"


@dataclass(slots=True)
class Speaker:
    """One person as they appear in one call (identity across calls lives in
    ``transcripts.identity``)."""

    key: str
    """Normalised name, unique within the call."""
    name: str
    title: str | None
    role: str
    firm: str | None = None
    turns: int = 0
    label: str | None = None
    """The label a diarized file gave this speaker (``Speaker 2``), when
    ``name`` was inferred from what was said on the call."""
    inferred: bool = False
    """True when ``name`` was not written in the file but inferred ("I'll
    turn it over to our CFO, Jane Roe"); a reader should trust it less."""


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    turn: int


@dataclass(slots=True)
class Turn:
    """One stretch of speech by one speaker.

    ``start``/``end`` cover the spoken text only (not the speaker line, whose
    span is ``line_start``/``line_end``), so ``text[start:end]`` is what was
    said.
    """

    index: int
    speaker: Speaker
    section: str
    line_start: int
    line_end: int
    start: int
    end: int
    paragraphs: list[tuple[int, int]]
    first_sentence: int
    end_sentence: int
    """One past the last sentence of this turn."""

    @property
    def sentence_range(self) -> range:
        return range(self.first_sentence, self.end_sentence)


@dataclass(slots=True)
class Exchange:
    """A Q&A exchange: an analyst's question and the answers until the next
    analyst speaks (or the Q&A ends)."""

    analyst: Speaker
    first_turn: int
    end_turn: int
    """One past the last turn of the exchange."""


class CallViews:
    """What a call's metadata says, for a ``Call`` and for the catalog's
    ``CallEntry`` (``transcripts.catalog.entry``) alike."""

    __slots__ = ()
    company: str | None
    fiscal_year: int | None
    quarter: int | None
    fiscal: bool
    path: str
    speakers: list[Speaker]

    @property
    def period(self) -> str:
        return period_label(self.quarter, self.fiscal_year, self.fiscal)

    @property
    def label(self) -> str:
        return f"{self.company or 'Unknown company'} {self.period}"

    @property
    def sort_key(self) -> tuple:
        return call_sort_key(self.company, self.fiscal_year, self.quarter, self.path)

    @property
    def speaker_count(self) -> int:
        return len(self.speakers)

    def speaker(self, key: str) -> Speaker | None:
        for s in self.speakers:
            if s.key == key:
                return s
        return None


@dataclass(slots=True)
class Call(CallViews):
    id: str
    path: str
    text: str
    sha256: str
    turns: list[Turn]
    speakers: list[Speaker]
    sentence_starts: array
    sentence_ends: array
    exchanges: list[Exchange] = field(default_factory=list)
    qa_start: int | None = None
    """Index of the first Q&A turn, or None when the call has no Q&A."""
    company: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    title: str = ""
    date: str | None = None
    fiscal: bool = False
    """The fiscal year is not the calendar year (``transcripts.fiscal_calendar``)."""
    period_source: str = ""
    """``call`` (the call states it), ``inferred`` (the year read from the
    rest of the call), ``file name``, ``file`` (a JSON transcript's own
    ``quarter``/``year``) or ``annotation file``; empty when unknown."""
    period_confidence: str = ""
    """``high``, ``medium`` or ``low``; empty when the period is unknown."""
    period_evidence: str = ""
    """The words of the call that decided the period."""
    ticker: str | None = None
    """The ticker the file name gave, when the company came from the call."""
    notices: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = "txt"
    """The file format the text was read from (``txt``, ``md``, ``pdf``,
    ``html``, ``json``, ``vtt``, ``srt``; see ``transcripts.formats``)."""
    layout: str = "generic"
    """The layout family the text was read as (``transcripts.layouts``)."""
    layout_confidence: float = 0.0
    """How well the text fitted that layout, 0 to 1."""

    # -- derived views (period, label, sort_key, speaker: CallViews) ----

    @property
    def sentence_count(self) -> int:
        return len(self.sentence_starts)

    @property
    def turn_count(self) -> int:
        """As ``CallEntry.turn_count``: code that counts turns works on both."""
        return len(self.turns)

    @property
    def exchange_count(self) -> int:
        return len(self.exchanges)

    def sentence(self, index: int) -> Sentence:
        return Sentence(
            index,
            self.sentence_starts[index],
            self.sentence_ends[index],
            self.turn_index_of_sentence(index),
        )

    def sentence_text(self, index: int) -> str:
        return self.text[self.sentence_starts[index] : self.sentence_ends[index]]

    def turn_index_of_sentence(self, index: int) -> int:
        lo, hi = 0, len(self.turns)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.turns[mid].end_sentence <= index:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (or the last one
        starting before it); None before the first sentence."""
        i = bisect_right(self.sentence_starts, offset) - 1
        return i if i >= 0 else None

    def turn_at(self, offset: int) -> Turn | None:
        for turn in self.turns:  # turns are few; a scan is fine
            if turn.line_start <= offset < max(turn.end, turn.line_end) + 1:
                return turn
        return None

    def section_of_turn(self, index: int) -> str:
        return self.turns[index].section

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset`` (for ``file:line`` messages)."""
        return self.text.count("\n", 0, offset) + 1
