"""A person across calls and each of their appearances: the model that
``transcripts.identity`` fills in. Kept apart so that the rules that group
spellings (``people_clusters``) and the index over the result
(``identity.PeopleIndex``) share it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Appearance:
    """One person speaking in one call, as that call wrote them."""

    call: str
    """The call id."""
    speaker: str
    """The speaker key within the call."""
    turns: int
    name: str = ""
    title: str | None = None
    role: str = "unknown"
    firm: str | None = None
    company: str | None = None


@dataclass(slots=True)
class Person:
    id: str
    """A slug of the name, unique in the result (company added on a clash)."""
    name: str
    """The most complete spelling seen (titled spellings preferred)."""
    aliases: list[str]
    """Other spellings seen, sorted."""
    role: str
    """The most common known role (``unknown`` when no call knew it)."""
    firm: str | None
    """The most common known firm (analysts), else None."""
    titles: list[str]
    """Distinct titles, one spelling each (``Chairman & CEO`` and ``Chairman
    and CEO`` are one title)."""
    company: str | None
    """The company whose calls they speak on; None for an analyst seen on the
    calls of several companies (see ``companies``)."""
    companies: list[str] = field(default_factory=list)
    firms: list[str] = field(default_factory=list)
    """Every distinct firm seen, one spelling each."""
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def turns(self) -> int:
        return sum(a.turns for a in self.appearances)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

