"""The installed ``earmark`` in a real terminal (tmux): open a copy of the
samples, press reader keys, and read the screen back with capture-pane."""

from __future__ import annotations

import pytest

from tests.conftest import Q4_2003
from tests.e2e.tmux import REPO
from transcripts import parse_file

pytestmark = pytest.mark.e2e


def test_reader_keys_in_a_real_terminal(tmux, samples_copy, earmark_home):
    call = parse_file(samples_copy / Q4_2003)
    tmux.start(earmark_home, str(samples_copy / Q4_2003))
    tmux.wait_for(call.label)
    tmux.wait_for("sentence 1/")

    # Two turns on: the third turn's speaker header and status are on screen.
    tmux.keys("}", "}")
    third = call.turns[2]
    tmux.wait_for(f"turn 3/{len(call.turns)}", f"{third.speaker.name} \u00b7 {third.speaker.title}")

    # The first question of the Q&A: the analyst's header with their firm.
    tmux.keys("]")
    exchange = call.exchanges[0]
    analyst = exchange.analyst
    header = analyst.name + (f" \u00b7 {analyst.title}" if analyst.title else "")
    tmux.wait_for(f"turn {exchange.first_turn + 1}/", header, "Q&A")

    # Only this analyst's turns: a visible filter marker.
    tmux.keys("f")
    tmux.wait_for("FILTER", analyst.name)

    tmux.keys("q")
    tmux.wait_dead()
    # Reading never writes next to the transcripts.
    assert sorted(p.name for p in samples_copy.iterdir()) == sorted(
        p.name for p in (REPO / "transcripts" / "samples").iterdir() if p.suffix == ".txt"
    )


def test_no_path_opens_a_writable_copy_of_the_samples(tmux, earmark_home):
    tmux.start(earmark_home)
    copy = earmark_home / "data" / "samples"
    screen = tmux.wait_until(lambda s: "VeriSign" in s and ("Sample calls" in s or str(copy)[:15] in s),
                             "the sample calls and where their copy is")
    assert sorted(p.name for p in copy.iterdir()) == sorted(
        p.name for p in (REPO / "transcripts" / "samples").iterdir() if p.suffix == ".txt"
    )
    tmux.keys("q")
    tmux.wait_dead()
