"""The one function every terminal output goes through: whatever the text,
nothing a terminal acts on comes out, the text keeps its length (the
reader's offsets stay valid), and plain text is untouched."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from transcripts.terminal_safe import (
    is_odd_name, one_line, printable, quote_name, text_of_name, unless_unchanged,
)

UNSAFE = {*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)}
any_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF))


@given(any_text)
def test_printable_leaves_nothing_a_terminal_acts_on(text):
    shown = printable(text)
    assert len(shown) == len(text)
    assert not any(ord(c) in UNSAFE or 0xD800 <= ord(c) <= 0xDFFF for c in shown)
    shown.encode("utf-8")  # every encoder takes it
    assert [c for c in shown if c in "\n\t"] == [c for c in text if c in "\n\t"]


@given(any_text)
def test_one_line_is_one_line(text):
    shown = one_line(text)
    assert len(shown) == len(text) and "\n" not in shown and "\t" not in shown
    assert not any(ord(c) in UNSAFE for c in shown)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_plain_text_is_untouched(text):
    assert printable(text) is text or printable(text) == text
    assert one_line(text) == text
    assert quote_name(text) == text and not is_odd_name(text)


def test_escapes_become_their_pictures():
    assert printable("a\x1b]0;t\x07b\x1b[2J") == "a\u241b]0;t\u2407b\u241b[2J"
    assert printable("\x9b2J\x7f") == "\ufffd2J\u2421"


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_quoted_names_are_one_safe_line(raw):
    shown = quote_name(os.fsdecode(raw))
    assert "\n" not in shown and not any(ord(c) in UNSAFE for c in shown)
    shown.encode("utf-8")


def test_a_name_that_is_not_utf8_becomes_text():
    assert text_of_name(os.fsdecode(b"bad\xffname.txt")) == "bad\ufffdname.txt"
    assert text_of_name("café.txt") == "café.txt"


def test_an_edit_field_left_as_shown_gives_back_the_original():
    original = "note \x1b[2J"
    assert unless_unchanged(printable(original), original) == original
    assert unless_unchanged("typed anew", original) == "typed anew"
