"""For any text at all, the parser returns a call whose spans a reader and
an annotation can trust: never an exception, turns and sentences in order,
sentences tiling the paragraphs they cover, ``text[start:end]`` exact, and
no line of the file silently dropped."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcripts.model import Call
from transcripts.parser import parse_text
from transcripts.sentences import SPACE
from transcripts.speaker_lines import classify_content

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPEAKER_LINES = [
    "Operator", "Operator:", "Operator   [1]", "Stratton Sclavos - Chairman and CEO",
    "Dana Evan -- Chief Financial Officer", "Sarah Friar, Goldman Sachs - Analyst",
    "Todd Raker - Credit Suisse - Analyst", "Steven Gateoff", "C. Eugene Munster - Analyst",
    "Jane Doe:", "Unidentified Participant", "José Muñoz - CFO", "Jane Doe, Chief Financial Officer",
    "Operator: Good day. Welcome.", "Jane Doe: Thanks.  We grew. ", "John Roe - CEO:\tHello there.",
    "**Operator**", "**Jane Doe:** Thanks.", "**Bob:**", "Jane Doe - CFO [00:01:02]", "_Bob Smith_",
]
OTHER_LINES = [
    "Presentation", "Questions and Answers", "Question-and-Answer Session", "Call participants:",
    "Corporate Participants", "=====", "-----", "[Operator Instructions]", "Great", "Yup.",
    "Flat to down", "Thanks, Gene.", "2.5 million new.", "Thank You", "Good Morning",
    "We will go next to Walter Pritchard with Soundview. Please go ahead.",
    "Our first question comes from Sarah Friar, Goldman Sachs.",
    "Revenue in the U.S. was $7.7 billion vs. $7.2 billion. J.P. Morgan asked Mr. Smith about No. 5!",
    "Is that right? Yes... maybe. “Quoted.” (Bracketed.) e.g. This. G&A. Done",
    "使用警語:中文譯文來源為 Google 翻譯,僅供參考",
    "Bottom Line: we did well.", "Our priorities: growth.", "Note:", "A:",
]
PADDING = st.sampled_from(["", " ", "\t", "  \t", "\u00a0", "\ufeff", "\u3000", "\x0c", "\u2028"])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])


@st.composite
def transcript_like(draw) -> str:
    line = st.one_of(
        st.sampled_from(SPEAKER_LINES),
        st.sampled_from(OTHER_LINES),
        st.text(max_size=60),
        st.text(alphabet="Aa .?!-,:\t\u00e9\u4e2d", max_size=40),
    )
    out: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        out.append(draw(PADDING) + draw(line) + draw(PADDING))
        out.append(draw(NEWLINES))
    return "".join(out)


ANY_TEXT = st.one_of(st.text(max_size=400), transcript_like())


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_span(text: str, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text)
    assert text[start] not in SPACE and text[end - 1] not in SPACE


def check_call(call: Call, given_text: str) -> None:
    text = call.text
    assert text == _normalised(given_text)
    assert call.turns, "every call has at least one turn"
    n_sent = call.sentence_count
    assert len(call.sentence_ends) == n_sent
    prev_end = 0
    prev_sentence_end = 0
    next_sentence = 0
    for i, turn in enumerate(call.turns):
        assert turn.index == i
        assert prev_end <= turn.line_start <= turn.line_end <= turn.start <= turn.end <= len(text)
        assert turn.first_sentence == next_sentence
        assert turn.first_sentence <= turn.end_sentence <= n_sent
        next_sentence = turn.end_sentence
        if turn.paragraphs:
            assert (turn.start, turn.end) == (turn.paragraphs[0][0], turn.paragraphs[-1][1])
            _check_span(text, turn.start, turn.end)
        else:
            assert turn.start == turn.end and turn.end_sentence == turn.first_sentence
        sentences = iter(turn.sentence_range)
        pending = next(sentences, None)
        para_end_prev = turn.start
        for ps, pe in turn.paragraphs:
            _check_span(text, ps, pe)
            assert para_end_prev <= ps and "\n" not in text[ps:pe]
            para_end_prev = pe
            # the sentences of this paragraph tile it exactly
            cursor = ps
            assert pending is not None, "a paragraph without sentences"
            assert call.sentence_starts[pending] == ps
            while pending is not None and call.sentence_starts[pending] < pe:
                s, e = call.sentence_starts[pending], call.sentence_ends[pending]
                _check_span(text, s, e)
                assert s >= prev_sentence_end and e <= pe
                assert all(c in SPACE for c in text[cursor:s])
                assert call.turn_index_of_sentence(pending) == i
                assert call.sentence_at(s) == pending and call.sentence_at(e - 1) == pending
                cursor = prev_sentence_end = e
                pending = next(sentences, None)
            assert cursor == pe
        assert pending is None, "a sentence outside the turn's paragraphs"
        prev_end = max(turn.end, turn.line_end)
    assert next_sentence == n_sent
    assert sum(s.turns for s in call.speakers) == len(call.turns)
    assert {s.role for s in call.speakers} <= {"operator", "executive", "analyst", "unknown"}
    if call.qa_start is None:
        assert all(t.section == "prepared" for t in call.turns)
        assert call.exchanges == []
    else:
        assert [t.section for t in call.turns] == (
            ["prepared"] * call.qa_start + ["qa"] * (len(call.turns) - call.qa_start)
        )
    last = call.qa_start or 0
    for ex in call.exchanges:
        assert last <= ex.first_turn < ex.end_turn <= len(call.turns)
        assert call.turns[ex.first_turn].speaker is ex.analyst
        last = ex.end_turn


def check_nothing_dropped(call: Call) -> None:
    """Every non-blank line is said in a turn, is a speaker line, a banner or
    decoration, or is kept as a notice."""
    text = call.text
    paragraph_starts = {s for t in call.turns for s, _ in t.paragraphs}
    speaker_lines = [(t.line_start, t.line_end) for t in call.turns]
    notices = list(call.notices)
    pos = 0
    for raw in text.split("\n"):
        content = raw.strip(SPACE)
        if content:
            start = pos + len(raw) - len(raw.lstrip(SPACE))
            if start in paragraph_starts or any(a <= start < max(b, a + 1) for a, b in speaker_lines):
                pass
            elif content in notices:
                notices.remove(content)
            else:
                assert classify_content(content)[0] in ("banner", "decoration"), content
        pos += len(raw) + 1


@FAST
@given(ANY_TEXT)
def test_any_text_parses_into_trustworthy_spans(text):
    call = parse_text(text, "prop.txt")
    check_call(call, text)
    check_nothing_dropped(call)


@FAST
@given(transcript_like())
def test_same_call_whatever_the_line_endings(text):
    lf = parse_text(_normalised(text))
    crlf = parse_text(_normalised(text).replace("\n", "\r\n"))
    assert crlf.text == lf.text
    assert [(t.speaker.name, t.start, t.end) for t in crlf.turns] == [
        (t.speaker.name, t.start, t.end) for t in lf.turns
    ]
    assert list(crlf.sentence_starts) == list(lf.sentence_starts)


SPEECH_LINES = [
    line for line in OTHER_LINES
    if classify_content(line)[0] == "text" and ":" not in line
] + ["Revenue grew 5%.", "We agree.", "Okay - thanks", "Thanks, Gene."]


@FAST
@given(st.lists(st.sampled_from(SPEECH_LINES), min_size=1, max_size=8), PADDING)
def test_each_speaker_line_opens_one_turn_and_speech_stays_speech(paragraphs, pad):
    text = "Operator\nWelcome.\n" + "".join(
        f"Dana Evan - CFO{pad}\n{pad}{p}\nSteve Jue - Analyst\nOkay.\n" for p in paragraphs
    )
    call = parse_text(text)
    check_call(call, text)
    assert [t.speaker.name for t in call.turns] == ["Operator"] + ["Dana Evan", "Steve Jue"] * len(paragraphs)
    said = [call.text[t.start : t.end] for t in call.turns if t.speaker.name == "Dana Evan"]
    assert said == paragraphs
