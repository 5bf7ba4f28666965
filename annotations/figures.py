"""The figures a quote states, to tell "the same statement, reworded" from
"the sentence next to it".

Re-anchoring finds text that reads like the quote. For an analyst the
numbers are the statement: "revenue grew 10% to $550 million" and "revenue
grew 12% to $540 million" read alike (a fuzzy score in the 90s) but are two
different facts, and moving a note from one to the other is worse than
losing its place. So a candidate whose figures differ from the quote's is
never taken silently (``annotations.anchoring``).

A figure is a number with the sign and the words that change what it means
("$550 million" is not "550 billion", "10%" is not "10 basis points"). Words
around it are ignored: "approximately $220 million" and "about $220 million"
state the same figure.
"""

from __future__ import annotations

import re

_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"thousand|millions?|billions?|trillions?|mm|mln|bn|[kmb](?![a-z])"
_UNIT = r"%|percent(?:age points?)?|basis points?|bps|cents?|points?|x(?![a-z])"
_FIGURE = re.compile(
    rf"(?P<cur>\$|€|£|US\$|USD ?)?(?P<num>{_NUMBER})"
    rf"(?: ?(?P<scale>{_SCALE}))?(?: ?(?P<unit>{_UNIT}))?",
    re.IGNORECASE,
)
_SCALE_NAMES = {"k": "thousand", "mm": "million", "mln": "million", "m": "million", "bn": "billion", "b": "billion"}
_UNIT_NAMES = {"percent": "%", "bps": "basis point", "cents": "cent", "points": "point"}


def _word(value: str | None, names: dict[str, str]) -> str:
    if not value:
        return ""
    v = " ".join(value.casefold().split())
    v = names.get(v, v)
    if v.startswith("percentage point"):
        return "percentage point"
    if v.startswith("basis point"):
        return "basis point"
    return v.rstrip("s") if v.endswith(("millions", "billions", "trillions")) else v


def _number(text: str) -> str:
    """``1,200.50`` and ``1200.5`` are one number; a trailing full stop
    ended the sentence and is not a decimal point."""
    digits = text.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text) else text
    if "." in digits and re.fullmatch(r"\d+\.\d+", digits):
        whole, frac = digits.split(".")
        frac = frac.rstrip("0")
        digits = whole.lstrip("0") or "0"
        return f"{digits}.{frac}" if frac else digits
    return digits.lstrip("0") or "0"


def figures(text: str) -> list[str]:
    """The figures of ``text`` in order, each written one way
    (``$550 million`` -> ``$550 million``, ``10 percent`` -> ``10%``)."""
    out = []
    for m in _FIGURE.finditer(text):
        start = m.start("num")
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_"):
            continue  # part of a word ("Q4", "H1", "CO2") is a name, not a figure
        cur = "$" if (m.group("cur") or "").strip().upper() in ("$", "US$", "USD") else (m.group("cur") or "")
        scale = _word(m.group("scale"), _SCALE_NAMES)
        unit = _word(m.group("unit"), _UNIT_NAMES)
        out.append("".join((cur, _number(m.group("num")), f" {scale}" if scale else "", unit if unit == "%" else (f" {unit}" if unit else ""))))
    return out


def same_figures(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` state the same figures (in any order: a
    reworded sentence may name them the other way round)."""
    return sorted(figures(a)) == sorted(figures(b))


def describe_change(old: str, new: str) -> str:
    """``10%, $550 million -> 12%, $540 million``: what a user reads to
    judge a re-anchor whose figures differ."""
    was = ", ".join(figures(old)) or "no figures"
    now = ", ".join(figures(new)) or "no figures"
    return f"{was} \u2192 {now}"
