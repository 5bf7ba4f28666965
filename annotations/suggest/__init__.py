"""Suggestions: the sentences of a call that Earmark proposes as ``metric``
or ``guidance``, with their fields filled in, for a reviewer to accept or
dismiss.

Rules a reader can follow (``features``, ``scoring``, ``fields``), in pure
Python, no model: about 35 ms for a call of 10,000 words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from annotations.suggest.fields import extract_fields
from annotations.suggest.scoring import Context, best, score_sentences
from transcripts.model import SECTION_LABELS, Call

if TYPE_CHECKING:
    from annotations.session import CallAnnotations

DEFAULT_LIMIT = 16


@dataclass(slots=True)
class Suggestion:
    call: str
    start: int
    end: int
    text: str
    tags: list[str]
    score: int
    fields: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    speaker: str | None = None
    turn: int = 0

    @property
    def tag(self) -> str:
        return self.tags[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "call": self.call, "start": self.start, "end": self.end, "text": self.text,
            "tags": list(self.tags), "score": self.score, "fields": dict(self.fields),
            "reason": self.reason, "speaker": self.speaker, "turn": self.turn,  # 0-based, as search --json
        }


def _reason(call: Call, turn_index: int, cues: list[str]) -> str:
    turn = call.turns[turn_index] if call.turns else None
    parts: list[str] = []
    if turn is not None:
        who = turn.speaker.title or (turn.speaker.role if turn.speaker.role != "unknown" else "")
        if who:
            parts.append(who)
        parts.append(SECTION_LABELS.get(turn.section, turn.section).lower())
    words = [c for c in cues if c not in ("executive", "finance chief", "chief executive", "prepared remarks", "analyst", "operator")]
    if words:
        parts.append(" + ".join(words))
    return ", ".join(parts)


def suggest_call(
    call: Call,
    *,
    limit: int | None = DEFAULT_LIMIT,
    tag: str | None = None,
    exclude: Iterable[tuple[int, int]] = (),
    dismissed: Iterable[str] = (),
) -> list[Suggestion]:
    """The call's best suggestions, best first. ``exclude`` holds spans
    already annotated: a sentence overlapping one is not proposed again;
    nor is one whose text (white space folded) was ``dismissed``."""
    spans = sorted(exclude)
    skip = {" ".join(q.split()) for q in dismissed}
    texts: list[str] = []
    contexts: list[Context] = []
    where: list[tuple[int, int, int]] = []
    for i in range(call.sentence_count):
        start, end = call.sentence_starts[i], call.sentence_ends[i]
        if any(s < end and start < e for s, e in spans):
            continue
        if skip and " ".join(call.text[start:end].split()) in skip:
            continue
        turn_index = call.turn_index_of_sentence(i) if call.turns else 0
        turn = call.turns[turn_index] if turn_index < len(call.turns) else None
        texts.append(call.text[start:end])
        contexts.append(
            Context(turn.speaker.role if turn else "unknown", turn.speaker.title or "" if turn else "",
                    turn.section if turn else "", call.quarter, call.fiscal_year)
        )
        where.append((start, end, turn_index))
    scored = score_sentences(texts, contexts)
    if tag is not None:
        scored = [s for s in scored if (s.guidance if tag == "guidance" else not s.guidance)]
    chosen = best(scored, limit if limit is not None else len(scored))
    out: list[Suggestion] = []
    for s in chosen:
        start, end, turn_index = where[s.index]
        kind = "guidance" if s.guidance else "metric"
        turn = call.turns[turn_index] if turn_index < len(call.turns) else None
        out.append(Suggestion(
            call=call.id, start=start, end=end, text=texts[s.index], tags=[kind], score=s.score,
            fields=extract_fields(
                texts[s.index], guidance=s.guidance, call_quarter=call.quarter,
                call_year=call.fiscal_year, fiscal=call.fiscal,
            ),
            reason=_reason(call, turn_index, s.cues),
            speaker=turn.speaker.name if turn else None, turn=turn_index,
        ))
    return out


def open_suggestions(
    call: Call, session: "CallAnnotations", *, limit: int | None = DEFAULT_LIMIT, tag: str | None = None
) -> list[Suggestion]:
    """What is still to be judged in a call: its suggestions less those
    already annotated and those the reviewer dismissed."""
    return suggest_call(
        call, limit=limit, tag=tag,
        exclude=[(a.start, a.end) for a in session.placed], dismissed=session.dismissed,
    )


__all__ = ["DEFAULT_LIMIT", "Suggestion", "open_suggestions", "suggest_call"]
