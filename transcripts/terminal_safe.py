"""Text from files made safe to show on a terminal.

A transcript, a note, a quote or a file name can hold control characters
(``ESC [2J`` clears the screen, ``ESC ]0;... BEL`` sets the window title),
and a file name that is not valid UTF-8 comes to Python as lone surrogates,
which no terminal encoding accepts. Everything Earmark shows on a terminal
(the commands' human output and messages, every widget of the app) passes
through this one module; files and ``--json`` keep the characters as they are.

Each unsafe character is replaced by exactly one visible character (C0
controls by their Unicode "control pictures", ``ESC`` as ``␛``; C1 controls
and undecodable bytes as ``�``), so a string keeps its length and every
offset into it stays valid: the reader can show the text a line at a time
with the offsets annotations anchor to.
"""

from __future__ import annotations

import os
import re
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]

REPLACEMENT = "\ufffd"

# C0 controls (tab and line feed are layout, not commands), DEL, C1 controls
# (``\x9b`` is a one-byte CSI on some terminals) and lone surrogates (the
# undecodable bytes of a file name, as ``os.fsdecode`` gives them).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␛ ... ␟ (␉ a tab, ␊ a line feed)
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def printable(text: str) -> str:
    """``text`` with every control character made visible; tabs and line
    breaks are kept. Same length as ``text``."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_picture, text)


def one_line(text: str) -> str:
    """``printable`` for a place that holds one line (a table cell, a
    message, a title): tabs and line breaks are made visible too."""
    if not _UNSAFE_OR_BREAK.search(text):
        return text
    return _UNSAFE_OR_BREAK.sub(_picture, text)


def is_odd_name(name: str) -> bool:
    """A name that cannot be shown as it is: control characters, line
    breaks or bytes that are not UTF-8."""
    return _UNSAFE_OR_BREAK.search(name) is not None


def _shell_escape(part: str) -> str:
    """``$'...'`` with octal escapes for the bytes of ``part`` (how GNU ``ls``
    shows a name a shell can take back)."""
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for ch in part:
        if ch in named:
            out.append(named[ch])
        else:
            out.extend(f"\\{b:03o}" for b in os.fsencode(ch))
    return "$'" + "".join(out) + "'"


def quote_name(name: PathLike) -> str:
    """A file name for a one-line message: as it is when it is plain (spaces
    and all, so ``path:line:`` still reads as editors expect), else quoted
    the way GNU ``ls`` does, ``'bad'$'\\377''name.txt'``, which is one line,
    shows nothing to the terminal and can be pasted back into a shell."""
    text = os.fspath(name)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if not is_odd_name(text):
        return text
    out: list[str] = []
    pos = 0
    for m in re.finditer(f"(?:{_UNSAFE_OR_BREAK.pattern})+", text):
        if m.start() > pos:
            out.append(_single_quoted(text[pos:m.start()]))
        out.append(_shell_escape(m.group()))
        pos = m.end()
    if pos < len(text):
        out.append(_single_quoted(text[pos:]))
    return "".join(out)


def _single_quoted(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def unless_unchanged(edited: str, original: str) -> str:
    """What an edit field holds when it was filled with ``printable`` /
    ``one_line(original)``: the original itself if the user left the shown
    text as it was (a note keeps its bytes), else what they typed."""
    if edited in (printable(original), one_line(original)):
        return original
    return edited


def text_of_name(name: str) -> str:
    """A file name as text every encoder takes: its bytes that are not
    UTF-8 (``os.fsdecode``'s lone surrogates) as ``�``. For a name written
    into a file (an annotation file's ``transcript:``), compared the same way
    when read back."""
    if not re.search("[\ud800-\udfff]", name):
        return name
    return os.fsencode(name).decode("utf-8", "replace")
