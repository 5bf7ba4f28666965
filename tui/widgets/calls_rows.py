"""The calls pane's rows: a flat list the pane draws a screen of at a time.

A row is a ``Call`` (or ``CallEntry``) itself, a ``Header`` (a company, or
"Problems") or a ``Problem``: building the list for 30,000 calls allocates
one small object per company and nothing per call, and measures nothing.
Every row is one line except a problem, whose message is wrapped to the
pane's width; problems come last, so the lines of everything before them
are their row numbers and only the problems need a table (``RowLines``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, Union

from rich.cells import cell_len, chop_cells
from rich.text import Text

from transcripts.model import Call, Problem
from transcripts.terminal_safe import one_line, quote_name

PROBLEM_INDENT = "  "
"""Problem lines sit under the "Problems" header, as call rows sit under their company."""


@dataclass(frozen=True, slots=True)
class Header:
    """A row the cursor skips: a company's name, or "Problems"."""

    text: str
    style: str = "bold"


Row = Union[Call, Header, Problem]
"""``Call`` stands for anything with a call's ``id``, ``company``, ``period``
and ``warnings`` (``CallEntry`` too)."""


def build_rows(calls: Sequence[Call], errors: Sequence[Problem]) -> list[Row]:
    """Calls (in company/period order) under a header per company, then the
    problems under a "Problems" header."""
    rows: list[Row] = []
    append = rows.append
    company: object = object()
    for call in calls:
        if call.company != company:
            company = call.company
            append(Header(one_line(call.company or "Unknown company")))
        append(call)
    if errors:
        append(Header("Problems", "bold red"))
        rows.extend(errors)
    return rows


def selectable(row: Row) -> bool:
    return not isinstance(row, Header)


def step(rows: Sequence[Row], anchor: int | None, direction: int) -> int | None:
    """The next selectable row from ``anchor`` (not counting it) in
    ``direction``, wrapping round the ends as the other panes' lists do;
    ``anchor`` itself when there is none."""
    n = len(rows)
    if not n:
        return None
    if anchor is None:
        return first_selectable(rows, 0 if direction > 0 else n - 1, direction)
    i = anchor
    for _ in range(n - 1):
        i = (i + direction) % n
        if selectable(rows[i]):
            return i
    return anchor


def first_selectable(rows: Sequence[Row], start: int, direction: int) -> int | None:
    """The first selectable row from ``start`` (counting it) in
    ``direction``, without wrapping."""
    i = start
    while 0 <= i < len(rows):
        if selectable(rows[i]):
            return i
        i += direction
    return None


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces, a word
    longer than a line folded (as Rich wraps a table cell)."""
    width = max(1, width)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    lines.append(line)
    return lines


def problem_lines(problem: Problem, width: int) -> list[Text]:
    """A file that could not be read: its name first (the pane is narrow;
    the full path is in the notification and ``earmark check``), the
    message wrapped under it."""
    where = quote_name(Path(problem.path).name) + (f":{problem.line}" if problem.line is not None else "")
    inner = max(1, width - len(PROBLEM_INDENT))
    out = [Text.assemble(PROBLEM_INDENT, (part, "bold red")) for part in wrap_cells(where, inner)]
    out += [Text.assemble(PROBLEM_INDENT, (part, "red")) for part in wrap_cells(one_line(problem.message), inner)]
    return out


def row_text(row: Row, width: int) -> Text:
    """The one line of a header or call row, cut to ``width`` with an
    ellipsis (a call's warning mark is kept)."""
    if isinstance(row, Header):
        text = Text(row.text, style=row.style)
        text.truncate(width, overflow="ellipsis")
        return text
    text = Text("  " + row.period)
    mark = Text(" !", style="yellow") if row.warnings else Text("")
    text.truncate(max(0, width - mark.cell_len), overflow="ellipsis")
    return text + mark


class RowLines:
    """Which line shows which row at one width: rows before the first
    problem are one line each; the problems' wrapped lines are counted
    here (re-made when the width changes)."""

    def __init__(self, rows: Sequence[Row], width: int) -> None:
        self.rows = rows
        self.width = width
        first = len(rows)
        while first and isinstance(rows[first - 1], Problem):
            first -= 1
        self.plain = first
        """Rows (and lines) before the first problem."""
        self._problem_text: list[list[Text]] = [problem_lines(p, width) for p in rows[first:]]  # type: ignore[arg-type]
        self._starts: list[int] = []
        line = first
        for lines in self._problem_text:
            self._starts.append(line)
            line += len(lines)
        self.total = line

    def at(self, y: int) -> tuple[int, int] | None:
        """(row, line within the row) shown on line ``y``, or None past the end."""
        if y < 0 or y >= self.total:
            return None
        if y < self.plain:
            return y, 0
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:  # the last problem starting at or before y
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= y:
                lo = mid
            else:
                hi = mid - 1
        return self.plain + lo, y - self._starts[lo]

    def first_line(self, row: int) -> int:
        return row if row < self.plain else self._starts[row - self.plain]

    def height(self, row: int) -> int:
        return 1 if row < self.plain else len(self._problem_text[row - self.plain])

    def text(self, row: int, part: int) -> Text:
        if row < self.plain:
            return row_text(self.rows[row], self.width)
        return self._problem_text[row - self.plain][part]
