"""A speaker's details (title, role, firm) as one short line of parts, the
same in the speakers pane and the command palette.

The role is left out when the title already says it ("Analyst" is both),
so no entry reads "Analyst · Piper Jaffray · analyst". In a narrow pane the
parts wrap BETWEEN parts (``PartsLine``), so a line never ends on a
dangling separator ("Chairman and CEO ·").
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from transcripts.model import Speaker
from transcripts.terminal_safe import one_line

SEPARATOR = " \u00b7 "


def speaker_details(speaker: Speaker) -> list[str]:
    """Title, role (unless the title is the role) and firm, the empty ones left out."""
    title = (speaker.title or "").strip()
    role = "" if title.casefold() == speaker.role.casefold() else speaker.role
    # one_line: titles and firms come from the transcript (escapes shown, never sent)
    return [one_line(part) for part in (title, role, (speaker.firm or "").strip()) if part]


class PartsLine:
    """Parts joined by a separator, wrapped between parts at the width the
    renderable is given (a part wider than a whole line wraps inside itself)."""

    def __init__(self, parts: list[str], style: str = "", separator: str = SEPARATOR) -> None:
        self.parts = parts
        self.style = style
        self.separator = separator

    def lines(self, width: int) -> list[str]:
        out: list[str] = []
        current = ""
        for part in self.parts:
            joined = f"{current}{self.separator}{part}" if current else part
            if current and cell_len(joined) > width:
                out.append(current)
                current = part
            else:
                current = joined
        if current:
            out.append(current)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            yield Text(line, style=self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(p) for p in self.parts), default=0)
        return Measurement(min(widest, options.max_width), cell_len(self.separator.join(self.parts)))
