"""Command-palette entries: ``go to: VeriSign Q4 2003`` opens a call,
``speaker: Dana Evan`` jumps to a speaker's first turn in the open call.
Other features add their own providers to ``EarmarkApp.COMMANDS``, most
simply as an ``EntryListProvider``."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from transcripts.terminal_safe import one_line
from tui.widgets.speaker_details import SEPARATOR, speaker_details

if TYPE_CHECKING:
    from tui.app import EarmarkApp

Entry = tuple[str, str, object]
"""(text shown and matched, help line, callback)."""


class EntryListProvider(Provider):
    """A provider whose commands are a short list computed when asked
    (``entries()``, from the app's state at that moment): listed as they are
    when the palette opens, fuzzy-matched on their text as the user types."""

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def _shown_entries(self) -> list[Entry]:
        """Entries as shown: call labels, paths and names come from files."""
        return [(one_line(text), one_line(help_text), callback) for text, help_text, callback in self.entries()]

    async def discover(self) -> Hits:
        for text, help_text, callback in self._shown_entries():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._shown_entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]


class EarmarkCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        app: EarmarkApp = self.app  # type: ignore[assignment]
        entries: list[Entry] = []
        for call in app.corpus.entries:  # metadata: the palette opens no call
            entries.append((f"go to: {call.label}", f"open {call.path}", partial(app.open_call, call.id)))
        current = app.current_call
        if current is not None:
            for sp in current.speakers:
                detail = SEPARATOR.join(speaker_details(sp))
                entries.append((f"speaker: {sp.name}", detail, partial(app.jump_to_speaker, sp.key)))
        return entries
