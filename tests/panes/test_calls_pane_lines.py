"""The calls pane draws only the lines on screen (issue 14: a research
team's 30,000 calls): setting the list looks at no call it does not show,
and keys, the filter, clicks and problems work as they do on a short list."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult

from tests.panes.calls_pane_kit import highlighted_line, pane_lines
from transcripts.catalog.entry import CallEntry
from transcripts.model import Problem
from tui.widgets.calls_pane import CallsPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 30)
MANY = 30_000
PER_COMPANY = 20
"""Five years of quarters: 1,500 companies at 30,000 calls."""


class CountedEntry(CallEntry):
    """An entry that counts how often anything reads its period (the pane
    reads it to draw the call's row, and only then)."""

    __slots__ = ()
    reads = 0

    @property
    def period(self) -> str:
        CountedEntry.reads += 1
        return super(CountedEntry, self).period


def entries(n: int, last_company: str = "Zephyr Holdings") -> list[CallEntry]:
    out: list[CallEntry] = []
    for i in range(n):
        c, k = divmod(i, PER_COMPANY)
        company = last_company if c == (n - 1) // PER_COMPANY else f"Firm {c:05d}"
        out.append(CountedEntry(id=f"call-{i}", path=f"/calls/{i}.txt", sha256="", company=company,
                                fiscal_year=2015 + k // 4, quarter=k % 4 + 1))
    return out


class PaneApp(App):
    """The pane alone, recording the calls it asks to open."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield CallsPane(id="calls")

    @property
    def calls_pane(self) -> CallsPane:
        return self.query_one(CallsPane)

    def on_calls_pane_call_chosen(self, event: CallsPane.CallChosen) -> None:
        self.chosen.append(event.call_id)


async def test_thirty_thousand_calls_are_drawn_a_screen_at_a_time(monkeypatch):
    app = PaneApp()
    calls = entries(MANY)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.calls_pane
        pane.focus()
        CountedEntry.reads = 0
        pane.set_calls(calls, [])
        await pilot.pause()
        height = pane.scrollable_content_region.height
        assert CountedEntry.reads <= 5 * height, "only the calls on screen were looked at"
        assert pane_lines(app)[:3] == ["Firm 00000", "  Q1 2015", "  Q2 2015"]
        assert highlighted_line(app) == "  Q1 2015"

        await pilot.press("end")
        lines = pane_lines(app)
        assert highlighted_line(app) == "  Q4 2019" == lines[-1]
        assert "Zephyr Holdings" in lines and pane.highlighted_call_id == f"call-{MANY - 1}"
        await pilot.press("j")  # past the last call, round to the first
        assert pane.highlighted_call_id == "call-0" and pane_lines(app)[0] == "Firm 00000"
        assert CountedEntry.reads <= 10 * height

        await pilot.press("z", "e", "p", "h")
        assert pane.border_title == "Calls /zeph\u258f"  # at once; a worker filters this long a list
        await workers_idle(app)
        await pilot.pause()
        assert len(pane.shown_calls) == PER_COMPANY
        assert pane_lines(app)[:3] == ["Zephyr Holdings", "  Q1 2015", "  Q2 2015"]
        assert highlighted_line(app) == "  Q1 2015"
        await pilot.press("escape")
        assert len(pane.shown_calls) == MANY and pane.border_title == "Calls"
        # The cursor stayed on the Zephyr call it was on.
        assert pane.highlighted_call_id == f"call-{MANY - PER_COMPANY}"
        assert highlighted_line(app) == "  Q1 2015"


async def test_page_keys_move_a_screen_and_never_land_on_a_company():
    app = PaneApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.calls_pane
        pane.focus()
        pane.set_calls(entries(200), [])
        await pilot.pause()
        height = pane.scrollable_content_region.height
        seen = []
        for _ in range(4):
            await pilot.press("pagedown")
            seen.append(pane.cursor_line())
            assert pane.highlighted_call_id is not None and highlighted_line(app).startswith("  Q")
        assert all(height - 1 <= b - a <= height + 1 for a, b in zip(seen, seen[1:]))
        await pilot.press("pageup")
        assert pane.cursor_line() in range(seen[-2] - 1, seen[-2] + 2)
        await pilot.press("home", "down", "up", "up")
        assert pane.highlighted_call_id == "call-199"  # up from the first call: the last one


async def test_the_cursor_stays_on_its_call_when_the_list_is_replaced():
    app = PaneApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.calls_pane
        calls = entries(100)
        pane.set_calls(calls[60:], [])
        pane.mark_current("call-70")
        await pilot.pause()
        assert highlighted_line(app) == "  Q3 2017"
        pane.set_calls(calls, [])  # sixty calls arrive above it
        await pilot.pause()
        assert pane.highlighted_call_id == "call-70"
        assert highlighted_line(app) == "  Q3 2017", "scrolled to keep it in view"
        pane.set_calls(calls[80:], [])  # it went away: the first call
        await pilot.pause()
        assert pane.highlighted_call_id == "call-80" and highlighted_line(app) == "  Q1 2015"


async def test_a_click_opens_the_call_under_the_pointer_and_not_a_company():
    app = PaneApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.calls_pane
        pane.set_calls(entries(40), [])
        await pilot.pause()
        lines = pane_lines(app)
        top = pane.content_region.y - pane.region.y  # the border above the lines
        await pilot.click(CallsPane, offset=(3, top + lines.index("  Q3 2015")))
        assert app.chosen == ["call-2"] and pane.highlighted_call_id == "call-2"
        await pilot.click(CallsPane, offset=(3, top + lines.index("Zephyr Holdings")))
        assert app.chosen == ["call-2"] and pane.highlighted_call_id == "call-2"
        pane.focus()
        await pilot.press("down", "enter")
        assert app.chosen == ["call-2", "call-3"]


async def test_problems_wrap_to_the_pane_and_again_when_it_narrows():
    message = "could not be read as a transcript: no speaker lines found anywhere in the file"
    problems = [Problem("/calls/broken.txt", message, line=3), Problem("/calls/empty.txt", "the file is empty")]
    app = PaneApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.calls_pane
        pane.set_calls(entries(2), problems)
        await pilot.pause()
        for size in (SIZE, (90, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            width = pane.scrollable_content_region.width
            lines = pane_lines(app)
            below = [line for line in lines[lines.index("Problems") + 1:] if line]
            assert all(line.startswith("  ") and cell_len(line) <= width for line in below), (size, below)
            text = " ".join(line.strip() for line in below)
            assert text == f"broken.txt:3 {message} empty.txt the file is empty", size
        assert width < 22 and len(below) > 6  # narrower, so more lines
        # A problem is one row: the cursor goes from the last call to it, then to the next problem.
        pane.focus()
        await pilot.press("home", "j", "j")
        assert highlighted_line(app) == "  broken.txt:3"
        await pilot.press("j")
        assert highlighted_line(app) == "  empty.txt"
        await pilot.press("enter")
        assert app.chosen == []  # a problem has no call to open


async def test_a_long_company_name_stays_on_its_one_line():
    app = PaneApp()
    calls = entries(2, last_company="International Business Machines Corporation")
    async with app.run_test(size=SIZE) as pilot:
        app.calls_pane.set_calls(calls, [])
        await pilot.pause()
        width = app.calls_pane.scrollable_content_region.width
        head, first, second = pane_lines(app)[:3]
        assert head.startswith("International") and head.endswith("\u2026") and cell_len(head) == width
        assert (first, second) == ("  Q1 2015", "  Q2 2015")
