"""The commands' plain tables (stdout not a terminal): every cell one safe
line, columns aligned, numbers to the right; the same text a cell-by-cell
writer gives, whatever the cells hold."""

from __future__ import annotations

import io
import sys

from hypothesis import given
from hypothesis import strategies as st

from transcripts.terminal_safe import one_line
from tui.commands import output

HEADER = ["Call", "Count", "Path"]
CELL = st.one_of(st.none(), st.integers(-10**6, 10**6), st.text(max_size=12))


def printed(rows) -> str:
    out, real = io.StringIO(), sys.stdout
    sys.stdout = out
    try:
        output.print_table(HEADER, rows, right=("Count",))
    finally:
        sys.stdout = real
    return out.getvalue()


def by_hand(rows) -> str:
    cells = [HEADER, *[["" if v is None else one_line(str(v)) for v in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(HEADER))]
    return "".join("  ".join(c.rjust(w) if h == "Count" else c.ljust(w) for c, w, h in zip(r, widths, HEADER)).rstrip()
                   + "\n" for r in cells)


@given(st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=8))
def test_a_plain_table_is_aligned_and_safe_whatever_its_cells(rows):
    text = printed(rows)
    assert text == by_hand(rows)
    assert not any(ch in text for ch in "\x1b\r\x00\x7f\x9b")


def test_a_short_row_is_padded():
    assert printed([["acme-2024-q1", 3]]).splitlines()[1].startswith("acme-2024-q1")
