"""A quote from a call with the one-line citation that says where it is from.

    "These results drove ..." — Dana Evan, EVP and CFO, VeriSign Q4 2003
    earnings call (prepared remarks, turn 4)

The citation is a template with named fields (``CITATION_FIELDS``), chosen
in the config (``copy: citation:``); a field the call does not know (a
speaker with no title) is left out together with the comma or the
parentheses around it, so a citation never reads ``Operator, , VeriSign``.
The Markdown form is a blockquote with the citation as its last line.

Everything taken from the file passes through ``terminal_safe.printable``:
text copied to the clipboard is pasted into terminals and documents, where
an escape sequence hidden in a transcript must not act.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from transcripts.model import SECTION_LABELS, Call, Speaker, Turn
from transcripts.terminal_safe import printable

FORMATS = ("plain", "markdown")
DEFAULT_CITATION = "{who}, {company} {period} earnings call ({section}, turn {turn})"
CITATION_FIELDS: dict[str, str] = {
    "who": "the speaker's name, title and firm (those known), comma separated",
    "speaker": "the speaker's name",
    "title": "the speaker's title",
    "firm": "the speaker's firm",
    "role": "operator, executive, analyst or unknown",
    "company": "the company",
    "ticker": "the company's ticker",
    "period": "the call's period (Q4 2003, FY2021 Q4)",
    "year": "the (fiscal) year",
    "quarter": "the quarter (Q4)",
    "date": "the call's date, when the file says it",
    "section": "prepared remarks or Q&A",
    "turn": "the turn's number, from 1",
    "file": "the transcript's file name",
    "tags": "the annotation's tags (copying an annotation)",
    "note": "the annotation's note (copying an annotation)",
}


@dataclass(frozen=True, slots=True)
class CopySettings:
    """``copy:`` in config.yaml."""

    format: str = "plain"
    """``plain`` ("quote" — citation) or ``markdown`` (blockquote)."""
    citation: str = DEFAULT_CITATION


class TemplateError(ValueError):
    """A citation template that cannot be used; the message says why."""


def check_template(template: str) -> None:
    """Raise ``TemplateError`` unless every ``{field}`` is a known name
    (no attribute or index access, no conversions: a template is text
    with holes, nothing more)."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"{exc} (write a literal brace as {{{{ or }}}})") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in CITATION_FIELDS or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise TemplateError(f"unknown field {shown} (known: {', '.join(CITATION_FIELDS)})")


@dataclass(frozen=True, slots=True)
class Quote:
    """What is copied: the exact text, the call and where in it."""

    text: str
    call: Call
    turn: Turn | None
    speaker_name: str | None = None
    """For an annotation whose place is lost (orphaned): the speaker it stored."""
    tags: tuple[str, ...] = ()
    note: str = ""


def quote_of_span(call: Call, start: int, end: int) -> Quote:
    """The text of ``call`` from ``start`` to ``end``, attributed to the turn
    it is in."""
    return Quote(call.text[start:end], call, call.turn_at(start))


def fields(quote: Quote) -> dict[str, str]:
    """The values of ``CITATION_FIELDS`` for this quote (empty: unknown)."""
    call, turn = quote.call, quote.turn
    speaker: Speaker | None = turn.speaker if turn is not None else None
    name = speaker.name if speaker is not None else (quote.speaker_name or "")
    title = (speaker.title or "") if speaker is not None else ""
    firm = (speaker.firm or "") if speaker is not None else ""
    who = [name, title] + ([firm] if firm and firm.lower() not in title.lower() else [])
    section = SECTION_LABELS.get(turn.section, turn.section) if turn is not None else ""
    values = {
        "who": ", ".join(p for p in who if p),
        "speaker": name,
        "title": title,
        "firm": firm,
        "role": speaker.role if speaker is not None else "",
        "company": call.company or "",
        "ticker": call.ticker or "",
        "period": call.period if (call.quarter or call.fiscal_year) else "",
        "year": str(call.fiscal_year or ""),
        "quarter": f"Q{call.quarter}" if call.quarter else "",
        "date": call.date or "",
        # "Prepared remarks" starts a sentence; inside a citation it is a phrase.
        "section": section.lower() if section == SECTION_LABELS["prepared"] else section,
        "turn": str(turn.index + 1) if turn is not None else "",
        "file": Path(call.path).name,
        "tags": ", ".join(quote.tags),
        "note": " ".join(quote.note.split()),
    }
    return {k: " ".join(printable(v).split()) for k, v in values.items()}


_EMPTY_PARTS = [
    (re.compile(r"\bturn\s*\)"), ")"),  # "turn )" when the turn is unknown
    (re.compile(r"\(\s*(?:,\s*)*\)"), ""),  # "()" or "(, )": every field inside was empty
    (re.compile(r"\(\s*,\s*"), "("),
    (re.compile(r"\s*,\s*\)"), ")"),
    (re.compile(r"(?:\s*,)+\s*,"), ","),  # ", ," -> ","
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"\s+([,)])"), r"\1"),
]


def citation(quote: Quote, template: str = DEFAULT_CITATION) -> str:
    """The one-line citation (``template`` filled in; an unusable template
    falls back to the default rather than copy nothing)."""
    try:
        check_template(template)
    except TemplateError:
        template = DEFAULT_CITATION
    text = template.format(**fields(quote))
    for pattern, replacement in _EMPTY_PARTS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split()).strip(" ,")


def quoted_text(quote: Quote) -> str:
    """The quote made safe to paste (no control text), its words exactly;
    the forms below decide what becomes of line breaks."""
    return printable(quote.text).strip()


def render(quote: Quote, settings: CopySettings = CopySettings(), fmt: str | None = None) -> str:
    """What goes to the clipboard: ``"quote" — citation`` on one line, or
    the Markdown form (``> quote`` paragraphs, ``> — citation``)."""
    fmt = fmt or settings.format
    cite = citation(quote, settings.citation)
    text = quoted_text(quote)
    if fmt == "markdown":
        # A transcript's paragraphs are its lines: each one a paragraph of the quote.
        paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
        body = "\n>\n".join(f"> {p}" for p in paragraphs)
        return f"{body}\n>\n> \u2014 {cite}" if cite else body
    one = " ".join(text.split())
    return f'"{one}" \u2014 {cite}' if cite else f'"{one}"'
