"""The installed ``earmark`` in a real terminal (tmux): ``/``, type a query
with typos, see the hits, ``enter`` to open one, ``n`` to the next."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.e2e.test_tmux_reader import _earmark, _keys, _tmux, _wait_for, tmux_session  # noqa: F401
from transcripts import load_corpus

pytestmark = pytest.mark.e2e


def start_app(session: str, earmark_home: Path, width: int, height: int, *args: str) -> None:
    """The installed app in a pane of ``width`` x ``height`` on the session's
    private tmux server (see ``test_tmux_reader._tmux``), started once the
    pane has its size."""
    command = " ".join(
        ["env", "-u", "COLUMNS", "-u", "LINES", f"EARMARK_HOME={shlex.quote(str(earmark_home))}",
         "TERM=xterm-256color", shlex.quote(_earmark()), *(shlex.quote(a) for a in args)]
    )
    _tmux(session, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), "sleep 600")
    _tmux(session, "set-option", "-t", session, "remain-on-exit", "on", check=False)
    _tmux(session, "respawn-pane", "-k", "-t", session, command)


def test_search_from_the_keyboard(tmux_session, samples_copy, earmark_home):  # noqa: F811
    corpus = load_corpus([samples_copy])
    start_app(tmux_session, earmark_home, 140, 45, str(samples_copy))
    _wait_for(tmux_session, "sentence 1/")
    _wait_for(tmux_session, "Q1 2003")  # both calls are listed

    _keys(tmux_session, "/")
    _wait_for(tmux_session, "type to search all calls")
    _tmux(tmux_session, "send-keys", "-t", tmux_session, "-l", "defered revnue")
    screen = _wait_for(tmux_session, "with every word")
    assert "VeriSign Q1 2003" in screen and "deferred revenue" in screen.lower()

    expected = load_corpus([samples_copy]).search("defered revnue", limit=100)
    order = {c.id: i for i, c in enumerate(corpus.calls)}
    complete = sorted((h for h in expected if h.matched == 2), key=lambda h: (order[h.call], h.start))
    first, second = complete[0], complete[1]

    _keys(tmux_session, "Enter")
    screen = _wait_for(tmux_session, f"sentence {first.sentence + 1}/")
    assert "type to search all calls" not in screen  # the pane closed
    call = corpus.call(first.call)
    assert call.label in screen

    _keys(tmux_session, "n")
    screen = _wait_for(tmux_session, f"sentence {second.sentence + 1}/")
    assert "hit 2/" in screen

    _keys(tmux_session, "q")
    # searching never writes next to the transcripts
    assert all(p.suffix == ".txt" for p in samples_copy.iterdir())
