"""Command-palette entries: ``go to: VeriSign Q4 2003`` opens a call,
``speaker: Dana Evan`` jumps to a speaker's first turn in the open call.
Other features add their own providers to ``EarmarkApp.COMMANDS``."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import EarmarkApp


class EarmarkCommands(Provider):
    def _entries(self) -> list[tuple[str, str, object]]:
        app: EarmarkApp = self.app  # type: ignore[assignment]
        entries: list[tuple[str, str, object]] = []
        for call in app.corpus.calls:
            entries.append((f"go to: {call.label}", f"open {call.path}", partial(app.open_call, call.id)))
        current = app.current_call
        if current is not None:
            for sp in current.speakers:
                detail = " \u00b7 ".join(x for x in (sp.title, sp.firm, sp.role) if x)
                entries.append((f"speaker: {sp.name}", detail, partial(app.jump_to_speaker, sp.key)))
        return entries

    async def discover(self) -> Hits:
        for text, help_text, callback in self._entries():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]
