"""Putting arbitrary text into Markdown so that it shows exactly as written,
on GitHub and in CommonMark viewers, with no raw HTML.

Transcripts and notes are full of characters Markdown treats as syntax:
``$2 to $3 million`` (GitHub maths), ``*``, ``_``, ``[1]``, a line starting
with ``1.`` or ``-``. Backslash escapes of ASCII punctuation are part of
CommonMark, so they are safe everywhere; we escape only what could start
syntax, to keep the raw file readable in a diff.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"[\\`*_\[\]<>|$~]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_MAY_START_BLOCK = frozenset("#>+=-0123456789 \t")


def escape_inline(text: str) -> str:
    """One line of text as literal Markdown (no line breaks inside)."""
    if _INLINE.search(text):  # most names and values need nothing
        text = _INLINE.sub(r"\\\g<0>", text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    return text


def escape_line(text: str) -> str:
    """A line that starts a block: also escape what would make it a heading,
    a list item, a quote or a thematic break."""
    out = escape_inline(text)
    if out[:1] not in _MAY_START_BLOCK:
        return out
    m = _LINE_START.match(out)
    if m:
        lead, marker = m.group(1), m.group(2)
        if marker[0].isdigit():
            marker = marker[:-1] + "\\" + marker[-1]
        else:
            marker = "\\" + marker
        out = lead + marker + out[m.end():]
    return out


def escape_cell(text: str) -> str:
    """Text for a table cell: one line (line breaks become spaces), pipes
    escaped so they do not split the cell."""
    return escape_inline(" ".join(text.split()))


def code_span(text: str) -> str:
    """Inline code for a path: uses a longer fence when the text holds a
    backtick, as CommonMark allows."""
    text = " ".join(text.split("\n"))
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if run or text.startswith(" ") or text.endswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def block_quote(text: str) -> list[str]:
    """Lines of a block quote of ``text``: every line starts with ``>``; the
    transcript's paragraph breaks stay paragraph breaks."""
    lines: list[str] = []
    paragraphs = [p.strip() for p in text.strip().split("\n")]
    for i, para in enumerate(p for p in paragraphs if p):
        if i:
            lines.append(">")
        lines.append("> " + escape_line(para))
    return lines or ["> "]


def hard_lines(text: str, indent: str = "") -> str:
    """Multi-line text (a note) inside one paragraph or list item: each line
    escaped, joined with a backslash hard line break, continuation lines
    indented so a list item stays one item."""
    parts = [escape_line(p.strip()) for p in text.strip().split("\n")]
    parts = [p for p in parts if p]
    return ("\\\n" + indent).join(parts)
