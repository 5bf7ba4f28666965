"""From a layout's reading to a ``Call``: one builder for every layout.

Speakers are keyed by name within the call (a title or firm seen on any of
their lines sticks), participants lists lend titles and firms to speakers
whose own lines do not say, sentences are cut per paragraph, and sections,
roles and firms come from ``transcripts.roles``.
"""

from __future__ import annotations

from array import array

from transcripts.layouts.base import Reading, TurnDraft
from transcripts.model import Call, Speaker, Turn
from transcripts.names import name_key
from transcripts.sentences import append_sentences
from transcripts.speaker_lines import SpeakerLine


def build_call(text: str, path: str, call_id: str, reading: Reading) -> Call:
    from transcripts.roles import assign_sections_roles_firms

    speakers: dict[str, Speaker] = {}
    turns: list[Turn] = []
    starts: array = array("l")
    ends: array = array("l")
    for draft in reading.turns:
        turns.append(_turn(text, len(turns), _speaker_for(speakers, draft.speaker), draft, starts, ends))
    for sp in speakers.values():
        listed = reading.participants.get(sp.key)
        if listed is not None:
            sp.title = sp.title or listed.title
            sp.firm = sp.firm or listed.firm
        labelled = reading.labels.get(sp.key)
        if labelled is not None:
            sp.label, sp.inferred = labelled
    call = Call(
        id=call_id,
        path=path,
        text=text,
        sha256="",
        turns=turns,
        speakers=list(speakers.values()),
        sentence_starts=starts,
        sentence_ends=ends,
        notices=reading.notices,
        warnings=reading.warnings,
        layout=reading.layout,
        layout_confidence=round(reading.confidence, 2),
    )
    assign_sections_roles_firms(call, [d.section for d in reading.turns])
    for sp in call.speakers:
        sp.turns = 0
    for t in call.turns:
        t.speaker.turns += 1
    return call


def _speaker_for(speakers: dict[str, Speaker], sl: SpeakerLine) -> Speaker:
    key = name_key(sl.name)
    sp = speakers.get(key)
    if sp is None:
        sp = Speaker(key=key, name=sl.name, title=sl.title, role="unknown", firm=sl.firm)
        speakers[key] = sp
    else:
        sp.title = sp.title or sl.title
        sp.firm = sp.firm or sl.firm
    return sp


def _turn(text: str, index: int, speaker: Speaker, draft: TurnDraft, starts: array, ends: array) -> Turn:
    first = len(starts)
    for ps, pe in draft.spans:
        append_sentences(text, ps, pe, starts, ends)
    if draft.spans:
        start, end = draft.spans[0][0], draft.spans[-1][1]
    else:
        start = end = draft.line_end
    return Turn(
        index=index,
        speaker=speaker,
        section="prepared",
        line_start=draft.line_start,
        line_end=draft.line_end,
        start=start,
        end=end,
        paragraphs=draft.spans,
        first_sentence=first,
        end_sentence=len(starts),
    )
