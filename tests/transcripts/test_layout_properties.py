"""For any text at all, every layout reader (not only the one detection
would pick) returns turns a reader and an annotation can trust: it never
raises, turns come in order, their paragraphs tile the speech without
overlap, and sentences tile the paragraphs exactly."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.layout_calls import RENDERERS, render
from transcripts.layouts import GENERIC, LAYOUTS
from transcripts.layouts.build import build_call
from transcripts.model import Call
from transcripts.sentences import SPACE

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READERS = [*LAYOUTS, GENERIC]
FAMILY_LINES = [
    "-" * 80, "=" * 80, "Operator   [1]", "Jane Roe,  Acme Corp - CFO    [2]", " * Jane Roe", "   Acme Corp - CFO",
    " ", "Jane Roe", "Acme Corp - CFO", "Big Bank, Research Division - Analyst", "REFINITIV STREETEVENTS",
    "©2020 Refinitiv. All rights reserved.", "3", "Company Participants", "Conference Call Participants",
    "CEO, President & Director", "Melius Research LLC", "Prepared Remarks:", "Questions & Answers:",
    "Jane Roe -- Chief Financial Officer", "Bob Stone--Big Bank--Analyst", "Duration: 62 minutes",
    "Call participants:", "Stocks Mentioned", "Jane Roe:Thank you.", "Chief Executive Officer — Jane Roe",
    "TAKEAWAYS", "Full Conference Call Transcript", "Speaker 0: Welcome to the call.", "SPEAKER_01: Thanks.",
    "[00:01:23] Speaker 2: I'll turn it over to our CFO, Jane Roe.", "Speaker 1:", "PRESENTATION",
    "QUESTIONS AND ANSWERS", "Definitions", "Disclaimer", "This is Jane Roe.", "Great", "",
]


@st.composite
def family_like(draw) -> str:
    line = st.one_of(st.sampled_from(FAMILY_LINES), st.text(max_size=50),
                     st.text(alphabet="Aa :-[]0\t\u00a0é", max_size=30))
    return "\n".join(draw(line) for _ in range(draw(st.integers(0, 40))))


@st.composite
def mangled_family_text(draw) -> str:
    """A generated call of some family with lines dropped, repeated or
    replaced: files as odd as real ones, in a real family's shape."""
    layout = draw(st.sampled_from(sorted(RENDERERS)))
    _, text = render(layout, draw(st.integers(0, 50)))
    lines = text.splitlines()
    rng = random.Random(draw(st.integers(0, 10_000)))
    for _ in range(draw(st.integers(0, 30))):
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.4:
            del lines[i]
        elif op < 0.7:
            lines.insert(i, lines[rng.randrange(len(lines))])
        else:
            lines[i] = rng.choice(FAMILY_LINES)
        if not lines:
            break
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


ANY_TEXT = st.one_of(st.text(max_size=300), family_like(), mangled_family_text())


def _edges_clean(text: str, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text)
    assert text[start] not in SPACE and text[end - 1] not in SPACE


def check_tiling(call: Call) -> None:
    text = call.text
    assert call.turns
    prev = 0
    next_sentence = 0
    for i, turn in enumerate(call.turns):
        assert turn.index == i
        assert prev <= turn.line_start <= turn.line_end <= len(text)
        assert turn.first_sentence == next_sentence <= turn.end_sentence
        if turn.paragraphs:
            assert (turn.start, turn.end) == (turn.paragraphs[0][0], turn.paragraphs[-1][1])
            assert turn.line_end <= turn.start
        pos = turn.start
        s = turn.first_sentence
        for ps, pe in turn.paragraphs:
            _edges_clean(text, ps, pe)
            assert pos <= ps
            cursor = ps
            while s < turn.end_sentence and call.sentence_starts[s] < pe:
                a, b = call.sentence_starts[s], call.sentence_ends[s]
                _edges_clean(text, a, b)
                assert all(c in SPACE for c in text[cursor:a]) and b <= pe
                cursor = b
                s += 1
            assert cursor == pe, "sentences tile the paragraph"
            pos = pe
        assert s == turn.end_sentence
        next_sentence = turn.end_sentence
        prev = max(turn.end, turn.line_end)
    assert next_sentence == call.sentence_count
    assert sum(sp.turns for sp in call.speakers) == len(call.turns)


@FAST
@given(ANY_TEXT)
def test_no_layout_reader_raises_and_turns_tile_their_text(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for layout in READERS:
        reading = layout.read(text, "prop.txt")
        if not reading.turns:
            continue  # the registry falls back to the generic reader
        check_tiling(build_call(text, "prop.txt", "", reading))


@FAST
@given(ANY_TEXT)
def test_every_layout_scores_any_text_between_0_and_1(text):
    for layout in READERS:
        assert 0.0 <= layout.score(text) <= 1.0
