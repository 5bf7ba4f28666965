"""A search made only of filters, typed into the real terminal at a
person's pace (each prefix searched on its own after the typing pause):
the app stays up, lists the hits, and opens one (issue 9, item 4)."""

from __future__ import annotations

import pytest

from tui.widgets.search_pane import DEBOUNCE_SECONDS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("query", ["speaker:evan", "role:analyst"])
def test_a_filter_query_typed_by_hand(tmux, samples_copy, earmark_home, query):
    tmux.start(earmark_home, str(samples_copy), width=140, height=45)
    tmux.wait_for("sentence 1/", "Q1 2003")
    tmux.keys("/")
    tmux.wait_for("type to search all calls")
    tmux.type_by_hand(query, pace=DEBOUNCE_SECONDS * 3)
    tmux.wait_until(lambda s: "matches" in s and "by call" in s, f"the hits for {query!r}")
    tmux.keys("Enter")
    screen = tmux.wait_until(lambda s: "type to search" not in s and "hit 1/" in s, "the first hit opened")
    assert "Traceback" not in screen and "Error" not in screen
    tmux.keys("q")
    tmux.wait_dead()
