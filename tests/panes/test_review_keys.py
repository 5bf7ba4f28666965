"""``r`` marks the annotation under the cursor reviewed (by the configured
author) and ``u`` undoes it; a key that tags records the author; ``@`` lists
every call's annotations and filters them with search's filter words."""

from __future__ import annotations

import yaml

from annotations.session import CallAnnotations
from transcripts import load_corpus
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from tui.screens.all_annotations import AllAnnotationsScreen

from tests.panes.team_calls import ready, write_team_call

SIZE = (140, 40)
INSTALLERS = ["tui.annotations_ui:install", "tui.review_ui:install", "tui.all_annotations_ui:install"]


def make_app(paths, author: str | None = "Kim Reviewer") -> EarmarkApp:
    app = EarmarkApp([str(p) for p in paths], config=Config(author=author))
    app.installers = list(INSTALLERS)
    return app


def on_disk(transcript) -> list[dict]:
    path = sidecar_path(transcript)
    return yaml.safe_load(path.read_text(encoding="utf-8"))["annotations"] if path.exists() else []


def annotate(transcript, find: str, tags: list[str], author: str) -> str:
    """An annotation written as another user's session would write it."""
    call = load_corpus([transcript]).calls[0]
    s = CallAnnotations(call)
    s._author = author
    start = call.text.index(find)
    a = s.add(start, start + len(find), tags)
    assert s.save().ok
    return a.id


async def test_r_marks_reviewed_by_the_configured_author_and_u_undoes(tmp_path):
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    annotate(transcript, "Revenue was $220 million and margins improved.", ["metric"], "Dana Writer")
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call
        app.reader.goto_offset(call.text.index("Revenue was $220"))
        await pilot.pause()
        await pilot.press("r")
        (item,) = on_disk(transcript)
        assert item["author"] == "Dana Writer", "reviewing does not change who wrote it"
        assert item["reviewed"]["by"] == "Kim Reviewer" and item["reviewed"]["at"].endswith("Z")
        assert "reviewed" in app.status.text
        await pilot.press("u")
        (item,) = on_disk(transcript)
        assert "reviewed" not in item
        await pilot.press("r", "r")  # on and off again
        (item,) = on_disk(transcript)
        assert "reviewed" not in item


async def test_r_with_nothing_under_the_cursor_says_so(tmp_path):
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    app = make_app([transcript])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("r")
        assert "no annotation under the cursor" in app.status.text
        assert on_disk(transcript) == []


async def test_a_new_annotation_records_the_configured_author(tmp_path):
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    app = make_app([transcript], author="Kim Reviewer")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "1")
        (item,) = on_disk(transcript)
        assert item["author"] == "Kim Reviewer"


def two_companies(tmp_path):
    acme = write_team_call(tmp_path, "Acme", 2024, 3)
    beta = write_team_call(tmp_path, "Beta", 2025, 1)
    annotate(acme, "Revenue was $220 million and margins improved.", ["metric"], "Dana Writer")
    annotate(acme, "Revenue grew strongly this quarter across every region.", ["guidance"], "Kim Reviewer")
    annotate(beta, "Revenue per store rose as operations improved.", ["metric"], "Kim Reviewer")
    annotate(beta, "Thanks. What drove revenue in the quarter?", ["question"], "Lee Other")
    return acme, beta


async def type_filter(app, pilot, text: str) -> AllAnnotationsScreen:
    screen = app.screen
    assert isinstance(screen, AllAnnotationsScreen)
    box = screen.query_one("#all-filter")
    box.value = text
    await ready(app, pilot)
    return screen


def quotes(screen: AllAnnotationsScreen) -> set[str]:
    return {item.annotation.quote for item in screen.shown}


async def test_at_lists_every_call_and_filters_with_search_words(tmp_path):
    acme, beta = two_companies(tmp_path)
    app = make_app([acme, beta])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("at")
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, AllAnnotationsScreen)
        assert len(screen.shown) == 4
        status = str(screen.query_one("#all-status").render())
        assert "4 annotations in 2 calls" in status
        screen = await type_filter(app, pilot, "author:kim")
        assert quotes(screen) == {"Revenue grew strongly this quarter across every region.",
                                  "Revenue per store rose as operations improved."}
        assert "2 of 4 annotations match" in str(screen.query_one("#all-status").render())
        screen = await type_filter(app, pilot, "role:cfo")
        assert quotes(screen) == {"Revenue was $220 million and margins improved."}
        screen = await type_filter(app, pilot, "title:coo company:beta")
        assert quotes(screen) == {"Revenue per store rose as operations improved."}
        screen = await type_filter(app, pilot, "tag:question role:analyst 2025q1")
        assert quotes(screen) == {"Thanks. What drove revenue in the quarter?"}
        screen = await type_filter(app, pilot, "speaker:jane tag:metric")
        assert quotes(screen) == {"Revenue was $220 million and margins improved."}
        screen = await type_filter(app, pilot, "stores")  # plain words: in the quote, typos forgiven
        assert quotes(screen) == {"Revenue per store rose as operations improved."}
        screen = await type_filter(app, pilot, "autor:kim")
        assert "unknown filter 'autor:'" in str(screen.query_one("#all-status").render())
        assert quotes(screen) == {"Revenue per store rose as operations improved."}, "a bad word keeps the last list"
        # Enter opens the chosen one, in the other call, with the cursor on it.
        screen = await type_filter(app, pilot, "company:beta tag:metric")
        await pilot.press("enter", "enter")  # into the table, then open the row
        await ready(app, pilot)
        assert not isinstance(app.screen, AllAnnotationsScreen)
        call = app.current_call
        assert call.company == "Beta"
        start = call.text.index("Revenue per store rose")
        assert call.sentence_starts[app.reader.cursor] <= start < call.sentence_ends[app.reader.cursor]


async def test_at_filters_by_review_and_escape_clears_then_closes(tmp_path):
    acme, beta = two_companies(tmp_path)
    app = make_app([acme, beta])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        call = app.current_call  # the latest: Beta Q1 2025
        app.reader.goto_offset(call.text.index("Revenue per store rose"))
        await pilot.pause()
        await pilot.press("r")  # reviewed by Kim Reviewer, not yet in any other file
        await pilot.press("at")
        await ready(app, pilot)
        screen = await type_filter(app, pilot, "reviewed:yes")
        assert quotes(screen) == {"Revenue per store rose as operations improved."}
        screen = await type_filter(app, pilot, "reviewed:kim")
        assert len(screen.shown) == 1
        screen = await type_filter(app, pilot, "reviewed:no")
        assert len(screen.shown) == 3
        await pilot.press("escape")
        await ready(app, pilot)
        assert isinstance(app.screen, AllAnnotationsScreen) and len(app.screen.shown) == 4
        await pilot.press("escape")
        assert not isinstance(app.screen, AllAnnotationsScreen)
