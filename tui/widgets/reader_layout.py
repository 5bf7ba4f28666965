"""How a call is laid out as screen lines at one width.

The reader asks for one line at a time (Textual's Line API), so the whole call
is wrapped once per (call, width, speaker filter) into compact integer arrays:
what each line is (header, text, blank, banner), which slice of the call's
text it shows, and for every sentence the range of lines it covers. A cursor
move then needs only two array look-ups, whatever the length of the call.

No Textual here: the layout is plain data, testable on its own.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

from transcripts.model import SECTION_LABELS, Call, Speaker

TEXT, HEADER, BLANK, BANNER = 0, 1, 2, 3
GUTTER = 2
"""Columns left of the text: one for annotation markers, one space."""
MIN_TEXT_WIDTH = 12


@dataclass(slots=True)
class ReaderLayout:
    call: Call
    width: int
    speaker_filter: str | None
    kinds: array
    """One of TEXT, HEADER, BLANK, BANNER per line."""
    starts: array
    """TEXT: first offset shown. HEADER: the turn index. BANNER: index into ``banners``."""
    ends: array
    """TEXT: one past the last offset shown. HEADER: which line of the
    (wrapped) speaker header this is, 0 for the first."""
    line_turns: array
    """The turn a line belongs to (-1 for banners before any turn)."""
    sent_first: array
    """First line of each sentence; -1 when the sentence is filtered out."""
    sent_last: array
    visible_turns: list[int]
    banners: list[str]
    text_lines: array
    """Indices of the TEXT lines, in order (for offset -> line look-ups)."""
    text_line_starts: array

    @property
    def key(self) -> tuple:
        return (self.call.id, id(self.call), self.width, self.speaker_filter)

    def __len__(self) -> int:
        return len(self.kinds)

    def is_visible(self, sentence: int) -> bool:
        return 0 <= sentence < len(self.sent_first) and self.sent_first[sentence] >= 0

    def sentences_on_line(self, line: int) -> range:
        """The sentences a TEXT line shows part of (empty for other lines)."""
        if self.kinds[line] != TEXT:
            return range(0)
        call = self.call
        lo = call.sentence_at(self.starts[line])
        hi = call.sentence_at(max(self.ends[line] - 1, self.starts[line]))
        if lo is None:
            lo = 0
        if hi is None:
            return range(0)
        if call.sentence_ends[lo] <= self.starts[line]:
            lo += 1
        return range(lo, hi + 1)


def _wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into (start, end) slices of at
    most ``width`` cells, breaking at spaces (hard break for longer words)."""
    out: list[tuple[int, int]] = []
    # Skip leading whitespace so a line never starts with a gap.
    while start < end and text[start].isspace():
        start += 1
    ascii_only = text[start:end].isascii()
    pos = start
    while pos < end:
        if ascii_only:
            if end - pos <= width:
                out.append((pos, end))
                break
            limit = pos + width
        else:
            limit = pos
            cells = 0
            while limit < end:
                cells += cell_len(text[limit])
                if cells > width:
                    break
                limit += 1
            if limit >= end:
                out.append((pos, end))
                break
        brk = -1
        # A space right at the limit lets the full width be used.
        for ws in (" ", "\n", "\t"):
            brk = max(brk, text.rfind(ws, pos, limit + 1))
        if brk > pos:
            line_end = brk
            nxt = brk + 1
        else:
            line_end = max(limit, pos + 1)
            nxt = line_end
        # Trim trailing spaces of the line, skip leading ones of the next.
        trimmed = line_end
        while trimmed > pos and text[trimmed - 1].isspace():
            trimmed -= 1
        out.append((pos, trimmed if trimmed > pos else line_end))
        while nxt < end and text[nxt].isspace():
            nxt += 1
        pos = nxt
    return out


HEADER_SEPARATOR = " \u00b7 "


def header_parts(speaker: Speaker) -> list[tuple[str, str]]:
    """(text, part) pieces of a turn's header: ``name``, ``title``, ``firm``."""
    parts = [(speaker.name, "name")]
    if speaker.title:
        parts.append((HEADER_SEPARATOR + speaker.title, "title"))
    if speaker.firm:
        parts.append((HEADER_SEPARATOR + speaker.firm, "firm"))
    return parts


def header_lines(speaker: Speaker, text_width: int) -> list[list[tuple[str, str]]]:
    """The header wrapped to ``text_width``: per line, its (text, part)
    pieces. A long title or firm wraps instead of being cut off."""
    parts = header_parts(speaker)
    plain = "".join(t for t, _ in parts)
    bounds, pos = [], 0
    for t, part in parts:
        bounds.append((pos, pos + len(t), part))
        pos += len(t)
    lines = []
    for ls, le in _wrap(plain, 0, len(plain), text_width) or [(0, 0)]:
        pieces = [(plain[max(a, ls):min(b, le)], part) for a, b, part in bounds if a < le and b > ls]
        lines.append(pieces)
    return lines


def text_width_for(width: int) -> int:
    return max(MIN_TEXT_WIDTH, width - GUTTER - 1)


def build_layout(call: Call, width: int, speaker_filter: str | None = None) -> ReaderLayout:
    text_width = text_width_for(width)
    kinds, starts, ends, line_turns = array("b"), array("l"), array("l"), array("l")
    banners: list[str] = []
    n_sent = call.sentence_count
    sent_first = array("l", [-1]) * n_sent
    sent_last = array("l", [-1]) * n_sent
    text_lines, text_line_starts = array("l"), array("l")
    visible_turns: list[int] = []

    def add(kind: int, start: int, end: int, turn: int) -> None:
        kinds.append(kind)
        starts.append(start)
        ends.append(end)
        line_turns.append(turn)

    def banner(label: str, turn: int) -> None:
        banners.append(label)
        add(BANNER, len(banners) - 1, 0, turn)

    banner(call.title or call.label, -1)
    section = None
    sstarts, sends = call.sentence_starts, call.sentence_ends
    for turn in call.turns:
        if speaker_filter is not None and turn.speaker.key != speaker_filter:
            continue
        visible_turns.append(turn.index)
        if turn.section != section:
            section = turn.section
            add(BLANK, 0, 0, turn.index)
            banner(SECTION_LABELS.get(section, section), turn.index)
        add(BLANK, 0, 0, turn.index)
        for k in range(len(header_lines(turn.speaker, text_width))):
            add(HEADER, turn.index, k, turn.index)
        first_para = True
        for pstart, pend in turn.paragraphs or [(turn.start, turn.end)]:
            if not first_para:
                add(BLANK, 0, 0, turn.index)
            first_para = False
            for ls, le in _wrap(call.text, pstart, pend, text_width):
                text_lines.append(len(kinds))
                text_line_starts.append(ls)
                add(TEXT, ls, le, turn.index)
        # Map this turn's sentences to lines by offset.
        for s in range(turn.first_sentence, turn.end_sentence):
            a = bisect_right(text_line_starts, sstarts[s]) - 1
            b = bisect_right(text_line_starts, max(sends[s] - 1, sstarts[s])) - 1
            if a < 0:
                continue
            sent_first[s] = text_lines[a]
            sent_last[s] = text_lines[max(a, b)]
    return ReaderLayout(
        call=call, width=width, speaker_filter=speaker_filter, kinds=kinds,
        starts=starts, ends=ends, line_turns=line_turns, sent_first=sent_first,
        sent_last=sent_last, visible_turns=visible_turns, banners=banners,
        text_lines=text_lines, text_line_starts=text_line_starts,
    )
