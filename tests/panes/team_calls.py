"""Calls with a whole management team (CEO, CFO, president, vice president
of investor relations) and analysts, for the filter words about people and
the panes' filters."""

from __future__ import annotations

from pathlib import Path
from benchmarks.harness import settle as workers_idle

TEAM = (
    ("Mary Vee", "Vice President, Investor Relations", "Welcome to the call. Revenue remarks follow."),
    ("John Doe", "President and CEO", "Revenue grew strongly this quarter across every region."),
    ("Jane Roe", "EVP and Chief Financial Officer", "Revenue was $220 million and margins improved."),
    ("Ted Low", "Chief Operating Officer", "Revenue per store rose as operations improved."),
)


def write_team_call(folder: Path, company: str, year: int, quarter: int, stem: str | None = None) -> Path:
    parts = [f"Operator\nGood day, and welcome to the {company} Q{quarter} {year} earnings conference call.\n"]
    for name, title, speech in TEAM:
        parts.append(f"{name} - {title}\n{speech}\n")
    parts.append("Operator\nThank you. Our first question comes from Sam Poe with Big Bank.\n")
    parts.append("Sam Poe - Big Bank - Analyst\nThanks. What drove revenue in the quarter?\n")
    parts.append("Jane Roe - EVP and Chief Financial Officer\nRevenue came mostly from new customers.\n")
    path = folder / f"{stem or company.lower()}-{year}-q{quarter}.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


async def ready(app, pilot) -> None:
    """Until the loading and filtering workers are done and drawn."""
    for _ in range(3):
        await workers_idle(app)
        await pilot.pause()
