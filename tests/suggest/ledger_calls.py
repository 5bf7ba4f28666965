"""Small calls of one company across a year, for the ledger tests."""

from __future__ import annotations

from pathlib import Path

OPENING = "Operator\nGood day, and welcome to the Acme {q} {y} earnings conference call.\n\n"


def write_call(folder: Path, quarter: int, year: int, cfo_says: str, stem: str = "acme") -> Path:
    text = (
        OPENING.format(q=f"Q{quarter}", y=year)
        + "Jane Roe - Chief Financial Officer\n"
        + f"Thank you. Good afternoon, everyone. {cfo_says}\n\n"
        + "Operator\nThank you. Our first question comes from Sam Poe with Big Bank.\n\n"
        + "Sam Poe - Big Bank - Analyst\nThanks for taking my question. How is demand?\n\n"
        + "Jane Roe - Chief Financial Officer\nDemand is healthy across the board.\n"
    )
    path = folder / f"{stem}-{year}-q{quarter}.txt"
    path.write_text(text, encoding="utf-8")
    return path
