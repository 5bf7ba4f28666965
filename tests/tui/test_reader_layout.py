"""Wrapping a call into screen lines: nothing lost, nothing too wide, every
sentence findable, and a cursor move re-renders only the lines it touches."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from transcripts import parse_file, parse_text
from tui.app import EarmarkApp
from tui.widgets.reader import Reader
from tui.widgets.reader_layout import BANNER, GUTTER, HEADER, TEXT, build_layout
from benchmarks.harness import settle as workers_idle

READER_ONLY: list[str] = []
"""No other features installed: these tests are about the reader alone."""


@pytest.fixture(scope="module")
def q4():
    return parse_file(SAMPLES / Q4_2003)


@pytest.mark.parametrize("width", [20, 47, 80, 133])
def test_lines_fit_and_keep_every_word(q4, width):
    layout = build_layout(q4, width)
    text_width = width - GUTTER - 1
    shown: dict[int, str] = {}
    for i in range(len(layout)):
        if layout.kinds[i] == TEXT:
            piece = q4.text[layout.starts[i]:layout.ends[i]]
            assert cell_len(piece) <= text_width, (width, piece)
            shown[layout.line_turns[i]] = shown.get(layout.line_turns[i], "") + "".join(piece.split())
    for turn in q4.turns:
        # Long words may be broken across lines; no character is lost.
        assert shown.get(turn.index, "") == "".join(q4.text[turn.start:turn.end].split())


def test_each_turn_starts_with_its_speaker_header(q4):
    layout = build_layout(q4, 80)
    headers = [layout.starts[i] for i in range(len(layout)) if layout.kinds[i] == HEADER]
    assert headers == [t.index for t in q4.turns]
    banners = [layout.banners[layout.starts[i]] for i in range(len(layout)) if layout.kinds[i] == BANNER]
    assert "Prepared remarks" in banners and "Q&A" in banners


def test_every_sentence_maps_to_the_lines_showing_it(q4):
    layout = build_layout(q4, 60)
    for s in range(q4.sentence_count):
        first, last = layout.sent_first[s], layout.sent_last[s]
        assert 0 <= first <= last
        start = q4.sentence_starts[s]
        assert layout.starts[first] <= start <= layout.ends[first]
        assert s in layout.sentences_on_line(first)
        assert s in layout.sentences_on_line(last)


def test_speaker_filter_keeps_only_their_turns(q4):
    layout = build_layout(q4, 80, "dana evan")
    dana = [t.index for t in q4.turns if t.speaker.key == "dana evan"]
    assert layout.visible_turns == dana
    for s in range(q4.sentence_count):
        visible = q4.turns[q4.turn_index_of_sentence(s)].speaker.key == "dana evan"
        assert layout.is_visible(s) == visible


def test_long_words_and_wide_characters_wrap_by_cells():
    text = (
        "Operator\n\nWelcome. " + "x" * 70 + " end.\n\n"
        "Jane Doe - CFO\n\n" + "收入增长强劲。" * 12 + " Thank you.\n"
    )
    call = parse_text(text, "wide.txt")
    layout = build_layout(call, 30)
    pieces = [call.text[layout.starts[i]:layout.ends[i]] for i in range(len(layout)) if layout.kinds[i] == TEXT]
    assert all(cell_len(p) <= 30 - GUTTER - 1 for p in pieces)
    assert "".join(pieces).count("x") == 70
    assert "".join(pieces).count("收") == 12


async def test_cursor_move_renders_only_the_lines_it_touches(monkeypatch):
    app = EarmarkApp([str(SAMPLES / Q1_2003)], installers=READER_ONLY)
    rendered: list[int] = []
    original = Reader._render_layout_line

    def counting(self, layout, index, base):
        rendered.append(index)
        return original(self, layout, index, base)

    monkeypatch.setattr(Reader, "_render_layout_line", counting)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        reader = app.reader
        await pilot.press("j")
        await pilot.pause()
        layout = reader.layout_info
        rendered.clear()
        before = reader.cursor
        await pilot.press("j")
        await pilot.pause()
        after = reader.cursor
        touched = set(range(layout.sent_first[before], layout.sent_last[before] + 1))
        touched |= set(range(layout.sent_first[after], layout.sent_last[after] + 1))
        assert rendered and set(rendered) <= touched


def _styles_of(strip, text: str):
    """The styles the line gives to the characters of ``text``."""
    out, plain = [], ""
    for seg in strip:
        plain += seg.text
        out.extend([seg.style] * len(seg.text))
    i = plain.index(text)
    return out[i : i + len(text)]


async def test_decorations_selection_and_theme_change_what_lines_look_like():
    app = EarmarkApp([str(SAMPLES / Q4_2003)], installers=READER_ONLY)

    class Highlights:
        version = 0
        spans_for: list[tuple[int, int]] = []

        def spans(self, call, start, end):
            return [(s, e, "on dark_green") for s, e in self.spans_for if s < end and e > start]

        def gutter(self, call, start, end):
            return ("\u2588", "red") if any(s < end and e > start for s, e in self.spans_for) else None

    async with app.run_test(size=(120, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        reader, call = app.reader, app.current_call
        layout = reader.layout_info
        target = 5  # a sentence on screen, away from the cursor
        line = layout.sent_first[target]
        y = line - int(reader.scroll_y)
        words = call.sentence_text(target).split()[0]
        before = _styles_of(reader.render_line(y), words)

        deco = Highlights()
        reader.set_decorations(deco)
        deco.spans_for = [(call.sentence_starts[target], call.sentence_ends[target])]
        deco.version += 1
        reader.refresh_decorations()
        strip = reader.render_line(y)
        highlighted = _styles_of(strip, words)
        assert highlighted != before
        assert all(s.bgcolor is not None and s.bgcolor.name == "dark_green" for s in highlighted)
        assert strip.text.startswith("\u2588")  # the gutter marker

        reader.set_selection(target, target + 1)
        selected = _styles_of(reader.render_line(y), words)
        assert selected != highlighted
        reader.clear_selection()
        assert _styles_of(reader.render_line(y), words) == highlighted

        header_y = next(i for i in range(len(layout)) if layout.kinds[i] == HEADER) - int(reader.scroll_y)
        dark = reader.render_line(header_y)
        app.theme = "textual-light"
        await pilot.pause()
        light = reader.render_line(header_y)
        assert dark.text == light.text
        assert [s.style for s in dark] != [s.style for s in light]


class _Spans:
    """A decorations provider: fixed spans in one style, a gutter mark."""

    def __init__(self, style: str, mark: str) -> None:
        self.version = 0
        self.style, self.mark = style, mark
        self.spans_for: list[tuple[int, int]] = []

    def spans(self, call, start, end):
        return [(s, e, self.style) for s, e in self.spans_for if s < end and e > start]

    def gutter(self, call, start, end):
        return (self.mark, "red") if any(s < end and e > start for s, e in self.spans_for) else None


async def test_several_decoration_providers_are_drawn_together():
    """Annotation highlights (``set_decorations``) and search matches (a second
    provider) both show on the same line; each can change or go on its own."""
    app = EarmarkApp([str(SAMPLES / Q4_2003)], installers=READER_ONLY)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        reader, call = app.reader, app.current_call
        target = 5
        y = reader.layout_info.sent_first[target] - int(reader.scroll_y)
        first, second = call.sentence_text(target).split()[:2]
        s0 = call.sentence_starts[target]

        notes = _Spans("on dark_green", "\u258d")
        notes.spans_for = [(s0, s0 + len(first))]
        reader.set_decorations(notes)
        matches = _Spans("underline", "?")
        key = reader.add_decorations(matches, key="search")
        assert key == "search"
        assert list(reader.decorations) == ["default", "search"]

        # The second provider changes: only its version moves, and its spans show.
        second_at = call.text.index(second, s0 + len(first))
        matches.spans_for = [(second_at, second_at + len(second))]
        matches.version += 1
        reader.refresh_decorations()
        strip = reader.render_line(y)
        assert all(s.bgcolor is not None and s.bgcolor.name == "dark_green" for s in _styles_of(strip, first))
        assert all(s.underline for s in _styles_of(strip, second))
        assert strip.text.startswith("\u258d")  # the first provider's gutter mark wins

        # set_decorations replaces only the default provider, in its layer.
        reader.set_decorations(None)
        strip = reader.render_line(y)
        assert all(s.bgcolor is None or s.bgcolor.name != "dark_green" for s in _styles_of(strip, first))
        assert all(s.underline for s in _styles_of(strip, second))
        assert strip.text.startswith("?")
        reader.remove_decorations("search")
        assert not any(s.underline for s in _styles_of(reader.render_line(y), second))
