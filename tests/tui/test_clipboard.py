"""The terminal clipboard (``tui.clipboard``): the OSC 52 sequence, and what
happens inside tmux (the text handed to tmux unless it takes the sequence
itself; a tmux too old for ``load-buffer -w`` gets the passthrough) and
GNU screen (the sequence wrapped in pieces)."""

from __future__ import annotations

import base64
import subprocess

from tui.clipboard import hand_to_tmux, osc52, screen_passthrough, tmux_passthrough

TEXT = '"Revenue rose 12% — to $1.1 billion." — Dana Evan'


def decode(sequence: str) -> str:
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    return base64.b64decode(sequence[len("\x1b]52;c;"):-1]).decode("utf-8")


def test_osc52_carries_the_text_in_base64_utf8():
    assert decode(osc52(TEXT)) == TEXT


def test_tmux_passthrough_doubles_every_escape():
    wrapped = tmux_passthrough(osc52(TEXT))
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x07\x1b\\")
    inner = wrapped[len("\x1bPtmux;"):-2].replace("\x1b\x1b", "\x1b")
    assert decode(inner) == TEXT


def test_screen_gets_the_sequence_in_short_pieces():
    long_text = TEXT * 20
    wrapped = screen_passthrough(osc52(long_text))
    pieces = wrapped.split("\x1b\\")[:-1]
    assert len(pieces) > 3 and all(p.startswith("\x1bP") and len(p) <= 78 for p in pieces)
    assert decode("".join(p[2:] for p in pieces)) == long_text


class FakeTmux:
    def __init__(self, set_clipboard: str = "external", has_w: bool = True) -> None:
        self.set_clipboard, self.has_w = set_clipboard, has_w
        self.calls: list[tuple[list[str], str | None]] = []

    def __call__(self, argv, input=None, **kwargs):
        self.calls.append((argv, input))
        if argv[1] == "show-options":
            return subprocess.CompletedProcess(argv, 0, self.set_clipboard + "\n", "")
        if "-w" in argv and not self.has_w:
            return subprocess.CompletedProcess(argv, 1, "", "unknown flag -w")
        return subprocess.CompletedProcess(argv, 0, "", "")


def test_tmux_at_its_default_gets_the_text_with_load_buffer_w():
    tmux = FakeTmux("external")
    assert hand_to_tmux(TEXT, tmux) is None
    assert (["tmux", "load-buffer", "-w", "-"], TEXT) in tmux.calls


def test_tmux_with_set_clipboard_on_is_left_to_take_the_sequence_itself():
    tmux = FakeTmux("on")
    assert hand_to_tmux(TEXT, tmux) is None
    assert [argv[1] for argv, _ in tmux.calls] == ["show-options"]


def test_an_old_tmux_gets_the_buffer_and_the_passthrough():
    tmux = FakeTmux("external", has_w=False)
    extra = hand_to_tmux(TEXT, tmux)
    assert extra == tmux_passthrough(osc52(TEXT))
    assert (["tmux", "load-buffer", "-"], TEXT) in tmux.calls


def test_no_tmux_binary_is_no_error():
    def missing(argv, **kwargs):
        raise FileNotFoundError(2, "No such file", "tmux")

    assert hand_to_tmux(TEXT, missing) == tmux_passthrough(osc52(TEXT))
