"""What the export dialog shows before anything is written: the preview
in the chosen format, and placeholders taken from the calls loaded.

The placeholders name this folder's own periods and people, marked
"e.g.", so they never pass for values (the samples' ``2003q1`` or
``speaker:evan`` looked like a setting on any other folder).
"""

from __future__ import annotations

from annotations.export import render
from transcripts.model import Call

LABELS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}


def preview_text(records: list, fmt: str) -> str:
    """The preview body in the chosen format: Markdown as it reads, CSV and
    JSON as the file's own text (in a code block of the Markdown view)."""
    text = render(records, fmt)
    if fmt == "md":
        return text
    fence = "````" if "```" in text else "```"
    return f"*{LABELS[fmt]}, as written to the file:*\n\n{fence}{'json' if fmt == 'json' else 'text'}\n{text.rstrip()}\n{fence}\n"


def period_examples(calls: list[Call]) -> tuple[str, str]:
    """Placeholders for since/until from the loaded calls' first and last
    periods (marked as examples: they are not values)."""
    periods = sorted((c.fiscal_year, c.quarter) for c in calls if c.fiscal_year and c.quarter)
    if not periods:
        return "e.g. 2024q1", "e.g. 2024q4"
    (y0, q0), (y1, q1) = periods[0], periods[-1]
    return f"e.g. {y0}q{q0}", f"e.g. {y1}q{q1}"


def filter_example(calls: list[Call], current: Call | None) -> str:
    """A filter placeholder naming a speaker of these calls (an executive's
    last name), so it reads as an example of this folder, not of the samples."""
    pool = [current] if current is not None else calls[:1]
    speakers = [sp for call in pool for sp in call.speakers]
    person = next((sp for sp in speakers if sp.role == "executive"), None) or next(
        (sp for sp in speakers if sp.role != "operator"), None)
    words = ["tag:metric"]
    if person is not None and person.name.split():
        words.append(f"speaker:{person.name.split()[-1].casefold()}")
    words.append("section:qa")
    return "e.g. " + " ".join(words)
