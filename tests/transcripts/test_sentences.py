"""Sentence boundaries as a reader moving with j/k sees them."""

from __future__ import annotations

import pytest

from transcripts.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    "paragraph",
    [
        "We see strong demand in the U.S. and in Europe.",
        "Sales in the U.S. Government segment grew.",
        "Our next question comes from P. Sterling Auty with J.P. Morgan.",
        "We'll take the next question from C. Eugene Munster with Piper Jaffray.",
        "Revenue was $7.7 billion, up from $7.2 billion.",
        "We acquired Acme Inc. for cash.",
        "We bought Network Solutions Inc. Ltd. Co. Corp. in one go.",
        "Thanks to Mr. Gateoff and Ms. Meeker and Dr. Who.",
        "We are now the No. 5 player in the market.",
        "Growth was 5% vs. 3% last year.",
        "The call ends at approximately 3:00 p.m. Eastern time.",
        "Other items, e.g. Amortization, are excluded.",
        "Approx. Half of it is recurring.",
        "He asked about Q4. and then stopped.",
        "The U.S. Steel deal and J.P. Morgan's note came in the U.S. and abroad.",
    ],
)
def test_periods_that_do_not_end_a_sentence(paragraph):
    assert split_sentences(paragraph) == [paragraph]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Thanks, Steven. Good afternoon, everyone.", ["Thanks, Steven.", "Good afternoon, everyone."]),
        ("Is that right? Yes! It is.", ["Is that right?", "Yes!", "It is."]),
        ("Really?! Wow.", ["Really?!", "Wow."]),
        ('He said "that is final." Then he left.', ['He said "that is final."', "Then he left."]),
        ("(We agree.) Next topic.", ["(We agree.)", "Next topic."]),
        ("It was about 3. Thank you.", ["It was about 3.", "Thank you."]),
        ("The answer is no. We will not.", ["The answer is no.", "We will not."]),
        ("Costs in G&A. Then AT&T. Done.", ["Costs in G&A.", "Then AT&T.", "Done."]),
        ("In terms of percentage Steve or... Right.", ["In terms of percentage Steve or...", "Right."]),
        ("Visit www.VeriSign.com. The call is webcast.", ["Visit www.VeriSign.com.", "The call is webcast."]),
        ("Dana will follow. 2004 looks good.", ["Dana will follow.", "2004 looks good."]),
        ("Okay.  Great.\tThanks.", ["Okay.", "Great.", "Thanks."]),
        ("We sold more in the U.S. We also grew.", ["We sold more in the U.S.", "We also grew."]),
        ("It began at 9 a.m. The operator spoke.", ["It began at 9 a.m.", "The operator spoke."]),
    ],
)
def test_normal_sentence_ends(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_lower_case_after_a_period_continues_the_sentence():
    assert split_sentences("Revenue was up approx. five percent. Margins too.") == [
        "Revenue was up approx. five percent.",
        "Margins too.",
    ]
    assert split_sentences("It grew about 3. percent, they said.") == ["It grew about 3. percent, they said."]


def test_spans_are_offsets_into_the_whole_text():
    text = "Operator\n  Hello there. How are you?  \nNext"
    start = text.index("  Hello")
    end = text.index("\nNext")
    spans = list(sentence_spans(text, start, end))
    assert [text[s:e] for s, e in spans] == ["Hello there.", "How are you?"]
    assert spans[0][0] == text.index("Hello")


def test_empty_and_white_space_paragraphs_have_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \t\u00a0\u3000 ") == []
    assert split_sentences("x") == ["x"]


def test_sentences_never_start_or_end_with_a_stray_byte_order_mark():
    assert split_sentences("\ufeffHello. \ufeffWorld.\ufeff") == ["Hello.", "World."]


def test_non_latin_text_is_one_sentence_per_western_stop():
    text = "使用警語:中文譯文來源為 Google 翻譯,僅供參考. Next sentence."
    assert split_sentences(text) == ["使用警語:中文譯文來源為 Google 翻譯,僅供參考.", "Next sentence."]
