"""Every real layout family, read as a user's folder would be read: our own
fixtures in each family's shape (with its hard cases), and many generated
variants of each family measured against their ground truth."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.layout_calls import RENDERERS, render, said, script, turn_f1
from benchmarks.layout_calls import diarized as render_diarized
from transcripts import parse_file, parse_text
from transcripts.model import Call

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"


def _read(tmp_path: Path, name: str) -> Call:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    return parse_file(path)


def _turns_per_speaker(call: Call) -> dict[str, int]:
    return dict(Counter(t.speaker.name for t in call.turns))


def _people(call: Call) -> dict[str, tuple[str | None, str, str | None]]:
    return {s.name: (s.title, s.role, s.firm) for s in call.speakers}


def _said(call: Call, index: int) -> str:
    return said(call, call.turns[index])


def test_streetevents_long_speaker_lines_entities_lists_and_disclaimers(tmp_path):
    call = _read(tmp_path, "consolidated_q3_2013_streetevents.txt")
    assert call.layout == "streetevents" and call.layout_confidence >= 0.9
    assert _turns_per_speaker(call) == {
        "Operator": 3, "Jane Roe": 3, "Alexandra Montgomery-Whitfield": 2, "Bob Stone": 1,
        "Mary Major": 1, "Unidentified Participant": 1,
    }
    company = "Consolidated Amalgamated Industrial Holdings & Co."  # &amp; read as &
    people = _people(call)
    # a 150-character speaker line is still one speaker line, with its own title
    assert people["Alexandra Montgomery-Whitfield"] == (
        "Executive Vice President, Chief Financial Officer and Treasurer", "executive", company)
    assert people["Jane Roe"] == ("CEO", "executive", company)
    assert people["Bob Stone"] == ("Analyst", "analyst", "Big Bank")
    assert people["Mary Major"] == ("Analyst", "analyst", "Wells Fargo Securities, LLC")
    assert call.qa_start == 3 and call.turns[3].speaker.name == "Operator"
    assert (call.fiscal_year, call.quarter) == (2013, 3)
    # the participant lists and the closing blocks are notices, never turns
    assert "* Bob Stone" in call.notices and "Big Bank - Analyst" in call.notices
    assert call.notices[-1] == "Copyright 2013 Thomson Reuters. All Rights Reserved."
    assert _said(call, 10) == "Strong. Thank you all for joining."
    assert "\r" not in call.text  # CRLF read as lines


def test_refinitiv_text_wrapped_speech_page_furniture_and_own_titles(tmp_path):
    call = _read(tmp_path, "globex_q2_2021_refinitiv.txt")
    assert call.layout == "refinitiv"
    assert _turns_per_speaker(call) == {
        "Operator": 4, "Olga Ivanova": 1, "Tomás Núñez": 2, "Priya Gupta": 2, "Erik Woodring": 1,
        "Amit Daryanani": 1,
    }
    people = _people(call)
    # every executive gets their own title from the line under their name
    assert people["Olga Ivanova"] == ("Head of IR", "executive", "Globex Corp")
    assert people["Tomás Núñez"] == ("CEO & Director", "executive", "Globex Corp")
    assert people["Priya Gupta"] == ("Senior VP & CFO", "executive", "Globex Corp")
    # the analysts' firms come from the affiliation line
    assert people["Erik Woodring"] == ("Equity Analyst", "analyst", "Morgan Stanley")
    assert people["Amit Daryanani"][1:] == ("analyst", "Evercore ISI Institutional Equities")
    assert call.qa_start == 4
    assert (call.fiscal_year, call.quarter) == (2021, 2)
    # hard-wrapped lines are one paragraph: a sentence is not cut at the wrap
    op = call.turns[0]
    assert len(op.paragraphs) == 1
    assert any("I would\nlike to turn the call over" in call.sentence_text(i) for i in op.sentence_range)
    # the page footer inside Tomás Núñez's turn is not speech
    tomas = _said(call, 2)
    assert "Refinitiv" not in tomas and "JULY 29, 2021" not in tomas
    assert tomas.endswith("including in silicon.")
    assert "REFINITIV STREETEVENTS | www.refinitiv.com | Contact Us" in call.notices
    assert not any("Globex Corp -" in _said(call, i) for i in range(len(call.turns)))


def test_seeking_alpha_title_lines_belong_to_the_speaker(tmp_path):
    call = _read(tmp_path, "initech_q1_2024_seeking_alpha.txt")
    assert call.layout == "seeking_alpha"
    assert _turns_per_speaker(call) == {
        "Operator": 4, "Samir Haddad": 1, "Lisa Park": 2, "Mark O'Connor": 2, "Erik Lindqvist": 1,
        "Sofia Castellanos": 1,
    }
    people = _people(call)
    assert people["Lisa Park"] == ("CEO, President & Director", "executive", None)
    assert people["Erik Lindqvist"] == ("Analyst", "analyst", "Melius Research LLC")
    assert people["Sofia Castellanos"] == ("Analyst", "analyst", "Goldman Sachs")
    # no title line left inside the speech; "Great" stays speech
    assert _said(call, 2) == "Thanks, Samir. We delivered record revenue of $2.1 billion. Great We are raising our outlook for the year."
    assert _said(call, 5) == "Thanks. How is pricing?"
    assert "Melius Research LLC" not in people and "Goldman Sachs" not in people
    assert call.qa_start == 4 and (call.fiscal_year, call.quarter) == (2024, 1)


def test_motley_fool_2019_duration_participants_and_footer_are_notices(tmp_path):
    call = _read(tmp_path, "umbrella_q4_2020_motley_fool_2019.txt")
    assert call.layout == "motley_fool_2019"
    assert _turns_per_speaker(call) == {"Operator": 3, "Jane Roe": 2, "Peter Müller": 1, "Amy Smith": 1}
    assert _people(call)["Amy Smith"] == ("Analyst", "analyst", "J.P. Morgan")
    assert _people(call)["Peter Müller"][0].startswith("Executive Vice President, Chief Financial Officer")
    assert _said(call, 6) == "This concludes today's call."
    assert "Duration: 48 minutes" in call.notices
    assert call.qa_start == 3 and (call.fiscal_year, call.quarter) == (2020, 4)


def test_motley_fool_2023_stocks_mentioned_is_not_a_last_turn(tmp_path):
    call = _read(tmp_path, "wayne_q2_2024_motley_fool_2023.txt")
    assert call.layout == "motley_fool_2023"
    assert _turns_per_speaker(call) == {"Operator": 3, "Lucius Fox": 1, "Grace Nakamura": 2, "Dan Brennan": 1}
    assert _said(call, len(call.turns) - 1) == "That concludes the call."
    assert "Stocks Mentioned" in call.notices
    assert _people(call)["Dan Brennan"] == ("Analyst", "analyst", "Bernstein")
    assert call.qa_start == 3 and (call.fiscal_year, call.quarter) == (2024, 2)


def test_motley_fool_2025_glued_name_speech_and_preamble_sections(tmp_path):
    call = _read(tmp_path, "apple_q3_2025_motley_fool_2025.txt")
    assert call.layout == "motley_fool_2025"
    assert _turns_per_speaker(call) == {
        "Suhasini Chandramouli": 1, "Tim Cook": 2, "Kevan Parekh": 2, "Operator": 2, "Erik Woodring": 1,
        "Amit Daryanani": 1,
    }
    people = _people(call)
    # titles from the "Role — Name" participants block
    assert people["Tim Cook"] == ("Chief Executive Officer", "executive", None)
    assert people["Suhasini Chandramouli"][0] == "Director, Investor Relations"
    assert people["Erik Woodring"][1:] == ("analyst", "Morgan Stanley")
    # a paragraph with no name goes on the previous speaker's turn
    assert _said(call, 1) == "Thank you, Suhasini. We set a June quarter revenue record. iPhone revenue grew 13%."
    # takeaways and glossary lines ("Apple Intelligence: ...") are not speakers
    assert "Apple Intelligence" not in people and "Services Revenue" not in people
    assert "INDUSTRY GLOSSARY" in call.notices and "TAKEAWAYS" in call.notices
    assert _said(call, 8) == "We are investing significantly."
    assert call.qa_start == 3 and (call.fiscal_year, call.quarter) == (2025, 3)


def test_diarized_labels_become_names_the_call_says(tmp_path):
    call = _read(tmp_path, "acme_q3_2024_diarized.txt")
    assert call.layout == "diarized"
    assert _turns_per_speaker(call) == {
        "Operator": 4, "Jane Roe": 3, "John Smith": 2, "Bob Stone": 1, "Priya Gupta": 1, "Speaker 5": 1,
    }
    by_name = {s.name: s for s in call.speakers}
    assert (by_name["Jane Roe"].label, by_name["Jane Roe"].inferred, by_name["Jane Roe"].title) == (
        "Speaker 1", True, "CFO")
    assert (by_name["Bob Stone"].firm, by_name["Bob Stone"].role) == ("UBS", "analyst")
    # nobody named Speaker 5: it keeps its label, and is not marked inferred
    assert (by_name["Speaker 5"].label, by_name["Speaker 5"].inferred) == ("Speaker 5", False)
    # the operator's two segments are one turn; the time stamps are not speech
    assert _said(call, 0) == ("Good day, and welcome to the Acme third quarter 2024 earnings conference call. "
                              "I would now like to turn the call over to our CFO, Jane Roe.")
    # the Q&A starts where the operator opens it
    assert call.qa_start == 3 and _said(call, 3).startswith("We will now begin the question-and-answer")


def test_a_voice_handed_different_names_keeps_its_label():
    text = (
        "Speaker 0: Welcome to the Acme earnings conference call. I'll turn it over to Jane Roe.\n"
        "Speaker 1: Thanks. Revenue grew.\n"
        "Speaker 0: Our first question comes from Bob Stone with UBS.\n"
        "Speaker 1: Hi, how is demand?\n"  # the diarizer merged two voices
        "Speaker 0: Our next question comes from Amy Park with Jefferies.\n"
        "Speaker 1: And pricing?\n"
    )
    call = parse_text(text, "merged.txt")
    assert {s.name for s in call.speakers} == {"Operator", "Speaker 1"}


# -- generated variants: many calls of each family with known ground truth ---

SEEDS = range(40)


@pytest.mark.parametrize("layout", sorted(RENDERERS))
def test_generated_variants_are_read_turn_by_turn(layout):
    f1s, qa_close, title_leaks = [], 0, 0
    for seed in SEEDS:
        truth, text = render(layout, seed)
        call = parse_text(text, f"{layout}-{seed}.txt")
        assert call.layout == layout, seed
        f1s.append(turn_f1(call, truth))
        if call.qa_start is not None and abs(call.qa_start - truth.qa_start) <= 1:
            qa_close += 1
        for t in call.turns:
            first = call.text[t.paragraphs[0][0] : t.paragraphs[0][1]] if t.paragraphs else ""
            if t.speaker.title and first == t.speaker.title or t.speaker.firm and first == t.speaker.firm:
                title_leaks += 1
    assert sum(f1s) / len(f1s) >= 0.97 and min(f1s) >= 0.9, f1s
    assert qa_close >= 0.9 * len(SEEDS)
    assert title_leaks == 0


@pytest.mark.parametrize("layout", sorted(RENDERERS))
def test_generated_variants_give_titles_and_firms(layout):
    for seed in range(10):
        truth, text = render(layout, seed)
        people = _people(parse_text(text, f"{layout}-{seed}.txt"))
        for p in truth.people:
            if p.role == "executive" and layout != "diarized":
                assert people[p.name][:2] == (p.title, "executive"), (seed, p.name)
            elif p.role == "analyst":
                assert people[p.name][1:] == ("analyst", p.firm), (seed, p.name)


def test_diarized_voices_never_named_keep_their_labels():
    truth = script(3)
    for turn in truth.turns:  # an operator who names nobody
        if turn.person.role == "operator":
            turn.paragraphs = ["Next question, please go ahead."]
        else:
            turn.paragraphs = [p.replace("I'll turn it over to our", "Over to our next").split(" With that")[0]
                               for p in turn.paragraphs]
    text, labels = render_diarized(truth, random.Random(5))
    call = parse_text(text, "unnamed.txt")
    assert call.layout == "diarized"
    assert not any(s.inferred for s in call.speakers)
    assert sorted(s.name for s in call.speakers) == sorted(labels.values())


def test_subtitle_voices_one_turn_per_voice_not_per_cue():
    cues = [("Operator", "Good day and welcome to the Acme call."), ("Operator", "I will now hand over to Jane Roe."),
            ("Jane Roe", "Thanks."), ("Jane Roe", "Revenue grew 5%."),
            ("Operator", "Our first question comes from Bob Stone with UBS."), ("Bob Stone", "How is demand?"),
            ("Jane Roe", "Strong."), ("Jane Roe", "Very strong.")]
    call = parse_text("".join(f"{n}: {s}\n" for n, s in cues), "cues.txt")
    assert [(t.speaker.name, said(call, t)) for t in call.turns] == [
        ("Operator", "Good day and welcome to the Acme call. I will now hand over to Jane Roe."),
        ("Jane Roe", "Thanks. Revenue grew 5%."),
        ("Operator", "Our first question comes from Bob Stone with UBS."),
        ("Bob Stone", "How is demand?"),
        ("Jane Roe", "Strong. Very strong."),
    ]
    assert not any(s.inferred for s in call.speakers)  # the file named them
    assert _people(call)["Bob Stone"] == (None, "analyst", "UBS") and call.qa_start == 2


def test_transcription_service_labels_with_time_stamps_after_the_name():
    text = (
        "Jane Roe (00:00:02):\nGood morning, and welcome to the Acme earnings call.\n\n"
        "Jane Roe (00:00:09):\nRevenue grew 5%. I'll turn it over to our CEO, John Smith.\n\n"
        "John Smith (00:01:10):\nThanks, Jane.\n\n"
        "Jane Roe (00:01:30):\nOperator, please open the line.\n"
    )
    call = parse_text(text, "rev.txt")
    assert call.layout == "diarized"
    assert [(t.speaker.name, said(call, t)) for t in call.turns] == [
        ("Jane Roe", "Good morning, and welcome to the Acme earnings call. Revenue grew 5%. "
                     "I'll turn it over to our CEO, John Smith."),
        ("John Smith", "Thanks, Jane."),
        ("Jane Roe", "Operator, please open the line."),
    ]
