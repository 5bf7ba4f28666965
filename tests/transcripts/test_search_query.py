"""The search line: words, phrases and filters, as the search and the export
read them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcripts import load_corpus
from transcripts.search import Filter, QueryError, matches_filters, parse_query
from transcripts.search.tokens import max_edits, words

from tests.conftest import SAMPLES


def test_words_phrases_and_filters_are_told_apart():
    q = parse_query('"operating margin" defered speaker:"dana evan" role:an 2003q4 section:q&a revnue')
    assert [(t.words, t.phrase, t.prefix) for t in q.terms] == [
        (("operating", "margin"), True, False),
        (("defered",), False, False),
        (("revnue",), False, True),  # the last word, still being typed
    ]
    assert q.filters == (
        Filter("speaker", "dana evan"), Filter("role", "analyst"), Filter("year", "2003"),
        Filter("quarter", "4"), Filter("section", "qa"),
    )


def test_a_finished_word_is_not_a_prefix():
    assert not parse_query("revenue ").terms[0].prefix
    assert not parse_query("revenue year:2003").terms[0].prefix
    assert parse_query("revenue").terms[0].prefix


def test_filter_spellings():
    assert parse_query("q:q1").filters == (Filter("quarter", "1"),)
    assert parse_query("year:'03").filters == (Filter("year", "2003"),)
    assert parse_query("Q4-2003").filters == (Filter("year", "2003"), Filter("quarter", "4"))
    assert parse_query("section:prepared tag:Guidance").filters == (
        Filter("section", "prepared"), Filter("tag", "guidance"))


def test_text_with_colons_is_not_a_filter():
    q = parse_query("call at 3:00")
    assert q.filters == () and [t.words for t in q.terms] == [("call",), ("at",), ("3", "00")]


@pytest.mark.parametrize("text, message", [
    ("revenue foo:bar", "unknown filter 'foo:'"),
    ("revenue speaker:", "needs a value"),
    ("role:boss", "unknown role 'boss'"),
    ("year:last", "not a year"),
    ("q:5", "not a quarter"),
    ("section:intro", "unknown section"),
])
def test_bad_filters_are_one_line_errors(text, message):
    with pytest.raises(QueryError) as err:
        parse_query(text)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_words_normalise_case_accents_and_possessives():
    assert words("VeriSign's Q4 café revenue of $7.7 billion, 2,470 people") == [
        "verisign", "q4", "cafe", "revenue", "of", "7.7", "billion", "2,470", "people"]


def test_edits_allowed_by_length():
    assert [max_edits(w) for w in ("the", "2003", "q4", "margin", "revenue", "deferred")] == [0, 0, 0, 1, 1, 2]


def test_matches_filters_for_exports():
    corpus = load_corpus([SAMPLES])
    q4 = corpus.call("verisign-2003-q4")
    evan = next(t for t in q4.turns if t.speaker.name == "Dana Evan")
    analyst = next(t for t in q4.turns if t.speaker.role == "analyst")
    f = parse_query("speaker:evan 2003q4 company:verisign").filters
    assert matches_filters(q4, evan, f) and not matches_filters(q4, analyst, f)
    assert not matches_filters(corpus.call("verisign-2003-q1"), None, f)
    tagged = parse_query("tag:guidance").filters
    assert matches_filters(q4, evan, tagged, tags=["Guidance"])
    assert not matches_filters(q4, evan, tagged, tags=["metric"])
    aliases = lambda call, speaker: ["Dana Q. Evanston"] if speaker.name == "Dana Evan" else []  # noqa: E731
    assert matches_filters(q4, evan, parse_query("speaker:evanston").filters, aliases)


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 .,;:?!_'’-$%éß\n\t\x1f")), max_size=60))
def test_fast_and_general_tokenisers_agree(text):
    """The index reads ASCII text on a fast path; the highlighter and the
    query read any text word by word. They must find the same words."""
    from transcripts.search.tokens import WORD_RE, normalise, word_spans

    general = [normalise(w) for w in WORD_RE.findall(text)]
    assert words(text) == general
    assert [w for w, _, _ in word_spans(text)] == general


def test_a_repeated_word_is_one_term():
    q = parse_query('revenue Revenue "deferred revenue" revenue "deferred revenue" reve')
    assert [(t.words, t.phrase, t.prefix) for t in q.terms] == [
        (("revenue",), False, False), (("deferred", "revenue"), True, False), (("reve",), False, True),
    ]


def test_a_pasted_page_is_a_clear_error_not_a_long_wait(samples):
    page = " ".join(f"word{i}x" for i in range(500))
    with pytest.raises(QueryError, match=r"too long: 500 words.*at most \d+"):
        parse_query(page)
    long_but_repetitive = "revenue " * 3000
    assert len(parse_query(long_but_repetitive).terms) == 1
    assert samples.search(long_but_repetitive, limit=1)


@pytest.fixture(scope="module")
def samples():
    return load_corpus([SAMPLES])
