"""What pages print around a call that nobody said: footers, disclaimers,
recommendations, "Duration" lines, takeaways and glossaries.

Such lines become the call's notices, never turns. Each pattern matches the
first line of a block that runs to the end of the call (``closing``) or a
line that is furniture wherever it stands (``furniture``).
"""

from __future__ import annotations

import re

CLOSING = re.compile(
    r"^(?:"
    r"duration:\s*\d+\s*minutes?$"
    r"|call participants:?$"
    r"|this article is a transcript of this conference call"
    r"|the motley fool has (?:positions|a disclosure policy|no position)"
    r"|stocks mentioned$"
    r"|premium investing services$"
    r"|invest (?:better|smarter) with the motley fool"
    r"|more [A-Z0-9.\-]{1,8} analysis$"
    r"|all earnings call transcripts$"
    r"|copyright policy$"
    r"|disclaimer:?$"
    r"|definitions:?$"
    r"|(?:©|copyright)\s*\d{4}\b"
    r")",
    re.I,
)
"""The first line of what follows the call: from here on, notices."""

FURNITURE = re.compile(
    r"^(?:image source:.*|need a quote from a motley fool analyst\?.*|advertisement|"
    r"\[?(?:audio|video) (?:player|transcript)\]?|listen to (?:the|this) call.*)$",
    re.I,
)
"""A line of the page that is never speech, wherever it stands."""

def is_closing(content: str) -> bool:
    return bool(CLOSING.match(content))


def is_furniture(content: str) -> bool:
    return len(content) <= 160 and bool(FURNITURE.match(content))


def mark_closing(text: str, lines: list) -> None:
    """After the first speaker, the first closing line and everything after
    it become notices; furniture anywhere is marked as such."""
    closed = False
    spoken = False
    for ln in lines:
        if ln.kind == "speaker":
            spoken = True
        if closed:
            if ln.kind != "furniture":
                ln.kind = "notice"
            continue
        if ln.kind != "text":
            continue
        if ln.end - ln.start > 250:
            continue  # a paragraph of speech: neither closing nor furniture
        content = text[ln.start : ln.end]
        if spoken and is_closing(content):
            closed = True
            ln.kind = "notice"
        elif is_furniture(content):
            ln.kind = "furniture"
