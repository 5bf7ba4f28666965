"""Quarter over quarter: the same part of two calls, sentence by sentence.

Management repeats itself from one quarter to the next, and what changed is
the news: a sentence that is new, one that was dropped, and above all one
that is the same but for a number ("we expect revenue of $215 million" a
quarter after "$205 million"). Sentences are paired by their words with the
numbers masked, so a changed figure pairs with its old self and stands out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from transcripts.model import Call

PARTS: tuple[tuple[str, str], ...] = (
    ("prepared", "Prepared remarks"),
    ("finance", "The CFO's remarks"),
    ("qa", "Q&A"),
)
"""The parts a user can compare, in the order a key cycles through them."""

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"\w+")
_FINANCE = re.compile(r"\bcfo\b|financ|treasurer|controller", re.IGNORECASE)
SIMILAR = 0.6
"""Two sentences whose masked words are this alike are one, changed."""


@dataclass(slots=True)
class Row:
    kind: str
    """``same``, ``changed`` (words or numbers differ), ``new`` or ``dropped``."""
    before: str | None
    after: str | None
    numbers_changed: bool = False
    after_numbers: list[tuple[int, int]] = field(default_factory=list)
    """Spans in ``after`` of the numbers that were not in ``before``."""


def part_sentences(call: Call, part: str) -> list[str]:
    """The sentences of one part of a call: ``prepared``, ``qa``, or
    ``finance`` (the prepared remarks of the finance chief)."""
    out: list[str] = []
    for turn in call.turns:
        if part == "qa":
            if turn.section != "qa":
                continue
        else:
            if turn.section != "prepared":
                continue
            if part == "finance" and not (turn.speaker.title and _FINANCE.search(turn.speaker.title)):
                continue
        out.extend(call.sentence_text(i) for i in turn.sentence_range)
    return out


def _masked(sentence: str) -> str:
    return " ".join(_WORD.findall(_NUMBER.sub("#", sentence.casefold())))


def _numbers(sentence: str) -> list[str]:
    return [m.group(0).replace(",", "") for m in _NUMBER.finditer(sentence)]


def _pair(before: str, after: str) -> Row:
    if before == after:
        return Row("same", before, after)
    old = set(_numbers(before))
    fresh = [(m.start(), m.end()) for m in _NUMBER.finditer(after) if m.group(0).replace(",", "") not in old]
    return Row("changed", before, after, numbers_changed=_numbers(before) != _numbers(after), after_numbers=fresh)


def compare_sentences(before: list[str], after: list[str]) -> list[Row]:
    """Rows in the order of the later call, with dropped sentences where
    they stood."""
    a = [_masked(s) for s in before]
    b = [_masked(s) for s in after]
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(_pair(before[i], after[j]) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        # A replaced stretch: pair each later sentence with the most alike
        # earlier one still free, if alike enough; the rest are new / dropped.
        free = list(range(i1, i2))
        for j in range(j1, j2):
            best, score = None, 0.0
            for i in free:
                r = SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
                if r > score:
                    best, score = i, r
            if best is not None and score >= SIMILAR:
                for i in [x for x in free if x < best]:
                    rows.append(Row("dropped", before[i], None))
                free = [x for x in free if x > best]
                rows.append(_pair(before[best], after[j]))
            else:
                rows.append(Row("new", None, after[j]))
        rows.extend(Row("dropped", before[i], None) for i in free)
    return rows


def compare_calls(before: Call, after: Call, part: str = "prepared") -> list[Row]:
    return compare_sentences(part_sentences(before, part), part_sentences(after, part))


def previous_call(call: Call, calls: list[Call]) -> Call | None:
    """The company's call just before ``call`` among ``calls``."""
    if not call.company:
        return None
    earlier = [c for c in calls if c.company == call.company and c.sort_key < call.sort_key and c.path != call.path]
    return max(earlier, key=lambda c: c.sort_key) if earlier else None
