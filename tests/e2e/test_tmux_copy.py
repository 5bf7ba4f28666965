"""Copying a quote in a real terminal (tmux), issue 12 item 1: ``y`` writes
the OSC 52 sequence to the terminal (caught from the pane's output stream
with ``tmux pipe-pane``), its base64 decodes to the quote and its citation,
and tmux's own paste buffer holds the same text, whether tmux is left at
its default ``set-clipboard external`` (the app hands the text to tmux) or
set to ``on`` (tmux takes the sequence itself)."""

from __future__ import annotations

import base64
import re
import time

import pytest

from tests.conftest import Q4_2003
from tests.e2e.tmux import TIMEOUT

pytestmark = pytest.mark.e2e

FIRST = ('"Good day, everyone and welcome to the VeriSign incorporated conference call." '
         "\u2014 Operator, VeriSign Q4 2003 earnings call (prepared remarks, turn 1)")
OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def copied_sequences(stream, timeout: float = TIMEOUT) -> list[str]:
    """The texts of every OSC 52 the app wrote, once there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = OSC52.findall(stream.read_bytes()) if stream.exists() else []
        if found:
            return [base64.b64decode(f).decode("utf-8") for f in found]
        time.sleep(0.1)
    raise AssertionError(f"no OSC 52 sequence in the pane's output ({timeout:.0f} s)")


def tmux_buffer(tmux, want: str, timeout: float = TIMEOUT) -> str:
    deadline = time.monotonic() + timeout
    got = ""
    while time.monotonic() < deadline:
        got = tmux.run("show-buffer", check=False).stdout
        if got == want:
            return got
        time.sleep(0.1)
    return got


@pytest.mark.parametrize("set_clipboard", ["external", "on"])
def test_y_sends_the_quote_and_citation_as_osc52_and_into_tmux(tmux, samples_copy, earmark_home, tmp_path,
                                                               set_clipboard):
    transcript = samples_copy / Q4_2003
    stream = tmp_path / "pane-output"
    tmux.start(earmark_home, str(transcript), width=140, height=40)
    tmux.run("set-option", "-g", "set-clipboard", set_clipboard)
    tmux.wait_for("VeriSign Q4 2003", "sentence 1/", "1 call")  # loaded: no reopening after y
    tmux.run("pipe-pane", "-O", "-t", tmux.name, f"cat >> {stream}")
    tmux.keys("y")
    tmux.wait_for("copied the sentence with its citation")
    assert copied_sequences(stream) == [FIRST]
    assert tmux_buffer(tmux, FIRST) == FIRST
    buffers = tmux.run("list-buffers", "-F", "#{buffer_name}", check=False).stdout.split()
    assert len(buffers) == 1  # handed over once, not once per path
    tmux.keys("q")
    tmux.wait_dead()
