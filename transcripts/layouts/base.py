"""What every layout reader shares: the lines of a text, and the reading it
hands back (turn drafts, notices, participants) for ``build`` to turn into a
``Call``.

A layout never builds ``Turn`` or ``Speaker`` objects itself: it says where
each turn's speaker line is, who it names and which spans are speech. One
builder then makes speakers, sentences, sections and roles the same way for
every layout, so a new family is a module of detection, not a new model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from transcripts.model import UNKNOWN_SPEAKER, Problem
from transcripts.names import NOT_NAME_WORDS, looks_like_name, strip_marks
from transcripts.sentences import SPACE
from transcripts.speaker_lines import SpeakerLine

HEAD_WINDOW = 16_384
"""Characters a layout's score looks at from the start of a text: a family
shows itself in its header and first turns, and every family scores every
file, so a scan of a whole 60 KB call per family would cost more than
reading it."""
TAIL_WINDOW = 8_192
"""Characters from the end, for families known by their footer."""


@dataclass(slots=True)
class Line:
    """One line with something on it (blank lines are not kept; ``blank_before``
    says whether one or more came just before)."""

    start: int  # content start (white space skipped)
    end: int  # content end
    line_start: int
    line_end: int
    kind: str = "text"
    speaker: SpeakerLine | None = None
    banner: str | None = None
    speech: int = -1
    """For ``Name: speech`` on one line, where the speech starts (and
    ``head_end`` where the name and its colon end)."""
    head_end: int = -1
    blank_before: bool = False


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]`` (``start`` at a line start)."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    pos = start
    blank = False
    for raw in text[start:end].split("\n"):
        end_of_line = pos + len(raw)
        left = raw.lstrip(SPACE)
        if left:
            s = end_of_line - len(left)
            lines.append(Line(s, s + len(left.rstrip(SPACE)), pos, end_of_line, "text", blank_before=blank))
            blank = False
        else:
            blank = True
        pos = end_of_line + 1
    return lines


@dataclass(slots=True)
class TurnDraft:
    """A turn as a layout found it: its speaker line(s) and its speech."""

    speaker: SpeakerLine
    line_start: int
    line_end: int
    spans: list[tuple[int, int]]
    """Paragraphs of speech, in order; none starts or ends with white space."""
    section: str | None = None
    """``prepared``/``qa`` when a banner or the layout says so, else None."""


@dataclass
class Reading:
    """What a layout made of a text."""

    layout: str
    confidence: float
    turns: list[TurnDraft] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    participants: dict[str, SpeakerLine] = field(default_factory=dict)
    """Listed people by ``name_key``: they lend titles and firms."""
    warnings: list[Problem] = field(default_factory=list)
    labels: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """For diarized text: speaker name key -> the label the file gave
    (``Speaker 2``) and whether the name was inferred from what was said."""


class Layout(Protocol):
    """One family of transcript layouts."""

    name: str

    def score(self, text: str) -> float:
        """How well ``text`` fits this layout, 0 (not at all) to 1; cheap,
        since every layout scores every file."""
        ...

    def read(self, text: str, path: str) -> Reading:
        """The turns of ``text``; never raises on any text."""
        ...


def is_name_line(content: str, min_tokens: int = 1) -> bool:
    """A line that is a person's name and nothing else (no word a short
    line of speech would have: ``Thank You``, ``Revenue``)."""
    if not looks_like_name(content, min_tokens=min_tokens, max_tokens=7):
        return False
    return not ({w.strip(".").casefold() for w in strip_marks(content).split()} & NOT_NAME_WORDS)
