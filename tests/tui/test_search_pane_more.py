"""The search pane never hides hits without a word: it says how many match
("first 100 of 177 matches"), loads more on ``ctrl+l``, and shows what
`earmark search` prints for the same query (one engine, one ranking)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.test_search_pane import settle, status_text, type_query
from tui import cli
from tui.app import EarmarkApp
from tui.widgets.search_pane import LIMIT

SIZE = (140, 40)


def many_calls(folder: Path, calls: int, per_call: int) -> Path:
    for n in range(calls):
        lines = ["Operator", f"Welcome to the Acme Q{n % 4 + 1} {2010 + n // 4} earnings call.",
                 "Jane Roe - Chief Financial Officer"]
        lines += [f"Deferred revenue grew {i + 1}% in region {i}." for i in range(per_call)]
        lines += ["Revenue alone, without the other word, came in at plan."] * 3
        (folder / f"acme-{2010 + n // 4}-q{n % 4 + 1}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def make_app(folder: Path) -> EarmarkApp:
    app = EarmarkApp([str(folder)])
    app.installers = ["tui.widgets.search_pane:install"]
    return app


async def test_more_than_a_pane_full_says_so_and_ctrl_l_loads_more(tmp_path):
    folder = many_calls(tmp_path, calls=9, per_call=20)  # 180 matching sentences
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "defered revnue")
        assert len(pane.hits) == LIMIT
        assert f"first {LIMIT} of 180 matches" in status_text(pane)
        assert "ctrl+l more" in status_text(pane)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert len(pane.hits) == 180
        assert "180 matches" in status_text(pane) and "first" not in status_text(pane)
        # every call is in the by-call view now
        assert len({h.call for h in pane.hits}) == 9


async def test_the_pane_and_the_command_line_show_the_same_hits(tmp_path, capsys):
    folder = many_calls(tmp_path, calls=2, per_call=3)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = await type_query(app, pilot, "defered revnue")
        in_app = sorted((h.call, h.start, h.score) for h in pane.hits)
    assert cli.main(["search", "defered revnue", str(folder), "--json", "--limit", str(LIMIT)]) == 0
    doc = json.loads(capsys.readouterr().out)
    on_cli = sorted((h["call"], h["start"], h["score"]) for h in doc["hits"])
    assert in_app == on_cli and len(on_cli) == 6
    assert doc["total"] == 6
