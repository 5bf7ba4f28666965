"""The installed ``earmark`` in a real terminal (tmux): ``/``, type a query
with typos, see the hits, ``enter`` to open one, ``n`` to the next."""

from __future__ import annotations

import pytest

from transcripts import load_corpus

pytestmark = pytest.mark.e2e


def test_search_from_the_keyboard(tmux, samples_copy, earmark_home):
    corpus = load_corpus([samples_copy])
    tmux.start(earmark_home, str(samples_copy), width=140, height=45)
    tmux.wait_for("sentence 1/")
    tmux.wait_for("Q1 2003")  # both calls are listed

    tmux.keys("/")
    tmux.wait_for("type to search all calls")
    tmux.keys("defered revnue", literal=True)
    expected = load_corpus([samples_copy]).search("defered revnue", limit=100)
    # the pane counts what the command line and the API count: sentences with every word
    screen = tmux.wait_for(f"{len(expected)} matches")
    assert "VeriSign Q1 2003" in screen and "deferred revenue" in screen.lower()

    order = {c.id: i for i, c in enumerate(corpus.calls)}
    assert all(h.matched == 2 for h in expected)
    complete = sorted(expected, key=lambda h: (order[h.call], h.start))
    first, second = complete[0], complete[1]

    tmux.keys("Enter")
    screen = tmux.wait_for(f"sentence {first.sentence + 1}/")
    assert "type to search all calls" not in screen  # the pane closed
    call = corpus.call(first.call)
    assert call.label in screen

    tmux.keys("n")
    screen = tmux.wait_for(f"sentence {second.sentence + 1}/")
    assert "hit 2/" in screen

    tmux.keys("q")
    # searching never writes next to the transcripts
    assert all(p.suffix == ".txt" for p in samples_copy.iterdir())
