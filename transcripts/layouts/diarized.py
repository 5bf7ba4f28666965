"""Diarized speech-to-text output: ``Speaker 0: ...``, ``SPEAKER_01: ...``,
``[00:01:23] Speaker 2: ...``.

A speech-to-text service labels voices, not people. Each speaker keeps its
label, and the label becomes a name when the call says it: the operator
hands over ("I'll turn it over to our CFO, Jane Roe"), announces a question
("comes from Bob Smith with UBS") or a speaker introduces themselves ("This
is Jane Roe"). Such names are marked as inferred. The voice that runs the
call is the operator, and the Q&A starts where the operator opens it.
Consecutive segments of one voice are one turn.
"""

from __future__ import annotations

import re
from collections import Counter

from transcripts.layouts.base import HEAD_WINDOW, Line, Reading, TurnDraft, split_lines
from transcripts.layouts.names_said import handed_to, introduced, question_from, said_own_name
from transcripts.layouts.walk import walk
from transcripts.names import name_key
from transcripts.speaker_lines import SpeakerLine

NAME = "diarized"
_STAMP = r"(?:\[?\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)?\]?\s*(?:-->\s*\S+\s*)?)"
LABEL = re.compile(
    rf"{_STAMP}?(?P<label>(?:speaker|spk)[ _\-]?\d{{1,3}}|[A-Z][A-Za-z.'\- ]{{0,40}}?(?=\s*{_STAMP}\s*:))"
    rf"\s*{_STAMP}?\s*:\s*",
    re.I,
)
"""A label with an optional time stamp before or after it; a name as the
label only with a time stamp (``[00:01:02] Jane Roe: ...``)."""
_SPEAKER_N = re.compile(r"(?:speaker|spk)[ _\-]?\d{1,3}\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s*)?:", re.I)
_A_STAMP = re.compile(r"\d{1,2}:\d{2}")
_ANONYMOUS = re.compile(r"(?:speaker|spk)[ _\-]?\d{1,3}$", re.I)
"""A label that names a voice, not a person: the only kind renamed."""
_NAME_THEN_STAMP = re.compile(r"\n[A-Z][^:\n]{0,40}?\s[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]\s*:")
"""``Jane Roe (00:05):``, as transcription services write it."""
NAMED = re.compile(r"(?P<label>(?:[A-Z][\w.'’\-]*)(?: (?:[A-Z][\w.'’\-]*|de|van|von|la)){0,4}):\s+")
"""``Jane Roe: ...`` on every line, as a subtitle file's voices become."""
_NAMED_LINE = re.compile(r"\n[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,4}: ")
_STAMPED = re.compile(r"\n\[?\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)?\]?\s*[A-Z][^:\n]{0,40}:")
_WELCOME = re.compile(r"welcome to the\b.{0,80}\b(?:call|conference|webcast)")
_NEXT_QUESTION = re.compile(r"(?:first|next|final|last) question (?:comes|is|will come) from")
_STAR_ONE = re.compile(r"star (?:then |followed by )?(?:one|1)\b")
_OPEN_QUESTIONS = re.compile(r"(?:begin|open|start)\w* (?:the )?(?:call |line )?(?:up )?(?:for|to)? ?questions|\bq\s*&\s*a\b")
_OPERATOR_PHRASES = ("[operator instructions]", "question-and-answer session", "your line is open",
                     "your line is now open", "press star", "this concludes today", "this concludes the",
                     "this concludes our")


def _operator_says(words: str) -> bool:
    """Whether a turn sounds like the operator's (plain substring tests
    first: this runs on every turn of the call)."""
    low = _ends(words).lower()
    return (
        any(p in low for p in _OPERATOR_PHRASES)
        or "question" in low and _NEXT_QUESTION.search(low) is not None
        or "welcome to the" in low and _WELCOME.search(low) is not None
        or "star" in low and _STAR_ONE.search(low) is not None
    )


def _opens_qa(words: str) -> bool:
    low = _ends(words).lower()
    return (
        "question-and-answer" in low or "[operator instructions]" in low or "first question" in low
        or "press star" in low
        or "star" in low and _STAR_ONE.search(low) is not None
        or "question" in low and _OPEN_QUESTIONS.search(low) is not None
        or "q&a" in low
    )


class DiarizedLayout:
    name = NAME

    def score(self, text: str) -> float:
        top = text[:2000]  # speech-to-text output opens with a label or a time stamp
        label_on_top = "peaker" in top or "PEAKER" in top or "pk" in top or "PK" in top
        stamp_on_top = ":" in top and _A_STAMP.search(top) is not None
        if not (label_on_top or stamp_on_top):
            return 0.7 if ": " in top and _named_lines(text[: HEAD_WINDOW // 2]) else 0.0
        window = "\n" + text[: HEAD_WINDOW // 2]
        labelled = len(_SPEAKER_N.findall(window)) if label_on_top else 0
        stamped = len(_STAMPED.findall(window)) + len(_NAME_THEN_STAMP.findall(window)) if stamp_on_top else 0
        hits = max(labelled, stamped)
        if hits < 2:
            return 0.7 if _named_lines(window) else 0.0
        lines = max(1, window.count("\n") - window.count("\n\n"))
        share = hits / lines
        return 0.95 if share >= 0.3 else 0.8 if share >= 0.1 and labelled >= 3 else 0.0

    def read(self, text: str, path: str) -> Reading:
        lines = split_lines(text)
        reading = Reading(NAME, 0.9)
        current: str | None = None
        named = not _SPEAKER_N.search(text, 0, HEAD_WINDOW) and not _A_STAMP.search(text, 0, 2000)
        label_rx = NAMED if named else LABEL
        for ln in lines:
            m = label_rx.match(text, ln.start, ln.end)
            if m is None:
                continue
            label = " ".join(m["label"].split())
            speech = m.end()
            if label == current:
                ln.start = speech  # the same voice goes on: one turn
                if speech >= ln.end:
                    ln.kind = "furniture"
                continue
            current = label
            ln.kind, ln.speaker, ln.speech, ln.head_end = "speaker", SpeakerLine(label, None, None, True), speech, speech
        walk(text, [ln for ln in lines if not (ln.kind == "furniture" and ln.start >= ln.end)], reading)
        if named:  # the voices came with names: nothing to infer
            self._sections(text, reading)
            return reading
        self._name_voices(text, reading)
        self._sections(text, reading)
        return reading

    def _name_voices(self, text: str, reading: Reading) -> None:
        turns = reading.turns
        said = [" ".join(text[s:e] for s, e in t.spans) for t in turns]
        labels = [t.speaker.name for t in turns]
        operator_votes = Counter(label for label, words in zip(labels, said)
                                 if _ANONYMOUS.match(label) and _operator_says(words))
        operator = None
        if operator_votes:
            top, votes = operator_votes.most_common(1)[0]
            if votes >= 2 or (labels and labels[0] == top):
                operator = top
        votes: dict[str, Counter] = {}
        titles: dict[tuple[str, str], str] = {}
        firms: dict[tuple[str, str], str] = {}

        def vote(label: str, name: str, title: str | None = None, firm: str | None = None) -> None:
            if label == operator or not _ANONYMOUS.match(label):
                return  # a voice the file already named keeps its name
            votes.setdefault(label, Counter())[name] += 1
            if title:
                titles.setdefault((label, name), title)
            if firm:
                firms.setdefault((label, name), firm)

        for i, words in enumerate(said):
            own = said_own_name(words)
            if own:
                vote(labels[i], own)
            if i + 1 < len(turns) and labels[i + 1] != labels[i]:
                found = handed_to(words) or (question_from(words) if labels[i] == operator else None)
                if found:
                    vote(labels[i + 1], *found)
                elif labels[i] == operator:
                    intro = introduced(words)
                    if intro:
                        vote(labels[i + 1], *intro)
        names: dict[str, str] = {}
        taken: dict[str, tuple[int, str]] = {}
        for label, counter in votes.items():
            name, n = counter.most_common(1)[0]
            if n * 2 <= sum(counter.values()) and sum(counter.values()) > 1:
                continue  # one label, several people: diarization merged voices
            key = name_key(name)
            if key in taken and taken[key][0] >= n:
                continue
            if key in taken:
                names.pop(taken[key][1], None)
            taken[key] = (n, label)
            names[label] = name
        if operator is not None:
            names[operator] = "Operator"
        for t in turns:
            label = t.speaker.name
            name = names.get(label)
            if name is None:
                if _ANONYMOUS.match(label):
                    reading.labels.setdefault(name_key(label), (label, False))
                continue
            t.speaker = SpeakerLine(name, titles.get((label, name)), firms.get((label, name)), True)
            reading.labels[name_key(name)] = (label, True)

    @staticmethod
    def _sections(text: str, reading: Reading) -> None:
        """The Q&A opens at the operator's first turn that opens it, after
        someone else has spoken; without an operator, at the first turn
        that says so."""
        turns: list[TurnDraft] = reading.turns
        qa = None
        seen_other = False
        for i, t in enumerate(turns):
            words = " ".join(text[s:e] for s, e in t.spans)
            if t.speaker.name != "Operator":
                seen_other = True
                continue
            if seen_other and _opens_qa(words):
                qa = i
                break
        if qa is None:
            return
        for i, t in enumerate(turns):
            t.section = "qa" if i >= qa else "prepared"


def _named_lines(window: str) -> bool:
    """Whether nearly every line is ``Name: speech`` and one voice goes on
    over several lines (cues of a subtitle file): one turn per voice, not
    per line."""
    found = _NAMED_LINE.findall("\n" + window)
    lines = sum(1 for line in window.split("\n") if line.strip())
    if len(found) < 6 or len(found) < 0.6 * lines:
        return False
    heads = [f[1:].partition(":")[0] for f in found]
    return any(a == b for a, b in zip(heads, heads[1:]))


def _ends(words: str) -> str:
    """The start and the end of what a voice said: where an operator's
    phrases are (a long turn is management's, and searching all of it
    would cost more than reading the call)."""
    return words if len(words) <= 1000 else f"{words[:600]} {words[-400:]}"
