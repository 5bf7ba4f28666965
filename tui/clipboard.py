"""Text to the user's clipboard through the terminal, also over ssh and in tmux.

The terminal clipboard is OSC 52 (``ESC ] 52 ; c ; BASE64 BEL``): the
terminal that shows the app sets its clipboard, wherever the app runs, so
it works over ssh with nothing installed. Textual's ``copy_to_clipboard``
writes it (and keeps the text as ``app.clipboard``).

A multiplexer in between needs more:

- tmux takes an application's OSC 52 only with ``set-clipboard on`` (the
  default is ``external``: the sequence is dropped). So inside tmux
  (``$TMUX``), unless ``set-clipboard`` is ``on``, the text is also handed
  to tmux itself: ``tmux load-buffer -w -`` puts it in tmux's paste buffer
  and has tmux send OSC 52 to the terminal it is attached to (tmux 3.2+;
  an older tmux gets the buffer, and the sequence wrapped in tmux's
  passthrough, ``ESC P tmux; ... ESC \\``, which it forwards).
- GNU screen (``$STY``) forwards a sequence wrapped in ``ESC P ... ESC \\``,
  in pieces short enough for its buffer.

The tmux commands run in a worker thread: the UI never waits for them.
"""

from __future__ import annotations

import base64
import os
import subprocess
from typing import Callable, Mapping

TMUX_TIMEOUT = 3.0
SCREEN_CHUNK = 76
"""Characters of the sequence per screen DCS piece (its limit is a few hundred)."""

Runner = Callable[..., subprocess.CompletedProcess]


def osc52(text: str) -> str:
    """The OSC 52 sequence that sets the clipboard to ``text``."""
    return f"\x1b]52;c;{base64.b64encode(text.encode('utf-8')).decode('ascii')}\a"


def tmux_passthrough(sequence: str) -> str:
    """``sequence`` wrapped for tmux to forward as it is (ESC doubled)."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def screen_passthrough(sequence: str) -> str:
    """``sequence`` in DCS pieces GNU screen forwards one after the other."""
    return "".join(f"\x1bP{sequence[i:i + SCREEN_CHUNK]}\x1b\\" for i in range(0, len(sequence), SCREEN_CHUNK))


def in_tmux(env: Mapping[str, str]) -> bool:
    return bool(env.get("TMUX"))


def in_screen(env: Mapping[str, str]) -> bool:
    return bool(env.get("STY")) and not in_tmux(env)


def hand_to_tmux(text: str, run: Runner = subprocess.run) -> str | None:
    """Give ``text`` to the tmux server this app runs under, unless it
    takes the app's OSC 52 itself. Returns a sequence still to write (the
    passthrough, for a tmux too old for ``load-buffer -w``), or None."""

    def tmux(*args: str, data: str | None = None) -> subprocess.CompletedProcess | None:
        try:
            return run(["tmux", *args], input=data, capture_output=True, text=True, timeout=TMUX_TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None

    shown = tmux("show-options", "-gv", "set-clipboard")
    if shown is not None and shown.returncode == 0 and shown.stdout.strip() == "on":
        return None  # tmux keeps and forwards the app's own OSC 52
    done = tmux("load-buffer", "-w", "-", data=text)
    if done is not None and done.returncode == 0:
        return None
    tmux("load-buffer", "-", data=text)  # tmux < 3.2: no -w; the buffer at least
    return tmux_passthrough(osc52(text))


class TerminalClipboard:
    """Copies for one app: OSC 52 through its driver, tmux or screen around it."""

    def __init__(self, app, env: Mapping[str, str] | None = None, run: Runner = subprocess.run) -> None:
        self.app = app
        self.env = env
        self.run = run

    def copy(self, text: str) -> None:
        app = self.app
        env = os.environ if self.env is None else self.env
        app.copy_to_clipboard(text)  # OSC 52, and app.clipboard
        if in_screen(env):
            self._write(screen_passthrough(osc52(text)))
        elif in_tmux(env):
            app.run_worker(lambda: self._tmux(text), thread=True, group="clipboard", exit_on_error=False)

    def _tmux(self, text: str) -> None:
        extra = hand_to_tmux(text, self.run)
        if extra is not None:
            self.app.call_from_thread(self._write, extra)

    def _write(self, sequence: str) -> None:
        driver = getattr(self.app, "_driver", None)  # what copy_to_clipboard writes through
        if driver is not None:
            driver.write(sequence)
