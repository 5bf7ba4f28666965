"""With every feature installed (annotations, search, export) a press of
``j`` still redraws only the lines of the two sentences it touches and never
asks for a whole-reader repaint: the features' cursor listeners must stay
cheap as they grow."""

from __future__ import annotations

from tests.conftest import Q1_2003
from tui.app import EarmarkApp
from tui.widgets.reader import Reader
from benchmarks.harness import settle as workers_idle


async def test_j_redraws_only_touched_lines_with_all_features(samples_copy, monkeypatch):
    app = EarmarkApp([str(samples_copy / Q1_2003)])
    rendered: list[int] = []
    full_refreshes: list[int] = []
    original_render = Reader._render_layout_line
    original_refresh_decorations = Reader.refresh_decorations

    def counting(self, layout, index, base):
        rendered.append(index)
        return original_render(self, layout, index, base)

    def counting_decorations(self):
        full_refreshes.append(1)
        return original_refresh_decorations(self)

    monkeypatch.setattr(Reader, "_render_layout_line", counting)
    monkeypatch.setattr(Reader, "refresh_decorations", counting_decorations)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        assert app.installers and hasattr(app, "annotations")
        reader = app.reader
        await pilot.press("1")  # an annotation: highlights are drawn too
        await pilot.press("j")
        await pilot.pause()
        layout = reader.layout_info
        for _ in range(3):
            rendered.clear()
            full_refreshes.clear()
            before = reader.cursor
            await pilot.press("j")
            await pilot.pause()
            after = reader.cursor
            assert after == before + 1
            touched = set(range(layout.sent_first[before], layout.sent_last[before] + 1))
            touched |= set(range(layout.sent_first[after], layout.sent_last[after] + 1))
            assert rendered and set(rendered) <= touched
            assert full_refreshes == []
