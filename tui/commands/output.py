"""What every headless command does the same way: one JSON document on
stdout, problems on stderr (one ``path:line: message`` line each), tables
drawn with rich on a terminal and as plain aligned text in pipes, and the
exit code (0 fine, 1 an input had problems, 2 bad usage).

Kept free of Textual (rich only, imported when a table is drawn) so the
commands start fast and run where there is no terminal.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, Iterable, Sequence

from transcripts import strict_json
from transcripts.model import Problem
from transcripts.terminal_safe import is_odd_name, one_line, printable, quote_name
from transcripts.serialize import problem_json  # noqa: F401  (the commands' one JSON form of a problem)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _write(stream, text: str) -> None:
    """Write even when the stream cannot encode a character (a Chinese
    notice line to a pipe opened as ASCII): replace it rather than crash."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


# JSON escapes C0 controls by itself; these it would write raw with
# ensure_ascii=False: DEL, the C1 controls (``\x9b`` is a CSI on some
# terminals) and the lone surrogates of a file name that is not UTF-8.
_JSON_RAW_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def json_text(doc: Any) -> str:
    """``doc`` as JSON that is safe to print: the same data, with every
    character a terminal would act on written as a ``\\uXXXX`` escape."""
    text = strict_json.dumps(doc, ensure_ascii=False, indent=2)
    return _JSON_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit_json(doc: Any) -> None:
    """One JSON document on stdout (keys in the order built, unicode kept),
    strict (never ``NaN`` or ``Infinity``) and terminal-safe."""
    _write(sys.stdout, json_text(doc) + "\n")


def say(text: str = "") -> None:
    """Human output on stdout, always terminal-safe (a pipe often ends at a
    terminal or a pager): control characters are shown, never sent."""
    _write(sys.stdout, printable(text) + "\n")


def warn(text: str) -> None:
    """A line for the user on stderr (never mixed into JSON on stdout)."""
    _write(sys.stderr, printable(text) + "\n")


FOLLOW_LINKS_HELP = (
    "follow links to folders even when they lead out of the folders given "
    "(by default only links that stay inside are followed)"
)


def add_follow_links(parser: argparse.ArgumentParser) -> None:
    """The walk option every command that reads folders takes."""
    parser.add_argument("--follow-links", action="store_true", help=FOLLOW_LINKS_HELP)


def problem_line(p: Problem) -> str:
    """``path:line: message``; warnings say so after the location, the way
    compilers do, so editors still jump to the line."""
    path = quote_name(p.path)
    where = f"{path}:{p.line}" if p.line is not None else path
    kind = "warning: " if p.severity == "warning" else ""
    return f"{where}: {kind}{one_line(p.message)}"


def report_problems(problems: Iterable[Problem]) -> None:
    for p in problems:
        warn(problem_line(p))


def error_json(p: Problem) -> dict[str, Any]:
    """The ``errors`` entries of DESIGN.md: ``path`` and ``error``."""
    return {"path": p.path, "error": p.message, "line": p.line, "severity": p.severity}


def exit_code(problems: Iterable[Problem], strict: bool = False) -> int:
    """1 when any input had an error (or, if ``strict``, a warning)."""
    for p in problems:
        if p.severity == "error" or strict:
            return EXIT_PROBLEMS
    return EXIT_OK


def is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def print_table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, right: Sequence[str] = (),
                title: str | None = None) -> None:
    """A table: rich on a terminal, aligned plain text otherwise (easy to
    ``grep``, ``cut`` and diff). Columns named in ``right`` are numbers."""
    cells = [_cells(row) for row in rows]
    if is_terminal():
        _rich_table(header, cells, right, title)
    else:
        if title:
            say(title)
        _plain_table(header, cells, right)


def _cells(row: Sequence[Any]) -> list[str]:
    """A row's cells, each one safe line: a row whose text has nothing to
    make safe (nearly all) is asked once, not cell by cell."""
    cells = ["" if v is None else str(v) for v in row]
    return [one_line(c) for c in cells] if is_odd_name("".join(cells)) else cells


def _plain_table(header: Sequence[str], rows: list[list[str]], right: Sequence[str]) -> None:
    """Written at once, each line formatted in one call: a listing of
    30,000 calls was half a second of cell by cell."""
    n = len(header)
    every = [list(header), *(r if len(r) == n else (r + [""] * n)[:n] for r in rows)]
    widths = [max(map(len, column)) for column in zip(*every)]
    line = "  ".join(f"{{:{'>' if h in right else '<'}{w}}}" for h, w in zip(header, widths))
    _write(sys.stdout, "".join(line.format(*r).rstrip() + "\n" for r in every))


def _rich_table(header: Sequence[str], rows: list[list[str]], right: Sequence[str], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # plain text: a "[inaudible]" in a cell is not markup

    table = Table(title=title, show_edge=False, header_style="bold", title_justify="left")
    for h in header:
        table.add_column(h, justify="right" if h in right else "left", overflow="fold")
    for r in rows:
        table.add_row(*(Text(c) for c in r))
    Console().print(table)


def rich_console():
    """A rich console for commands that draw more than tables (``show``)."""
    from rich.console import Console

    return Console(highlight=False)
