"""The speakers pane: who speaks in the open call, coloured by role.

``enter`` jumps to the speaker's first turn, ``f`` shows only their turns,
``i`` lists their turns in every call of the company; ``s`` cycles the order
and ``F`` the role shown (``tui.widgets.speakers_order``)."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from transcripts.model import Call
from transcripts.terminal_safe import one_line
from tui.widgets.pane_list import PaneList
from tui.widgets import speakers_order
from tui.widgets.speaker_details import PartsLine, speaker_details

ROLE_COLOURS = {
    "operator": "grey62",
    "executive": "green3",
    "analyst": "dark_orange",
    "unknown": "medium_purple",
}


class SpeakersPane(PaneList):
    BINDINGS = [
        Binding("enter", "select", "Go to their first turn", id="speakers.jump", show=False),
        Binding("f", "filter", "Only this speaker", id="speakers.filter"),
        Binding("i", "across_calls", "Their turns in every call", id="speakers.across_calls"),
        Binding("s", "cycle_sort", "Order: call, name, turns, role", id="speakers.sort", show=False),
        Binding("F", "cycle_role", "Role: all, exec, analyst, operator", id="speakers.role", show=False),
    ]

    DEFAULT_CSS = """
    /* A stable gutter: entries are measured and drawn at one width, so a
       wrapped detail line is never cut off when the scrollbar appears. */
    SpeakersPane { height: 1fr; border: round $panel; scrollbar-gutter: stable; }
    SpeakersPane:focus { border: round $accent; }
    """

    class SpeakerAction(Message):
        """``action`` is ``jump``, ``filter`` or ``across``."""

        def __init__(self, action: str, speaker_key: str) -> None:
            super().__init__()
            self.action = action
            self.speaker_key = speaker_key

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Speakers"
        self._filter: str | None = None
        self._call: Call | None = None
        self.sort = "call"
        self.role: str | None = None

    def set_call(self, call: Call | None, speaker_filter: str | None = None) -> None:
        self._call = call
        self._filter = speaker_filter
        self._rebuild()

    def set_filter(self, speaker_filter: str | None) -> None:
        if speaker_filter != self._filter:
            self._filter = speaker_filter
            self._rebuild()

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        call = self._call
        if call is None:
            return
        options = []
        shown = speakers_order.ordered(call.speakers, self.sort, self.role)
        self.border_title = speakers_order.title(self.sort, self.role, len(shown), len(call.speakers))
        for sp in shown:
            colour = ROLE_COLOURS.get(sp.role, ROLE_COLOURS["unknown"])
            marked = sp.key == self._filter
            head = Text(one_line(sp.name), style=f"bold {colour}")
            head.append(f"  {sp.turns}", style="dim")
            details = PartsLine(speaker_details(sp), style="dim")
            # The marker in a column of its own and the details indented:
            # long names and titles wrap under themselves.
            label = Table.grid(expand=True)
            label.add_column(width=2, no_wrap=True)
            label.add_column(ratio=1)
            label.add_row(Text("\u25cf " if marked else "  ", style="bold reverse" if marked else ""),
                          Group(head, Padding(details, (0, 0, 0, 2))))
            options.append(Option(label, id=sp.key))
        self.add_options(options)
        self.border_subtitle = "filter on" if self._filter else ""
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def mark_speaker(self, key: str) -> None:
        try:
            index = self.get_option_index(key)
        except Exception:
            return
        if self.highlighted != index:
            self.highlighted = index

    @property
    def highlighted_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.SpeakerAction("jump", event.option.id))

    def action_filter(self) -> None:
        if self.highlighted_key:
            self.post_message(self.SpeakerAction("filter", self.highlighted_key))

    def action_cycle_sort(self) -> None:
        self.sort = str(speakers_order.next_of(speakers_order.SORTS, self.sort))
        self._rebuild_keeping()

    def action_cycle_role(self) -> None:
        self.role = speakers_order.next_of(speakers_order.ROLE_FILTERS, self.role)  # type: ignore[assignment]
        self._rebuild_keeping()

    def _rebuild_keeping(self) -> None:
        """Rebuild with the same speaker highlighted (when still shown)."""
        key = self.highlighted_key
        self.highlighted = None
        self._rebuild()
        if key is not None:
            self.mark_speaker(key)
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def action_across_calls(self) -> None:
        if self.highlighted_key:
            self.post_message(self.SpeakerAction("across", self.highlighted_key))
