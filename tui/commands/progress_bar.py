"""Loading a corpus for a command, with a progress bar on stderr.

A first run over thousands of calls takes minutes; a bar that says how far
it is (and that it is moving) is what a professional tool shows. Only when
stderr is a terminal, and only once loading has taken a moment: a warm
start (the catalog answers in a blink) and a pipe see nothing extra.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Iterable, TextIO

from transcripts.corpus import Corpus, load_corpus

SHOW_AFTER_SECONDS = 0.5
"""A bar for a load shorter than this would only flicker."""

REDRAW_SECONDS = 0.1
WIDTH = 30


def progress_bar(stream: TextIO | None = None, *, show_after: float | None = None,
                 label: str = "reading calls") -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback drawing ``label [###...] done/total``
    on ``stream`` (stderr), or None when it is not a terminal."""
    out = stream if stream is not None else sys.stderr
    if show_after is None:
        show_after = SHOW_AFTER_SECONDS
    try:
        if not out.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    started = time.monotonic()
    state = {"last": 0.0, "drawn": False}

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        finished = total > 0 and done >= total
        if finished:
            if state["drawn"]:
                out.write("\r\x1b[2K")  # the bar gives way to the command's own output
                out.flush()
                state["drawn"] = False
            return
        if now - started < show_after or now - state["last"] < REDRAW_SECONDS or total <= 0:
            return
        state["last"] = now
        filled = int(WIDTH * done / total)
        out.write(f"\r\x1b[2K{label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:,}/{total:,}")
        out.flush()
        state["drawn"] = True

    return progress


def load_for_command(paths: Iterable[str | Path], *, follow_links: bool = False) -> Corpus:
    """``load_corpus`` with a progress bar when stderr is a terminal."""
    return load_corpus(list(paths), follow_links=follow_links, progress=progress_bar())
