"""The line of keys at the bottom of the screen, drawn as one widget.

Textual's ``Footer`` makes a widget for every key it shows, and makes them
all again whenever the keys change: at every feature's ``bind_key`` while the
app starts, at every focus moved, at every pane opened. Earmark shows about
sixty keys; their widgets' styles were a fifth of the app's first paint
(0.2 s at 1,000 calls, measured with and without a footer), and the line
shows a dozen of them. This line draws the keys that fit, and only draws
again when they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


@dataclass(frozen=True)
class KeySpan:
    """Where a key is drawn on the line: a click there presses it."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyLine(Widget):
    """The keys of the focused widget and the app, as Textual's footer shows
    them (a key's first binding per action; keys of one group side by side,
    under the group's name; the command palette's key at the right)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-line--key", "key-line--description"}
    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyLine > .key-line--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyLine > .key-line--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-line--key")
        text_style = self.get_component_rich_style("key-line--description")
        dim = Style(dim=True)
        width = self.size.width
        line, spans = Text(no_wrap=True, overflow="crop"), []

        def put(binding: Binding, enabled: bool) -> None:
            start, extra = line.cell_len, Style() if enabled else dim
            line.append(f" {self.app.get_key_display(binding)} ", key_style + extra)
            line.append(f"{binding.description} ", text_style + extra)
            spans.append(KeySpan(start, line.cell_len, binding.key, enabled))

        shown, palette = self._shown()
        for group, members in groupby(shown, lambda m: m[0].group):
            if line.cell_len >= width:
                break
            members = list(members)
            if group is None or len(members) == 1:
                for binding, enabled in members:
                    put(binding, enabled)
                continue
            line.append(" ", key_style)  # the group's keys side by side, then its name
            for binding, enabled in members:
                start = line.cell_len
                line.append(self.app.get_key_display(binding), key_style + (Style() if enabled else dim))
                spans.append(KeySpan(start, line.cell_len, binding.key, enabled))
            line.append(f" {group.description} ", text_style)
        if palette is not None:
            right = Text("\u258f", text_style + dim, no_wrap=True)
            right.append(f"{self.app.get_key_display(palette[0])} ", key_style)
            right.append(f"{palette[0].description} ", text_style)
            room = max(0, width - right.cell_len)
            line.truncate(room, pad=True)
            spans = [s for s in spans if s.start < room]
            spans.append(KeySpan(room, room + right.cell_len, palette[0].key, palette[1]))
            line.append_text(right)
        self.spans = spans
        return line

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The keys to show, in order, and the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled)
        first: dict[str, tuple[Binding, bool]] = {}
        for key, (_node, binding, enabled, _tooltip) in active.items():
            if binding.show and key != app.COMMAND_PALETTE_BINDING:
                first.setdefault(binding.action, (binding, enabled))
        return list(first.values()), palette

    def on_click(self, event: events.Click) -> None:
        for span in self.spans:
            if span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
