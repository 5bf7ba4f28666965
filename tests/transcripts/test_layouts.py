"""The family of transcript layouts, each written to a real file and read
the way a user's folder would be read."""

from __future__ import annotations

from pathlib import Path

from transcripts import parse_file
from transcripts.model import Call


def _read(tmp_path: Path, text: str, name: str = "acme_q3_2024.txt", encoding: str = "utf-8") -> Call:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _turns(call: Call) -> list[tuple[str, str]]:
    return [(t.speaker.name, call.text[t.start : t.end]) for t in call.turns]


def _speakers(call: Call) -> dict[str, tuple[str | None, str, str | None]]:
    return {s.name: (s.title, s.role, s.firm) for s in call.speakers}


SAMPLE_STYLE = """\
Operator
Good day, everyone, and welcome to the Acme conference call. I will turn the call over to Jane Doe.
Jane Doe - Chief Financial Officer
Thank you. Revenue was $7.7 billion, up 5%.
John Roe - Chairman and CEO
Thanks, Jane. We had a strong quarter.
Operator
Thank you. The question-and-answer session will be conducted electronically. We will go first to Todd Raker, First Boston. Please go ahead.
Todd Raker - Credit Suisse - Analyst
How is demand?
John Roe - Chairman and CEO
Good.
Todd Raker - Credit Suisse - Analyst
Thanks.
Operator
We will go next to Walter Pritchard with Soundview. Please go ahead.
Walter Pritchard - Analyst
What about margins?
Jane Doe - Chief Financial Officer
Flat to down
Operator
That concludes today's conference.
"""


def test_name_dash_title_and_name_firm_role(tmp_path):
    call = _read(tmp_path, SAMPLE_STYLE)
    assert [name for name, _ in _turns(call)] == [
        "Operator", "Jane Doe", "John Roe", "Operator", "Todd Raker", "John Roe",
        "Todd Raker", "Operator", "Walter Pritchard", "Jane Doe", "Operator",
    ]
    assert _speakers(call) == {
        "Operator": (None, "operator", None),
        "Jane Doe": ("Chief Financial Officer", "executive", None),
        "John Roe": ("Chairman and CEO", "executive", None),
        # the speaker line names the firm; it wins over the operator's words
        "Todd Raker": ("Analyst", "analyst", "Credit Suisse"),
        "Walter Pritchard": ("Analyst", "analyst", "Soundview"),
    }
    assert call.qa_start == 3
    assert [(e.analyst.name, e.first_turn, e.end_turn) for e in call.exchanges] == [
        ("Todd Raker", 4, 7), ("Walter Pritchard", 8, 10),
    ]
    assert _turns(call)[9] == ("Jane Doe", "Flat to down")


MOTLEY_STYLE = """\
Acme Corp (ACME) Q3 2024 Earnings Call
Oct 24, 2024, 5:00 p.m. ET

Contents:
Prepared Remarks
Questions and Answers
Call Participants

Prepared Remarks:
Operator
Good day, and welcome to the Acme third quarter 2024 earnings call. I would now like to turn the call over to Jane Doe.
Jane Doe -- Chief Financial Officer
Thank you, operator. Revenue was up 5% to $7.7 billion.
Questions & Answers:
Operator
[Operator Instructions] Our first question comes from Sarah Friar with Goldman Sachs.
Sarah Friar -- Goldman Sachs -- Analyst
Thanks. How is demand?
Jane Doe -- Chief Financial Officer
Strong.
Operator
This concludes today's call.

Call participants:
Jane Doe -- Chief Financial Officer
Sarah Friar -- Goldman Sachs -- Analyst
More ACME analysis
"""


def test_double_dash_layout_with_contents_and_closing_participants(tmp_path):
    call = _read(tmp_path, MOTLEY_STYLE, name="acme.txt")
    assert _turns(call) == [
        ("Operator", "Good day, and welcome to the Acme third quarter 2024 earnings call. "
                     "I would now like to turn the call over to Jane Doe."),
        ("Jane Doe", "Thank you, operator. Revenue was up 5% to $7.7 billion."),
        ("Operator", "[Operator Instructions] Our first question comes from Sarah Friar with Goldman Sachs."),
        ("Sarah Friar", "Thanks. How is demand?"),
        ("Jane Doe", "Strong."),
        ("Operator", "This concludes today's call."),
    ]
    assert [t.section for t in call.turns] == ["prepared"] * 2 + ["qa"] * 4
    assert _speakers(call)["Sarah Friar"] == ("Analyst", "analyst", "Goldman Sachs")
    # the closing list of participants is metadata, not six more turns
    assert "Jane Doe -- Chief Financial Officer" in call.notices
    assert call.notices[0] == "Acme Corp (ACME) Q3 2024 Earnings Call"
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)


NEWSWIRE_STYLE = """\
Q3 2024 Apple Inc Earnings Call
EVENT DATE/TIME: OCTOBER 31, 2024 / 9:00PM GMT

================================================================================
Corporate Participants
================================================================================
 * Tim Cook
   Apple Inc. - CEO

================================================================================
Conference Call Participants
================================================================================
 * Katy Huberty
   Morgan Stanley - Analyst

================================================================================
Presentation
--------------------------------------------------------------------------------
Operator   [1]
--------------------------------------------------------------------------------
Good day, and welcome to the Apple Q3 fiscal year 2024 earnings conference call.

--------------------------------------------------------------------------------
Tim Cook, Apple Inc. - CEO   [2]
--------------------------------------------------------------------------------
Thank you. Good afternoon, everyone.

================================================================================
Questions and Answers
--------------------------------------------------------------------------------
Operator   [3]
--------------------------------------------------------------------------------
Our first question comes from the line of Katy Huberty with Morgan Stanley.

--------------------------------------------------------------------------------
Katy Huberty, Morgan Stanley - Analyst   [4]
--------------------------------------------------------------------------------
Thank you. How is the iPhone cycle?

--------------------------------------------------------------------------------
Tim Cook, Apple Inc. - CEO   [5]
--------------------------------------------------------------------------------
It is strong in the U.S. and abroad.
"""


def test_newswire_layout_with_banners_decoration_and_participants(tmp_path):
    call = _read(tmp_path, NEWSWIRE_STYLE, name="apple.txt")
    assert _turns(call) == [
        ("Operator", "Good day, and welcome to the Apple Q3 fiscal year 2024 earnings conference call."),
        ("Tim Cook", "Thank you. Good afternoon, everyone."),
        ("Operator", "Our first question comes from the line of Katy Huberty with Morgan Stanley."),
        ("Katy Huberty", "Thank you. How is the iPhone cycle?"),
        ("Tim Cook", "It is strong in the U.S. and abroad."),
    ]
    assert call.qa_start == 2
    assert _speakers(call)["Katy Huberty"] == ("Analyst", "analyst", "Morgan Stanley")
    assert _speakers(call)["Tim Cook"][:2] == ("CEO", "executive")
    # the participants list before the Presentation banner is kept, not read as turns
    assert call.notices == [
        "Q3 2024 Apple Inc Earnings Call",
        "EVENT DATE/TIME: OCTOBER 31, 2024 / 9:00PM GMT",
        "* Tim Cook", "Apple Inc. - CEO", "* Katy Huberty", "Morgan Stanley - Analyst",
    ]
    assert (call.fiscal_year, call.quarter) == (2024, 3)


def test_participants_list_before_presentation_banner_is_not_turns(tmp_path):
    text = (
        "Corporate Participants\n"
        "Jane Doe -- Chief Financial Officer\n"
        "John Roe -- Chief Executive Officer\n"
        "Conference Call Participants\n"
        "Sarah Friar -- Goldman Sachs -- Analyst\n"
        "\n"
        "Presentation\n"
        "Operator\n"
        "Welcome to the Acme call. I will now turn the call over to John Roe.\n"
        "John Roe -- Chief Executive Officer\n"
        "Thanks. We had a record quarter.\n"
        "\n"
        "Question-and-Answer Session\n"
        "Operator\n"
        "Our first question comes from Sarah Friar.\n"
        "Sarah Friar\n"
        "How is demand?\n"
    )
    call = _read(tmp_path, text)
    assert [name for name, _ in _turns(call)] == ["Operator", "John Roe", "Operator", "Sarah Friar"]
    assert call.qa_start == 2
    # the list told us Sarah Friar's firm; her speaker line in the Q&A did not
    assert _speakers(call)["Sarah Friar"] == ("Analyst", "analyst", "Goldman Sachs")
    assert "Jane Doe" not in _speakers(call)
    # kept as written, in order; the headings are banners, not notices
    assert call.notices == [
        "Jane Doe -- Chief Financial Officer",
        "John Roe -- Chief Executive Officer",
        "Sarah Friar -- Goldman Sachs -- Analyst",
    ]


SEEKING_ALPHA_STYLE = """\
Acme Corp. (ACME) Q3 2024 Earnings Conference Call October 24, 2024 5:00 PM ET
Company Participants
Jane Doe - Chief Financial Officer
John Roe - Chief Executive Officer
Conference Call Participants
Sarah Friar - Goldman Sachs
Operator
Good day, and welcome to the Acme third quarter call. I will turn it over to Jane Doe.
Jane Doe
Thank you. We had a strong quarter.
John Roe
Thanks, Jane. Margins improved.
Question-and-Answer Session
Operator
Thank you. [Operator Instructions] Our first question comes from Sarah Friar of Goldman Sachs.
Sarah Friar
Hi. How is demand?
John Roe
Very strong.
"""


def test_participant_lists_give_titles_and_firms_to_bare_names(tmp_path):
    call = _read(tmp_path, SEEKING_ALPHA_STYLE, name="acme.txt")
    assert [name for name, _ in _turns(call)] == [
        "Operator", "Jane Doe", "John Roe", "Operator", "Sarah Friar", "John Roe",
    ]
    assert _speakers(call) == {
        "Operator": (None, "operator", None),
        "Jane Doe": ("Chief Financial Officer", "executive", None),
        "John Roe": ("Chief Executive Officer", "executive", None),
        "Sarah Friar": ("Analyst", "analyst", "Goldman Sachs"),
    }
    assert call.qa_start == 3
    assert call.notices[0].startswith("Acme Corp. (ACME) Q3 2024")


def test_bare_names_need_evidence_and_short_lines_stay_speech(tmp_path):
    text = (
        "Operator\n"
        "Welcome. I'll hand over to Mark Twain.\n"
        "Mark Twain\n"  # announced by the operator
        "Thanks. Short.\n"
        "Thank You\n"
        "Good Morning\n"
        "Makes Sense\n"
        "Operator\n"
        "Next question from Lisa Su, please go ahead.\n"
        "Lisa Su\n"  # announced
        "Hi.\n"
        "Peter Parker\n"  # followed by a turn of speech
        "Another voice, speaking at some length about topics that matter to investors today.\n"
        "Mary Jane\n"  # recurs
        "Yes.\n"
        "Mark Twain\n"
        "Sure.\n"
        "Mary Jane\n"
        "Okay.\n"
        "Red Herring\n"  # no evidence at all: speech
        "Fine.\n"
    )
    call = _read(tmp_path, text)
    assert _turns(call) == [
        ("Operator", "Welcome. I'll hand over to Mark Twain."),
        ("Mark Twain", "Thanks. Short.\nThank You\nGood Morning\nMakes Sense"),
        ("Operator", "Next question from Lisa Su, please go ahead."),
        ("Lisa Su", "Hi."),
        ("Peter Parker", "Another voice, speaking at some length about topics that matter to investors today."),
        ("Mary Jane", "Yes."),
        ("Mark Twain", "Sure."),
        ("Mary Jane", "Okay.\nRed Herring\nFine."),
    ]
    assert call.turns[1].paragraphs and len(call.turns[1].paragraphs) == 4


def test_colon_and_unidentified_speaker_lines(tmp_path):
    text = (
        "Operator:\n"
        "Welcome to the call.\n"
        "Jane Doe:\n"
        "Thank you. Results were strong.\n"
        "Operator:\n"
        "[Operator Instructions] Our first question is from Bob Smith of UBS.\n"
        "Bob Smith:\n"
        "What about margins?\n"
        "Unidentified Participant\n"
        "And cash flow?\n"
        "Jane Doe:\n"
        "Both up.\n"
    )
    call = _read(tmp_path, text)
    assert [name for name, _ in _turns(call)] == [
        "Operator", "Jane Doe", "Operator", "Bob Smith", "Unidentified Participant", "Jane Doe",
    ]
    assert call.qa_start == 2
    assert _speakers(call)["Bob Smith"] == (None, "analyst", "UBS")
    assert _speakers(call)["Jane Doe"][1] == "executive"


def test_speech_with_dashes_is_not_a_speaker_line(tmp_path):
    text = (
        "Operator\n"
        "Welcome to the call.\n"
        "Jane Doe - CFO\n"
        "Okay - thanks\n"
        "Revenue - up 5%\n"
        "Good Morning - Everyone\n"
        "We grew -- strongly -- this year.\n"
        "John Roe - great question\n"
    )
    call = _read(tmp_path, text)
    assert [name for name, _ in _turns(call)] == ["Operator", "Jane Doe"]
    assert call.text[call.turns[1].start : call.turns[1].end].split("\n") == [
        "Okay - thanks", "Revenue - up 5%", "Good Morning - Everyone",
        "We grew -- strongly -- this year.", "John Roe - great question",
    ]


def test_operator_instructions_marker_starts_the_qa(tmp_path):
    text = (
        "Operator\n"
        "Welcome to the Acme call.\n"
        "Jane Doe - CFO\n"
        "Thanks. Revenue grew.\n"
        "Operator\n"
        "[Operator Instructions]\n"
        "Carl Icahn - Icahn Enterprises\n"
        "Buy back more stock.\n"
        "Jane Doe - CFO\n"
        "Noted.\n"
    )
    call = _read(tmp_path, text)
    assert call.qa_start == 2
    assert [t.section for t in call.turns] == ["prepared", "prepared", "qa", "qa", "qa"]
    assert _speakers(call)["Carl Icahn"][1] == "analyst"
    assert [(e.analyst.name, e.first_turn, e.end_turn) for e in call.exchanges] == [("Carl Icahn", 3, 5)]


def test_qa_begins_at_the_first_analyst_when_nobody_announces_it(tmp_path):
    text = (
        "Jane Doe - CFO\n"
        "Revenue grew.\n"
        "Bob Smith - UBS - Analyst\n"
        "Why?\n"
        "Jane Doe - CFO\n"
        "Demand.\n"
    )
    call = _read(tmp_path, text)
    assert call.qa_start == 1
    assert _speakers(call)["Bob Smith"] == ("Analyst", "analyst", "UBS")


def test_operator_names_the_firm_after_a_comma(tmp_path):
    text = (
        "Operator\nWelcome.\n"
        "Jane Doe - CFO\nHello.\n"
        "Operator\nWe will go next to Sarah Friar, Goldman Sachs. Please go ahead.\n"
        "Sarah Friar - Analyst\nHi.\n"
        "Operator\nOur next question comes from the line of C. Eugene Munster with Piper Jaffray.\n"
        "Gene Munster - Analyst\nHi.\n"
        "Operator\nWe will go next to Adam Liebhoff SG Cowen. Please go ahead.\n"
        "Drew Brosseau - Analyst\nHi, it's Drew for Adam.\n"
        "Operator\nNext, Joe Noel (ph), with Pacific Growth Equities.\n"
        "Joe Noel - Analyst\nHi.\n"
        "Operator\nWe will go next to Gregg Moskowitz. Please go ahead.\n"
        "Gregg Moskowitz - Analyst\nHi.\n"
        "Operator\nNext is Adam Baird with Robert Baird. Mr. Baird, your line is open.\n"
        "Adam Baird - Analyst\nHi.\n"
        "Operator\nWe have Steve Sigmond. Mr. Sigmond, your line is open.\n"
        "Steve Sigmond - Analyst\nHi.\n"
    )
    call = _read(tmp_path, text)
    firms = {s.name: s.firm for s in call.speakers if s.role == "analyst"}
    assert firms == {
        "Sarah Friar": "Goldman Sachs",
        "Gene Munster": "Piper Jaffray",
        "Drew Brosseau": "SG Cowen",
        "Joe Noel": "Pacific Growth Equities",
        "Gregg Moskowitz": None,
        "Adam Baird": "Robert Baird",
        "Steve Sigmond": None,
    }


def test_line_endings_bom_tabs_and_trailing_spaces_keep_offsets_exact(tmp_path):
    lines = [
        "Notice line  ",
        "Operator\t",
        "\tWelcome to the call.   ",
        "Jane Doe\t-\tChief Financial Officer  ",
        "  Revenue was $7.7 billion. \t",
        "",
        "\t\tIt grew in the U.S. market.\u00a0",
        "Operator",
        "That concludes the call.",
    ]
    expected_text = "\n".join(lines)
    for label, newline in (("crlf", "\r\n"), ("cr", "\r"), ("lf", "\n")):
        raw = "\ufeff" + newline.join(lines)
        call = _read(tmp_path, raw, name=f"acme_q3_2024_{label}.txt")
        assert call.text == expected_text
        assert _turns(call) == [
            ("Operator", "Welcome to the call."),
            ("Jane Doe", "Revenue was $7.7 billion. \t\n\n\t\tIt grew in the U.S. market."),
            ("Operator", "That concludes the call."),
        ]
        assert _speakers(call)["Jane Doe"][0] == "Chief Financial Officer"
        assert call.notices == ["Notice line"]
        jane = call.turns[1]
        assert [call.text[s:e] for s, e in jane.paragraphs] == [
            "Revenue was $7.7 billion.", "It grew in the U.S. market.",
        ]
        assert [call.sentence_text(i) for i in jane.sentence_range] == [
            "Revenue was $7.7 billion.", "It grew in the U.S. market.",
        ]
        assert call.line_of(jane.start) == 5


def test_crlf_offsets_match_the_lf_text_of_the_same_call(tmp_path):
    lf = _read(tmp_path, SAMPLE_STYLE, name="lf.txt")
    crlf = _read(tmp_path, SAMPLE_STYLE.replace("\n", "\r\n"), name="crlf.txt")
    assert crlf.text == lf.text
    assert [(t.start, t.end) for t in crlf.turns] == [(t.start, t.end) for t in lf.turns]
    assert list(crlf.sentence_starts) == list(lf.sentence_starts)
    assert crlf.sha256 != lf.sha256  # the hash is of the bytes on disk


def test_name_colon_speech_on_one_line(tmp_path):
    text = (
        "Acme Q3 2024 Earnings Call\n"
        "Operator: Good day and welcome. I will now hand over to Jane Doe.\n"
        "Jane Doe: Thank you.  Revenue grew 5%.\n"
        "Bottom Line: we did well this quarter.\n"
        "Our priorities: growth and margins.\n"
        "John Roe - CEO: Thanks, Jane.\n"
        "Operator: [Operator Instructions] Our first question comes from Sarah Friar with Goldman Sachs.\n"
        "Sarah Friar: Hi. How is demand?\n"
        "Jane Doe: Strong.\n"
        "Sarah Friar: Thanks.\n"
    )
    call = _read(tmp_path, text)
    assert _turns(call) == [
        ("Operator", "Good day and welcome. I will now hand over to Jane Doe."),
        # a capitalised phrase before a colon is not a speaker without evidence
        ("Jane Doe", "Thank you.  Revenue grew 5%.\nBottom Line: we did well this quarter.\n"
                     "Our priorities: growth and margins."),
        ("John Roe", "Thanks, Jane."),
        ("Operator", "[Operator Instructions] Our first question comes from Sarah Friar with Goldman Sachs."),
        ("Sarah Friar", "Hi. How is demand?"),
        ("Jane Doe", "Strong."),
        ("Sarah Friar", "Thanks."),
    ]
    jane = call.turns[1]
    assert call.text[jane.line_start : jane.line_end] == "Jane Doe:"
    assert [call.sentence_text(i) for i in jane.sentence_range][:2] == ["Thank you.", "Revenue grew 5%."]
    assert _speakers(call)["Sarah Friar"] == (None, "analyst", "Goldman Sachs")
    assert _speakers(call)["John Roe"] == ("CEO", "executive", None)
    assert call.qa_start == 3
    assert call.notices == ["Acme Q3 2024 Earnings Call"]


def test_name_comma_title(tmp_path):
    text = (
        "Jane Doe, Chief Financial Officer\n"
        "Thanks, Gene.\n"
        "Okay, Great\n"
        "John Roe, VP, Investor Relations\n"
        "Welcome.\n"
    )
    call = _read(tmp_path, text)
    assert _turns(call) == [
        ("Jane Doe", "Thanks, Gene.\nOkay, Great"),
        ("John Roe", "Welcome."),
    ]
    assert _speakers(call)["John Roe"][:2] == ("VP, Investor Relations", "executive")


def test_bare_name_announced_by_courtesy_title_or_full_name(tmp_path):
    text = (
        "Operator\n"
        "I would like to return the conference to Mr. Gatoff for closing remarks.\n"
        "Steven Gatoff\n"
        "Thank you all.\n"
        "Operator\n"
        "We will discuss the update from Evan's team next.\n"
        "Katie Evan\n"  # only the surname was said, not a hand-over: speech
        "Fine.\n"
        "Operator\n"
        "And now, over to C. Eugene Munster.\n"
        "C. Eugene Munster\n"
        "Hello.\n"
    )
    call = _read(tmp_path, text)
    assert _turns(call) == [
        ("Operator", "I would like to return the conference to Mr. Gatoff for closing remarks."),
        ("Steven Gatoff", "Thank you all."),
        ("Operator", "We will discuss the update from Evan's team next.\nKatie Evan\nFine."),
        ("Operator", "And now, over to C. Eugene Munster."),
        ("C. Eugene Munster", "Hello."),
    ]


MARKDOWN_STYLE = """\
# Acme Q3 2024 Earnings Call

## Presentation

**Operator**

Good day and welcome. I will hand over to Jane Doe.

**Jane Doe - CFO** [00:01:02]

Thank you. Revenue grew.

## Questions and Answers

**Operator:** Our first question comes from Bob Smith with UBS.

**Bob Smith:** What about margins?

**Jane Doe:** Up.
"""


def test_markdown_emphasis_time_stamps_and_headings(tmp_path):
    call = _read(tmp_path, MARKDOWN_STYLE, name="acme-2024-q3.md")
    assert _turns(call) == [
        ("Operator", "Good day and welcome. I will hand over to Jane Doe."),
        ("Jane Doe", "Thank you. Revenue grew."),
        ("Operator", "Our first question comes from Bob Smith with UBS."),
        ("Bob Smith", "What about margins?"),
        ("Jane Doe", "Up."),
    ]
    assert call.qa_start == 2
    assert _speakers(call)["Jane Doe"] == ("CFO", "executive", None)
    assert _speakers(call)["Bob Smith"] == (None, "analyst", "UBS")
    assert call.text[call.turns[3].line_start : call.turns[3].line_end] == "**Bob Smith:**"
    assert call.notices == ["# Acme Q3 2024 Earnings Call"]


def test_operator_with_an_empty_double_dash_title_is_still_the_operator(tmp_path):
    call = _read(tmp_path, (
        "Operator -- \n"
        "Welcome to the Acme call. I will now turn the call over to Jane Doe.\n\n"
        "Jane Doe -- Chief Executive Officer\n"
        "Thanks. Revenue grew.\n\n"
        "Operator --\n"
        "[Operator Instructions] Our first question comes from Mary Major with J.P. Morgan.\n\n"
        "Mary Major -- J.P. Morgan -- Analyst\n"
        "How is demand? I think that --\n"
    ))
    assert [name for name, _ in _turns(call)] == ["Operator", "Jane Doe", "Operator", "Mary Major"]
    assert call.notices == [] and call.qa_start == 2
    assert _turns(call)[-1][1] == "How is demand? I think that --"


def test_a_bare_named_analyst_handed_the_line_by_the_operator_starts_the_qa(tmp_path):
    call = _read(tmp_path, (
        "Operator\n"
        "Welcome to the Initech first quarter 2022 earnings call. I will turn it over to Bill Lumbergh.\n"
        "Bill Lumbergh\n"
        "Thanks. Revenue was $10 million.\n"
        "Peter Gibbons - CFO\n"
        "Costs were down.\n"
        "Operator\n"
        "We will go next to Michael Bolton with Penetrode. Please go ahead.\n"
        "Michael Bolton\n"
        "How about the reports?\n"
        "Peter Gibbons - CFO\n"
        "Yeah.\n"
        "Michael Bolton\n"
        "Great\n"
    ))
    assert _speakers(call) == {
        "Operator": (None, "operator", None),
        "Bill Lumbergh": (None, "executive", None),
        "Peter Gibbons": ("CFO", "executive", None),
        "Michael Bolton": (None, "analyst", "Penetrode"),
    }
    assert call.qa_start == 3 and [t.section for t in call.turns][2:4] == ["prepared", "qa"]
    assert [(ex.analyst.name, ex.first_turn, ex.end_turn) for ex in call.exchanges] == [("Michael Bolton", 4, 7)]
