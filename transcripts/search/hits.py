"""What a search returns: hits (one matching sentence each) and the result
of one query, with what to say when nothing matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from transcripts.model import period_label
from transcripts.search.query import Query


@dataclass(slots=True)
class Hit:
    call: str
    """The call id."""
    company: str | None
    fiscal_year: int | None
    quarter: int | None
    speaker: str
    turn: int
    start: int
    end: int
    """The matching sentence's span in the call's text."""
    text: str
    """The matching sentence."""
    score: int
    """0-100: 60 and over when every query term matched."""
    sentence: int = 0
    section: str = "prepared"
    path: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Matched words, as spans of the call's text (inside start..end), for
    highlighting."""
    matched: int = 0
    """How many of the query's terms this sentence contains."""

    fiscal: bool = False
    """The call's fiscal year is not the calendar year (``FY2021 Q4``)."""

    @property
    def period(self) -> str:
        return period_label(self.quarter, self.fiscal_year, self.fiscal)

    def local_spans(self) -> list[tuple[int, int]]:
        """Matched words as spans of ``text``."""
        return [(s - self.start, e - self.start) for s, e in self.spans]

    def to_json(self) -> dict[str, Any]:
        return {
            "call": self.call,
            "company": self.company,
            "fiscal_year": self.fiscal_year,
            "quarter": self.quarter,
            "speaker": self.speaker,
            "turn": self.turn,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "section": self.section,
            "sentence": self.sentence,
            "path": self.path,
            "matches": [list(s) for s in self.spans],
        }


@dataclass(slots=True)
class SearchResult:
    query: Query
    hits: list[Hit]
    elapsed_ms: float
    suggestions: list[str] = field(default_factory=list)
    """Nearest vocabulary words (or filter values) for parts of the query
    that matched nothing."""
    notes: list[str] = field(default_factory=list)
    """What matched nothing: "nothing matches 'xyzzy'", "no text is tagged
    'guidance'"."""
    total: int | None = None
    """How many sentences match (have every term and pass the filters),
    however many hits were asked for; None when no sentence has every term
    and the hits are the best partial answers."""
    limit: int | None = None
    """How many hits were asked for."""

    @property
    def partial(self) -> bool:
        """The hits have only some of the query's terms (none has all)."""
        return bool(self.hits) and self.total is None

    @property
    def more(self) -> bool:
        """More sentences match than the hits shown (ask again with a larger
        limit to see them)."""
        if self.total is not None:
            return self.total > len(self.hits)
        return self.limit is not None and len(self.hits) >= self.limit

    @property
    def count_text(self) -> str:
        """``177 matches``, ``first 20 of 177 matches``, or for partial
        answers ``no match has every word; the best 20 with some``."""
        n = len(self.hits)
        if self.partial:
            best = f"the best {n}" if n > 1 else "the best one"
            return f"no match has every word; {best} with some of them"
        total = self.total if self.total is not None else n
        plural = "es" if total != 1 else ""
        if total > n:
            return f"first {n} of {total:,} match{plural}"
        return f"{total:,} match{plural}"

    @property
    def message(self) -> str:
        """One line for the user: how many hits, or why none."""
        if self.query.is_empty:
            return "type words to search; \"quotes\" for a phrase; filters like speaker:evan year:2003"
        if self.hits:
            text = self.count_text
        else:
            text = f"no matches for '{shorten(self.query.text)}'"
        extra = list(self.notes)
        if self.suggestions:
            extra.append("did you mean " + ", ".join(self.suggestions) + "?")
        if extra:
            text += (" (" + "; ".join(extra) + ")") if self.hits else "; " + "; ".join(extra)
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query.text,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "hits": [h.to_json() for h in self.hits],
            "suggestions": self.suggestions,
            "notes": self.notes,
            "total": self.total,
            "partial": self.partial,
        }


def shorten(text: str, width: int = 60) -> str:
    """Text a user typed, on one line and cut to ``width`` characters: a
    pasted paragraph is not echoed back in full in a one-line message."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1].rstrip() + "\u2026"


def unmatched_notes(
    unmatched: list[str], known: Callable[[str], bool], nearest: Callable[[str], list[str]]
) -> tuple[list[str], list[str]]:
    """Suggestions and notes for the terms that matched nothing: one note
    each, and the nearest vocabulary words for each word not in it."""
    suggestions: list[str] = []
    notes: list[str] = []
    for text in unmatched:
        shown = shorten(text) + ('"' if text.startswith('"') and len(text) > 60 else "")
        notes.append(f"nothing matches {shown}" if text.startswith('"') else f"nothing matches '{shown}'")
        for w in text.strip('"').split():
            if not known(w):
                suggestions += [s for s in nearest(w) if s not in suggestions]
    return suggestions, notes
