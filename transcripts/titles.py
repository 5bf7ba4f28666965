"""The executive titles a filter word can name: ``role:cfo``, ``title:ceo``.

Speaker lines spell one office many ways ("CFO", "EVP and CFO", "Chief
Financial Officer", "Senior Vice President, Finance & CFO"), so a filter word
stands for every spelling of its office. Each office is a pattern over the
title; the table is a list, so adding an office is adding a line.

``president`` does not match "Vice President" (a vice president is another
office), and ``chair`` matches "Chairman", "Chairwoman" and "Chairperson".
"""

from __future__ import annotations

import re

OFFICES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I)
    for name, pattern in (
        ("ceo", r"\bceo\b|\bchief executive\b"),
        ("cfo", r"\bcfo\b|\bchief financial\b|\bfinance director\b|\bchief finance\b"),
        ("coo", r"\bcoo\b|\bchief operating\b|\bchief operations\b"),
        ("cto", r"\bcto\b|\bchief technology\b|\bchief technical\b"),
        ("cio", r"\bcio\b|\bchief information\b|\bchief investment\b"),
        ("cmo", r"\bcmo\b|\bchief marketing\b"),
        ("cro", r"\bcro\b|\bchief revenue\b|\bchief risk\b"),
        ("president", r"(?<!vice )(?<!vice-)\bpresident\b"),
        ("chair", r"\bchair(?:man|woman|person)?\b"),
        ("founder", r"\b(?:co-?)?founder\b"),
        ("evp", r"\bevp\b|\bexecutive vice[- ]president\b"),
        ("svp", r"\bsvp\b|\bsenior vice[- ]president\b"),
        ("vp", r"\b[es]?vp\b|\bvice[- ]president\b"),
        ("ir", r"\bir\b|\binvestor relations\b"),
        ("treasurer", r"\btreasurer\b"),
        ("controller", r"\bcontroller\b|\bcomptroller\b|\bchief accounting\b"),
        ("counsel", r"\bcounsel\b|\bchief legal\b"),
        ("secretary", r"\bsecretary\b"),
    )
}
"""Office name (as typed after ``role:`` or ``title:``) -> the pattern its
titles match."""

ALIASES: dict[str, str] = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "investor-relations": "ir", "investor": "ir", "pres": "president",
    "comptroller": "controller", "legal": "counsel",
}
"""Other words users type for an office."""


def office(word: str) -> str | None:
    """The office a typed word names (``CFO`` -> ``cfo``, ``chairman`` ->
    ``chair``), or None when it names none."""
    folded = word.casefold().strip()
    folded = ALIASES.get(folded, folded)
    return folded if folded in OFFICES else None


def holds(title: str | None, office_name: str) -> bool:
    """Whether ``title`` is (or includes) the office: "EVP and CFO" holds
    ``cfo`` and ``evp``."""
    pattern = OFFICES.get(office_name)
    return bool(title) and pattern is not None and pattern.search(title) is not None
