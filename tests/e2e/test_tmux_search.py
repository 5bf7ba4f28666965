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
    tmux.wait_until(lambda s: f"{len(expected)} matches" in s and "VeriSign Q1 2003" in s
                    and "deferred revenue" in s.lower(), "the hits for 'defered revnue'")

    order = {c.id: i for i, c in enumerate(corpus.calls)}
    assert all(h.matched == 2 for h in expected)
    complete = sorted(expected, key=lambda h: (order[h.call], h.start))
    first, second = complete[0], complete[1]

    tmux.keys("Enter")
    call = corpus.call(first.call)
    # the pane closed, the call is open at the hit, and the bar says which hit
    tmux.wait_until(lambda s: f"sentence {first.sentence + 1}/" in s and call.label in s
                    and "type to search all calls" not in s and "hit 1/" in s, "the first hit opened")

    tmux.keys("n")
    tmux.wait_for(f"sentence {second.sentence + 1}/", "hit 2/")

    tmux.keys("q")
    tmux.wait_dead()
    # searching never writes next to the transcripts
    assert all(p.suffix == ".txt" for p in samples_copy.iterdir())
