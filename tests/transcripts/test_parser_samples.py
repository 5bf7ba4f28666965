"""What a reader sees in the two bundled VeriSign calls.

The expected values were read off the files themselves (speaker lines counted
with grep, firms taken from the operator's words), not from parser output.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from transcripts import parse_file
from transcripts.model import Call

NOTICE = "使用警語:中文譯文來源為 Google 翻譯,僅供參考,實際內容請以英文原文為主"

Q4_TURNS = {
    "Stratton Sclavos": 20, "Dana Evan": 18, "Operator": 13, "Steve Sigmond": 6,
    "Todd Raker": 5, "Gene Muenster": 5, "Drew Brosseau": 5, "Sarah Friar": 4,
    "Gregg Moskowitz": 4, "Ed McGuire": 4, "Walter Pritchard": 3, "Steven Gateoff": 3,
    "Steve Ashley": 3, "Howard Smith": 2,
}
Q1_TURNS = {
    "Stratton Sclavos": 25, "Dana Evan": 17, "Operator": 13, "C. Eugene Munster": 7,
    "Steve Jue": 6, "P. Sterling Auty": 6, "Drew Brosseau": 6, "Todd Raker": 5,
    "Steven Ashley": 5, "Christopher Russ": 5, "Matt Barzowskas": 2, "Joe Noel": 2,
    "Steven Gatoff": 1, "Robert Breza": 1,
}
Q4_FIRMS = {
    # the operator's words: "We will go first to Todd Raker, First Boston please go ahead."
    "Todd Raker": "First Boston",
    "Sarah Friar": "Goldman Sachs",
    "Gregg Moskowitz": None,  # "We will go next to Gregg Moskowitz. Please go ahead."
    "Steve Ashley": "Robert Baird",  # after "Mary Meeker with Morgan Stanley" did not answer
    "Ed McGuire": "Merrill Lynch",
    "Drew Brosseau": "SG Cowen",  # the operator announced his colleague "Adam Liebhoff SG Cowen"
    "Walter Pritchard": "Soundview",
    "Steve Sigmond": "RBC",
    "Howard Smith": "First Analysis",
    "Gene Muenster": "Piper Jaffray",
}
Q1_FIRMS = {
    "Steve Jue": "RBC Capital Markets",
    "C. Eugene Munster": "Piper Jaffray",
    "Drew Brosseau": "S.G. Cohen",  # as the operator said it
    "Todd Raker": "Credit Suisse First Boston",
    "Matt Barzowskas": "First Albany",
    "Steven Ashley": "Robert W. Baird & Company",
    "P. Sterling Auty": "J.P. Morgan",
    "Christopher Russ": "Wachovia Securities",
    "Joe Noel": "Pacific Growth Equities",  # "Joe Noel (ph), with Pacific Growth Equities."
    "Robert Breza": "A.G. Edwards",
}
Q4_EXECUTIVES = {"Steven Gateoff", "Stratton Sclavos", "Dana Evan"}
Q1_EXECUTIVES = {"Steven Gatoff", "Stratton Sclavos", "Dana Evan"}


@pytest.fixture(scope="module")
def q4() -> Call:
    return parse_file(SAMPLES / Q4_2003)


@pytest.fixture(scope="module")
def q1() -> Call:
    return parse_file(SAMPLES / Q1_2003)


@pytest.fixture(params=["q4", "q1"])
def call(request) -> Call:
    return request.getfixturevalue(request.param)


def _line(path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


@pytest.mark.parametrize(
    "fixture, expected",
    [("q4", Q4_TURNS), ("q1", Q1_TURNS)],
)
def test_turns_per_speaker(request, fixture, expected):
    call = request.getfixturevalue(fixture)
    seen = Counter(t.speaker.name for t in call.turns)
    assert dict(seen) == expected
    assert {s.name: s.turns for s in call.speakers} == expected
    assert len(call.turns) == sum(expected.values())


@pytest.mark.parametrize(
    "fixture, executives",
    [("q4", Q4_EXECUTIVES), ("q1", Q1_EXECUTIVES)],
)
def test_role_of_every_speaker(request, fixture, executives):
    call = request.getfixturevalue(fixture)
    roles = {s.name: s.role for s in call.speakers}
    assert roles.pop("Operator") == "operator"
    for name in executives:
        assert roles.pop(name) == "executive", name
    # everyone else is on a "- Analyst" speaker line
    assert roles and set(roles.values()) == {"analyst"}


@pytest.mark.parametrize("fixture, firms", [("q4", Q4_FIRMS), ("q1", Q1_FIRMS)])
def test_firms_named_by_the_operator(request, fixture, firms):
    call = request.getfixturevalue(fixture)
    got = {s.name: s.firm for s in call.speakers if s.role == "analyst"}
    assert got == firms


def test_executives_have_no_invented_firm(call):
    assert all(s.firm is None for s in call.speakers if s.role != "analyst")


@pytest.mark.parametrize(
    "fixture, name, qa_line",
    [("q4", Q4_2003, 45), ("q1", Q1_2003, 42)],
)
def test_qa_starts_at_the_operators_instructions(request, fixture, name, qa_line):
    call = request.getfixturevalue(fixture)
    assert _line(SAMPLES / name, qa_line) == "Operator"
    assert "question" in _line(SAMPLES / name, qa_line + 1)
    first_qa = call.turns[call.qa_start]
    assert first_qa.speaker.name == "Operator"
    assert call.line_of(first_qa.line_start) == qa_line
    assert "star" in call.text[first_qa.start : first_qa.end]
    assert [t.section for t in call.turns] == (
        ["prepared"] * call.qa_start + ["qa"] * (len(call.turns) - call.qa_start)
    )
    assert all(t.speaker.role in ("operator", "executive") for t in call.turns[: call.qa_start])


@pytest.mark.parametrize("fixture, firms", [("q4", Q4_FIRMS), ("q1", Q1_FIRMS)])
def test_qa_exchanges_one_per_analyst_in_order(request, fixture, firms):
    call = request.getfixturevalue(fixture)
    assert [e.analyst.name for e in call.exchanges] == list(firms)
    for ex in call.exchanges:
        turns = call.turns[ex.first_turn : ex.end_turn]
        assert turns[0].speaker is ex.analyst
        # an exchange is the analyst and the executives answering, never the
        # operator's next introduction
        assert {t.speaker.role for t in turns} <= {"analyst", "executive"}
        assert {t.speaker.name for t in turns if t.speaker.role == "analyst"} == {ex.analyst.name}
        assert call.turns[ex.first_turn - 1].speaker.name == "Operator"
    last = call.exchanges[-1]
    # the closing: the operator ends the Q&A, management says goodbye
    closing = call.turns[last.end_turn :]
    assert closing[0].speaker.name == "Operator"
    assert closing[-1].speaker.name == "Operator"


@pytest.mark.parametrize(
    "fixture, company, year, quarter, call_id",
    [("q4", "VeriSign", 2003, 4, "verisign-2003-q4"), ("q1", "VeriSign", 2003, 1, "verisign-2003-q1")],
)
def test_company_and_fiscal_period(request, fixture, company, year, quarter, call_id):
    call = request.getfixturevalue(fixture)
    assert (call.company, call.fiscal_year, call.quarter) == (company, year, quarter)
    assert call.period == f"Q{quarter} {year}"
    assert call.id == call_id


def test_chinese_notice_is_metadata_not_a_turn(call):
    assert call.notices == [NOTICE]
    assert call.text.startswith(NOTICE + "\n")
    assert call.turns[0].speaker.name == "Operator"
    assert call.turns[0].line_start == len(NOTICE) + 1
    assert all(NOTICE not in call.text[t.start : t.end] for t in call.turns)
    assert not call.warnings


@pytest.mark.parametrize(
    "fixture, line, speaker",
    [
        ("q4", "Great. Thanks a lot.", "Steve Ashley"),
        ("q4", "Yup.", "Dana Evan"),
        ("q4", "Yup.", "Stratton Sclavos"),
        ("q4", "Thanks, Gene.", "Stratton Sclavos"),
        ("q4", "Right.", "Steve Sigmond"),
        ("q1", "Great", "Steve Jue"),
        ("q1", "Flat to down", "Dana Evan"),
        ("q1", "2.5 million new.", "Stratton Sclavos"),
        ("q1", "Increasing.", "Stratton Sclavos"),
    ],
)
def test_short_lines_stay_speech(request, fixture, line, speaker):
    call = request.getfixturevalue(fixture)
    said = [t for t in call.turns if call.text[t.start : t.end] == line]
    assert speaker in {t.speaker.name for t in said}
    names = {s.name for s in call.speakers}
    assert line not in names and line.rstrip(".") not in names


def test_bare_name_is_a_speaker(q4):
    gateoff = [t for t in q4.turns if t.speaker.name == "Steven Gateoff"]
    assert len(gateoff) == 3
    assert gateoff[0].index == 1  # right after the operator hands over to him
    assert gateoff[0].speaker.title is None
    assert q4.text[gateoff[0].start :].startswith("Good afternoon, everyone and welcome to VeriSign's")
    # his closing remarks after the operator hands back to "Mr. Gateoff"
    assert q4.text[gateoff[-1].start : gateoff[-1].end].startswith("Thanks, operator.")


def test_titles_as_written(q4, q1):
    assert q4.speaker("stratton sclavos").title == "Chairman and CEO"
    assert q1.speaker("stratton sclavos").title == "Chairman & CEO"
    assert q4.speaker("dana evan").title == "EVP and CFO"
    assert q1.speaker("steven gatoff").title == "VP Finance"


def test_turn_text_is_what_was_said(call):
    lines = call.text.split("\n")
    for t in call.turns:
        said = call.text[t.start : t.end]
        assert said == said.strip() and said
        # the speaker line is not part of what was said
        head = call.text[t.line_start : t.line_end]
        assert head == t.speaker.name or head.startswith(t.speaker.name + " - ")
        assert t.line_end <= t.start
        # every paragraph is one whole line of the file
        for s, e in t.paragraphs:
            assert call.text[s:e] == lines[call.line_of(s) - 1].strip()


def test_sentences_cover_every_word_of_every_turn(call):
    for t in call.turns:
        words = call.text[t.start : t.end].split()
        in_sentences = [
            w for i in t.sentence_range for w in call.sentence_text(i).split()
        ]
        assert in_sentences == words


def test_operator_sentences_with_initials_are_whole(q1):
    sentences = [q1.sentence_text(i) for i in range(q1.sentence_count)]
    assert "We'll go ahead and take the next question from C. Eugene Munster with Piper Jaffray." in sentences
    assert "We'll go ahead and take the next question from P. Sterling Auty with J.P. Morgan." in sentences
    assert "We'll go ahead and move on to Drew Brosseau with S.G. Cohen." in sentences
