"""The status bar: where the reader is (call, section, speaker, position),
the search position while a search is active, a one-line message about the
last key (``flash``: "no later turn by Dana Evan"), load progress, and a
slot other features fill (annotation save state).

Notifications (toasts) are lifted above this bar by the app's CSS: the
save state at its right end is never covered."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from transcripts.model import SECTION_LABELS, Call
from transcripts.terminal_safe import one_line


class StatusBar(Widget):
    """One line, drawn with the Line API: it changes on every cursor move, so
    it must not go through text wrapping and layout each time."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._parts: dict[str, str] = {
            "call": "", "section": "", "speaker": "", "position": "", "short_position": "",
            "search": "", "filter": "", "message": "", "progress": "", "save": "",
        }
        self._segments: list[tuple[str, str]] = []
        self._short_segments: list[tuple[str, str]] = []
        """The same with a short position and no progress: for narrow terminals."""

    def set_position(self, call: Call | None, sentence: int) -> None:
        """Every cursor move; it also ends the last key's message."""
        if call is None or call.sentence_count == 0:
            self._set(call=call.label if call else "", section="", speaker="", position="", short_position="",
                      message="")
            return
        turn = call.turns[min(call.turn_index_of_sentence(sentence), len(call.turns) - 1)]
        pct = 100 * (sentence + 1) // call.sentence_count
        speaker = turn.speaker.name + (f" ({turn.speaker.firm})" if turn.speaker.firm else "")
        self._set(
            call=call.label,
            section=SECTION_LABELS.get(turn.section, turn.section),
            speaker=speaker,
            position=f"turn {turn.index + 1}/{len(call.turns)} \u00b7 sentence {sentence + 1}/{call.sentence_count} \u00b7 {pct}%",
            short_position=f"turn {turn.index + 1}/{len(call.turns)} \u00b7 {pct}%",
            message="",
        )

    def flash(self, text: str) -> None:
        """Say what the last key did (or why it did nothing) until the
        cursor next moves: "no later turn by Dana Evan", "removed metric"."""
        self._set(message=text)

    def set_search(self, text: str) -> None:
        """The active search's position (``hit 5/23 /deferred revenue``); empty
        when no search is active."""
        self._set(search=text)

    def set_filter(self, speaker_name: str | None) -> None:
        self._set(filter=f"FILTER: {speaker_name}" if speaker_name else "")

    def set_progress(self, text: str) -> None:
        self._set(progress=text)

    def set_save_state(self, text: str) -> None:
        """For the annotations layer: e.g. ``saved``, ``unsaved changes``."""
        self._set(save=text)

    def part(self, name: str) -> str:
        return self._parts[name]

    def _set(self, **parts: str) -> None:
        changed = False
        for k, v in parts.items():
            v = one_line(v)  # names and titles come from files
            if self._parts.get(k) != v:
                self._parts[k] = v
                changed = True
        if changed:
            self._segments = self._layout_parts()
            self._short_segments = self._layout_parts(short=True)
            self.refresh()

    def _layout_parts(self, short: bool = False) -> list[tuple[str, str]]:
        p = self._parts
        out = [(p["call"], "bold")]
        if p["section"]:
            out.append((f"  {p['section']}", "italic"))
        if p["speaker"]:
            out.append((f"  {p['speaker']}", "bold"))
        position = p["short_position"] if short else p["position"]
        if position:
            out.append((f"  {position}", "dim"))
        if p["search"]:
            out.append((f"  {p['search']}", "bold"))
        if p["filter"]:
            out.append((f"  {p['filter']}", "bold reverse"))
        if p["message"]:
            out.append((f"  {p['message']}", "italic"))
        if p["progress"] and not short:
            out.append((f"  {p['progress']}", "italic"))
        if p["save"]:
            out.append((f"  [{p['save']}]", ""))
        return out

    @property
    def text(self) -> str:
        """What the bar shows, as plain text (for tests and screen readers)."""
        return "".join(t for t, _ in self._segments)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.content_region.width
        if y != 0:
            return Strip.blank(width, base)
        parts = self._segments
        if sum(cell_len(text) for text, _ in parts) > width:
            # Narrow: the save state and the filter must not be cut off.
            parts = self._short_segments
        parts = _fit_message(parts, self._parts["message"], width)
        segments = [Segment(text, base + Style.parse(style) if style else base) for text, style in parts]
        return Strip(segments).crop_extend(0, width, base)


def _fit_message(parts: list[tuple[str, str]], message: str, width: int) -> list[tuple[str, str]]:
    """Shorten the last key's message (with an ellipsis) so that what comes
    after it, the save state above all, stays on the bar."""
    total = sum(cell_len(text) for text, _ in parts)
    if not message or total <= width:
        return parts
    out = []
    for text, style in parts:
        if text == f"  {message}":
            room = cell_len(text) - (total - width)
            if room < 6:
                continue  # no room for a useful piece of it
            text = set_cell_size(text, room - 1) + "\u2026"
        out.append((text, style))
    return out
