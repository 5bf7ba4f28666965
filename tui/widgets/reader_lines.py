"""How the reader draws one line of its layout: a banner, a speaker's header,
or a line of text with its layers (the decorations' spans, the selection,
the cursor) and its gutter mark; and the key under which the drawn line is
cached, holding everything that changes how it looks.

A mixin of ``tui.widgets.reader.Reader`` (its layout, cursor, selection,
decorations and strip cache), kept apart from the widget's state and moves.
A decoration provider that raises is taken off here, so a broken layer
never closes the app.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from transcripts.terminal_safe import one_line, printable
from tui.widgets.reader_layout import BANNER, BLANK, GUTTER, HEADER, TEXT, ReaderLayout, header_lines, text_width_for


class LineDrawing:
    def _line_key(self, layout: ReaderLayout, index: int) -> tuple:
        cursor = self.cursor
        on_cursor = layout.is_visible(cursor) and layout.sent_first[cursor] <= index <= layout.sent_last[cursor]
        sel = self.selection
        sel_key = None
        if sel is not None and layout.kinds[index] == TEXT:
            on_line = layout.sentences_on_line(index)
            lo, hi = max(sel[0], on_line.start), min(sel[1], on_line.stop - 1)
            sel_key = (lo, hi) if lo <= hi else None
        decos = tuple((id(d), getattr(d, "version", 0)) for d in self._decorations.values())
        return (
            layout.key, index, cursor if on_cursor else -1, sel_key,
            decos, self._theme_name, self._width,
        )

    def _render_layout_line(self, layout: ReaderLayout, index: int, base: Style) -> Strip:
        kind = layout.kinds[index]
        style = self.get_component_rich_style
        call = layout.call
        pad = Segment(" " * GUTTER, base)
        if kind == BLANK:
            return Strip([], 0)
        if kind == BANNER:
            label = one_line(layout.banners[layout.starts[index]])
            room = text_width_for(layout.width) - 6
            if cell_len(label) > room:  # a long call title: shortened, never cut mid-rule
                label = set_cell_size(label, max(1, room - 1)) + "\u2026"
            return Strip([pad, Segment(f"\u2500\u2500 {label} \u2500\u2500", base + style("reader--banner"))])
        if kind == HEADER:
            sp = call.turns[layout.starts[index]].speaker
            role_style = base + style(f"reader--{sp.role}" if sp.role in ("operator", "executive", "analyst") else "reader--unknown")
            part_styles = {"name": role_style, "title": base + style("reader--title"), "firm": base + style("reader--firm")}
            lines = header_lines(sp, text_width_for(layout.width))
            pieces = lines[min(layout.ends[index], len(lines) - 1)]
            return Strip([pad] + [Segment(one_line(text), part_styles[part]) for text, part in pieces])
        # TEXT
        start, end = layout.starts[index], layout.ends[index]
        text = printable(call.text[start:end].replace("\n", " ").replace("\t", " "))
        text_style = base + style("reader--text")
        layers: list[tuple[int, int, Style]] = []
        gutter_mark: tuple[str, Style | str] | None = None
        for key, deco in list(self._decorations.items()):
            try:
                for s, e, st in deco.spans(call, start, end):
                    layers.append((s, e, st if isinstance(st, Style) else Style.parse(st)))
                if gutter_mark is None:
                    gutter_mark = deco.gutter(call, start, end)
            except Exception as exc:  # a broken layer must not close the app
                self._decorations_failed(key, exc)
        sel = self.selection
        if sel is not None:
            s = call.sentence_starts[sel[0]]
            e = call.sentence_ends[sel[1]]
            if s < end and e > start:
                layers.append((s, e, style("reader--selection")))
        cursor_here = layout.is_visible(self.cursor) and layout.sent_first[self.cursor] <= index <= layout.sent_last[self.cursor]
        if cursor_here:
            layers.append((call.sentence_starts[self.cursor], call.sentence_ends[self.cursor], style("reader--cursor")))
        if gutter_mark is not None:
            mark, mstyle = gutter_mark
            mstyle = mstyle if isinstance(mstyle, Style) else Style.parse(mstyle)
            gutter = [Segment(mark[:1].ljust(1), base + mstyle), Segment(" ", base)]
        elif cursor_here:
            gutter = [Segment("\u258c", base + style("reader--gutter-cursor")), Segment(" ", base)]
        else:
            gutter = [pad]
        if not layers:
            return Strip(gutter + [Segment(text, text_style)])
        cuts = {0, len(text)}
        for s, e, _ in layers:
            cuts.add(min(max(s - start, 0), len(text)))
            cuts.add(min(max(e - start, 0), len(text)))
        points = sorted(cuts)
        segs = list(gutter)
        for a, b in zip(points, points[1:]):
            if a == b:
                continue
            st = text_style
            for s, e, layer_style in layers:
                if s - start < b and e - start > a:
                    st = st + layer_style
            segs.append(Segment(text[a:b], st))
        return Strip(segs)

    def _decorations_failed(self, key: str, exc: Exception) -> None:
        """A provider raised while drawing: take that layer off (the text
        and the other layers stay) and say so once, in one line."""
        if self._decorations.pop(key, None) is None:
            return
        self._strip_cache.clear()
        self.call_later(self.refresh)
        if self.is_attached:
            detail = " ".join(str(exc).split()) or type(exc).__name__
            self.app.notify(f"The {key} marks were turned off after an error: {detail}",
                            severity="error", timeout=10)
