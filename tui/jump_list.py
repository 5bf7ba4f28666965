"""The jump list (vim's ctrl+o / ctrl+i): where each jump left from.

Browser-like: going back and then jumping somewhere new drops the places
ahead (vim's ``jumpoptions=stack``), so ``ctrl+i`` always retraces the
path last taken. Going back from the newest end first remembers where
the cursor is, so ``ctrl+i`` can return there.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")
LIMIT = 100


class JumpList(Generic[T]):
    def __init__(self, limit: int = LIMIT) -> None:
        self.places: list[T] = []
        self.index = 0
        """Where the user is in ``places``; ``len(places)``: past the newest."""
        self.limit = limit

    def record(self, place: T) -> None:
        """A jump left ``place``."""
        del self.places[self.index:]
        if not self.places or self.places[-1] != place:
            self.places.append(place)
        if len(self.places) > self.limit:
            del self.places[: len(self.places) - self.limit]
        self.index = len(self.places)

    def back(self, here: T) -> T | None:
        """The place before; None at the oldest."""
        if self.index >= len(self.places):
            if self.places and self.places[-1] == here:
                self.index = len(self.places) - 1
            else:
                self.places.append(here)
                self.index = len(self.places) - 1
        if self.index <= 0:
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> T | None:
        """The place after (once back); None at the newest."""
        if self.index + 1 >= len(self.places):
            return None
        self.index += 1
        return self.places[self.index]

    @property
    def can_go_forward(self) -> bool:
        return self.index + 1 < len(self.places)

    @property
    def position(self) -> tuple[int, int]:
        """(1-based place, count), for "back 3/7"."""
        return min(self.index + 1, len(self.places)), len(self.places)
