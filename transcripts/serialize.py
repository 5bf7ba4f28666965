"""The JSON form of a call, its speakers and its problems, built in one place.

``earmark calls --json`` and ``earmark show --json`` print calls, and the
JSON export names the calls its highlights come from. Built here once, a call
carries the same keys (the contract of DESIGN.md) in the same order wherever
a script meets it. Plain dicts of JSON types: callers decide how to encode
them (indented for the commands, one line per entry for the export).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from transcripts.model import Call, Problem, Speaker

if TYPE_CHECKING:
    from transcripts.catalog.entry import CallEntry
from transcripts.read_quality import file_format


class CallRef(Protocol):
    """What names a call: a ``Call``, or a view of one such as the export's
    (its metadata after a user's corrections, its path as shown)."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def company(self) -> str | None: ...
    @property
    def fiscal_year(self) -> int | None: ...
    @property
    def quarter(self) -> int | None: ...


def call_ref_json(call: CallRef) -> dict[str, Any]:
    """The keys that say which call an entry is about: the first keys of
    every call entry (``calls``, ``show`` and the export's ``calls``)."""
    return {
        "id": call.id,
        "path": call.path,
        "company": call.company,
        "fiscal_year": call.fiscal_year,
        "quarter": call.quarter,
    }


def speaker_json(s: Speaker) -> dict[str, Any]:
    return {"name": s.name, "title": s.title, "role": s.role, "firm": s.firm, "turns": s.turns}


def speaker_detail_json(s: Speaker) -> dict[str, Any]:
    """A speaker as ``show --json`` gives it: also ``label``, what a
    diarized file called them (``Speaker 2``), and ``inferred``, whether
    ``name`` was inferred from what was said on the call."""
    return {**speaker_json(s), "label": s.label, "inferred": s.inferred}


def problem_json(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "message": p.message, "severity": p.severity}


def call_json(call: "Call | CallEntry", annotations: int) -> dict[str, Any]:
    """A call as ``calls --json`` lists it and ``show --json`` starts it;
    ``annotations`` is the number in its annotation file."""
    return {
        **call_ref_json(call),
        "title": call.title,
        "turns": call.turn_count,
        "speakers": [speaker_json(s) for s in call.speakers],
        "annotations": annotations,
        "period": call.period,
        "period_source": call.period_source or None,
        "period_confidence": call.period_confidence or None,
        "period_evidence": call.period_evidence or None,
        "fiscal_calendar": "non-calendar" if call.fiscal else "calendar",
        "ticker": call.ticker,
        "date": call.date,
        "sentences": call.sentence_count,
        "exchanges": call.exchange_count,
        "qa_start": call.qa_start,
        "sha256": call.sha256,
        "encoding": call.encoding,
        "format": call.format,
        "layout": call.layout,
        "layout_confidence": call.layout_confidence,
        "warnings": [problem_json(w) for w in call.warnings],
    }
