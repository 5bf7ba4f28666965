"""What a search returns: hits (one matching sentence each) and the result
of one query, with what to say when nothing matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

    @property
    def period(self) -> str:
        q = f"Q{self.quarter}" if self.quarter else "Q?"
        return f"{q} {self.fiscal_year or '????'}"

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

    @property
    def message(self) -> str:
        """One line for the user: how many hits, or why none."""
        if self.query.is_empty:
            return "type words to search; \"quotes\" for a phrase; filters like speaker:evan year:2003"
        if self.hits:
            n = len(self.hits)
            text = f"{n} match{'es' if n != 1 else ''}"
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
        }


def shorten(text: str, width: int = 60) -> str:
    """Text a user typed, on one line and cut to ``width`` characters: a
    pasted paragraph is not echoed back in full in a one-line message."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1].rstrip() + "\u2026"
