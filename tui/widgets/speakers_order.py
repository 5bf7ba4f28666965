"""The speakers pane's order and role filter: ``s`` cycles the order (as
they first speak, by name, by turns, by role), ``F`` cycles which role is
shown (everyone, executives, analysts, the operator). Both are shown in the
pane's title, so a shorter list never looks like missing speakers."""

from __future__ import annotations

from transcripts.model import Speaker

SORTS: tuple[str, ...] = ("call", "name", "turns", "role")
"""``call``: the order they first speak in (the call's own)."""
ROLE_FILTERS: tuple[str | None, ...] = (None, "executive", "analyst", "operator")
_ROLE_ORDER = {"executive": 0, "analyst": 1, "operator": 2, "unknown": 3}
_ROLE_TITLES = {"executive": "executives", "analyst": "analysts", "operator": "operator"}


def next_of(values: tuple, current) -> object:
    i = values.index(current) if current in values else -1
    return values[(i + 1) % len(values)]


def ordered(speakers: list[Speaker], sort: str, role: str | None) -> list[Speaker]:
    chosen = [sp for sp in speakers if role is None or sp.role == role]
    if sort == "name":
        return sorted(chosen, key=lambda sp: sp.name.casefold())
    if sort == "turns":
        return sorted(chosen, key=lambda sp: -sp.turns)  # stable: ties keep the call's order
    if sort == "role":
        return sorted(chosen, key=lambda sp: _ROLE_ORDER.get(sp.role, 9))
    return chosen


def title(sort: str, role: str | None, shown: int, total: int) -> str:
    parts = ["Speakers"]
    if sort != "call":
        parts.append(f"by {sort}")
    if role is not None:
        parts.append(f"{_ROLE_TITLES.get(role, role)} {shown}/{total}")
    return " \u00b7 ".join(parts)
