"""Search as a reviewer uses it: typo-tolerant words, phrases, filters and
ranking, on the two sample calls and on a tiny call written for the test."""

from __future__ import annotations

import re

import pytest

from transcripts import load_corpus
from transcripts.search import QueryError, searcher_for

Q4, Q1 = "verisign-2003-q4", "verisign-2003-q1"

TINY = """Operator
Good day and welcome to the Acme Corp fourth quarter 2004 earnings call. I will now turn the call over to Jane Doe.
Jane Doe - CFO
Thank you. Operating expenses and margin were both in line with our plan. Our operating margin reached 20% in the quarter. Deferred revenue grew nicely. Revenue was strong, and the deferred tax asset was unchanged.
Operator
We will now take questions. We will go first to Bob Smith with Goldman Sachs.
Bob Smith - Analyst
Can you talk about guidance for the zebra business?
Jane Doe - CFO
The zebra business guidance is unchanged.
"""


pytestmark = pytest.mark.usefixtures("search_engine")


@pytest.fixture(scope="module")
def samples(search_engine):
    from tests.conftest import SAMPLES

    corpus = load_corpus([SAMPLES])
    searcher_for(corpus, use_cache=False)
    return corpus


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "acme-2004-q4.txt").write_text(TINY, encoding="utf-8")
    corpus = load_corpus([folder])
    assert not corpus.errors
    return corpus


def run(corpus, query, limit=20, **options):
    return searcher_for(corpus).run(query, limit, **options)


def highlighted(hit) -> list[str]:
    return [hit.text[s:e].casefold() for s, e in hit.local_spans()]


def turn_of(corpus, hit):
    return corpus.call(hit.call).turns[hit.turn]


# -- recall with typos -------------------------------------------------------


def test_typo_query_finds_deferred_revenue_in_both_quarters(samples):
    hits = samples.search("defered revnue", limit=20)
    assert {h.call for h in hits} == {Q1, Q4}
    for h in hits:
        assert re.search(r"deferred revenues?\b", h.text, re.I), h.text
        assert {"deferred", "revenue"} <= set(highlighted(h)) | {"revenues"}
        assert 0 <= h.score <= 100
        call = samples.call(h.call)
        assert call.text[h.start : h.end] == h.text
        assert call.turns[h.turn].start <= h.start < call.turns[h.turn].end


def test_typos_allowed_by_word_length(samples):
    assert samples.search("margn ")  # 5 letters: one typo forgiven
    assert samples.search("restructring")  # 12 letters, one typo
    assert samples.search("resturcturign ")  # 13 letters, two typos (OSA)
    # short words and numbers must match exactly
    assert run(samples, "2003 ").hits and not run(samples, "2005 ").hits
    assert run(samples, "the ").hits and not run(samples, "thw ").hits


def test_last_word_is_also_a_prefix_while_typing(samples):
    typing = samples.search("capital expendi")
    assert typing and all(re.search(r"capital expenditures?", h.text, re.I) for h in typing[:5])
    # a finished word (followed by a space) is not a prefix any more
    assert not samples.search("expendi ")


# -- ranking -----------------------------------------------------------------


def test_a_match_has_every_word(tiny):
    """One meaning of "match" everywhere: while some sentence has every
    word, sentences with only some of them are not matches."""
    result = run(tiny, "deferred revenue asset", limit=20)
    assert result.hits and all(h.matched == 3 for h in result.hits)
    assert "deferred tax asset" in result.hits[0].text
    assert result.total == len(result.hits) and not result.partial


def test_with_no_sentence_having_every_word_the_best_partial_answers_say_so(tiny):
    result = run(tiny, "deferred revenue zebra", limit=20)
    matched = [h.matched for h in result.hits]
    assert matched and max(matched) < 3 and matched == sorted(matched, reverse=True)
    assert result.partial and result.total is None
    assert result.message.startswith("no match has every word; the best")


def test_close_words_rank_above_scattered_ones(tiny):
    hits = run(tiny, "operating margin").hits
    texts = [h.text for h in hits]
    assert texts.index("Our operating margin reached 20% in the quarter.") < texts.index(
        "Operating expenses and margin were both in line with our plan."
    )
    assert hits[0].score > hits[1].score


def test_exact_words_rank_above_typos(samples):
    hits = run(samples, "margin ", limit=40).hits
    exact = [i for i, h in enumerate(hits) if "margin" in highlighted(h)]
    fuzzy_only = [i for i, h in enumerate(hits) if "margin" not in highlighted(h)]
    assert exact and fuzzy_only and max(exact) < min(fuzzy_only)
    assert hits[exact[0]].score > hits[fuzzy_only[0]].score


# -- phrases -----------------------------------------------------------------


def test_quoted_phrase_matches_consecutive_words_only(tiny, samples):
    texts = [h.text for h in run(tiny, '"operating margin"').hits]
    assert texts == ["Our operating margin reached 20% in the quarter."]
    for h in run(samples, '"operating margin"', limit=50).hits:
        assert re.search(r"operating margins?\b", h.text, re.I) and "operating margin" in highlighted(h)


def test_quoted_word_matches_exactly(samples):
    assert not run(samples, '"margn"').hits
    hits = run(samples, '"margin"', limit=100).hits
    assert hits and all("margin" in highlighted(h) for h in hits)


def test_phrase_and_words_rank_sentences_with_both_first(tiny):
    hits = run(tiny, '"operating margin" zebra').hits
    texts = [h.text for h in hits]
    # no sentence has both: the phrase's sentence and the zebra ones, each a partial match
    assert "Our operating margin reached 20% in the quarter." in texts
    assert "The zebra business guidance is unchanged." in texts
    assert "Operating expenses and margin were both in line with our plan." not in texts
    both = run(tiny, '"operating margin" quarter').hits
    assert both[0].text == "Our operating margin reached 20% in the quarter." and both[0].matched == 2


def test_phrase_with_a_missing_word_matches_nothing(tiny):
    result = run(tiny, '"operating zebra"')
    assert result.hits == [] and 'nothing matches "operating zebra"' in result.message


# -- filters -----------------------------------------------------------------


def test_speaker_filter_is_fuzzy_and_knows_aliases(samples):
    hits = run(samples, "revenue speaker:evna", limit=50).hits
    assert hits and {h.speaker for h in hits} == {"Dana Evan"}
    people = {h.speaker for h in run(samples, 'speaker:"eugene munster"', limit=500).hits}
    assert people == {"C. Eugene Munster", "Gene Muenster"}  # Q1 and Q4 spellings


def test_role_and_section_filters(samples):
    hits = run(samples, "guidance role:analyst", limit=50).hits
    assert hits and all(turn_of(samples, h).speaker.role == "analyst" for h in hits)
    qa = run(samples, "revenue section:qa", limit=50).hits
    assert qa and all(h.section == "qa" for h in qa)
    prepared = run(samples, "revenue section:prepared", limit=50).hits
    assert prepared and all(h.section == "prepared" for h in prepared)


def test_company_year_and_quarter_filters(samples, tiny):
    assert {h.call for h in run(samples, "revenue company:verisgn", limit=50).hits} == {Q1, Q4}
    assert {h.call for h in run(samples, "revenue q:4", limit=50).hits} == {Q4}
    assert {h.call for h in run(samples, "revenue 2003q1", limit=50).hits} == {Q1}
    assert {h.call for h in run(samples, "revenue year:2003", limit=50).hits} == {Q1, Q4}
    none = run(samples, "revenue year:2004")
    assert none.hits == [] and "no call is from year:2004" in none.message
    assert run(tiny, "revenue company:acme").hits
    assert not run(tiny, "revenue company:verisign").hits


def test_filters_alone_list_matching_sentences(tiny):
    hits = run(tiny, "speaker:smith").hits
    assert [h.text for h in hits] == ["Can you talk about guidance for the zebra business?"]


def test_tag_filter_uses_the_annotated_spans_the_caller_gives(tiny):
    call = tiny.calls[0]
    at = call.text.index("The zebra business guidance")
    spans = {"guidance": [(call.id, at + 4, at + 20)]}
    hits = run(tiny, "zebra tag:guidance", tag_spans=spans).hits
    assert [h.text for h in hits] == ["The zebra business guidance is unchanged."]
    as_function = run(tiny, "zebra tag:guidance", tag_spans=lambda tag: spans.get(tag, [])).hits
    assert [h.text for h in as_function] == ["The zebra business guidance is unchanged."]
    assert run(tiny, "zebra tag:metric", tag_spans=spans).hits == []
    with pytest.raises(QueryError, match="tag:"):
        run(tiny, "zebra tag:guidance")


def test_unknown_filter_is_an_error_not_silence(samples):
    with pytest.raises(QueryError) as err:
        run(samples, "revenue speakr:evan")
    assert "unknown filter 'speakr:'" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(QueryError, match="role"):
        run(samples, "revenue role:boss")
    with pytest.raises(QueryError, match="quarter"):
        run(samples, "revenue q:5")


def test_scope_narrows_to_some_calls(samples):
    hits = run(samples, "deferred revenue", scope=[Q4]).hits
    assert hits and {h.call for h in hits} == {Q4}


# -- nothing found -----------------------------------------------------------


def test_no_match_suggests_the_nearest_words(samples):
    result = run(samples, "revnu ")
    assert result.hits == []
    assert "revenue" in result.suggestions
    assert result.message.startswith("no matches for 'revnu'") and "did you mean" in result.message


def test_unknown_speaker_suggests_names(samples):
    result = run(samples, "revenue speaker:sclavoss")
    assert result.hits  # one typo forgiven
    result = run(samples, "revenue speaker:sklavozz")
    assert result.hits == [] and "speaker:sclavos" in result.suggestions


def test_empty_query_returns_nothing(samples):
    result = run(samples, "   ")
    assert result.hits == [] and "type words" in result.message


def test_a_long_query_that_matches_nothing_is_not_echoed_in_full(samples):
    pasted = "zqxj " + "the quarter was better than the consensus had it by a long way " * 12
    result = run(samples, f'"{pasted}"')
    assert result.hits == []
    assert result.message.startswith("no matches for '\"zqxj the quarter")
    assert "…" in result.message and len(result.message) < 400
