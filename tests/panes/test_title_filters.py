"""``title:cfo`` and ``role:cfo``: executives found by the office their
title names, however the speaker line spells it, in search and through
``speaker_matches``."""

from __future__ import annotations

import pytest

from transcripts import load_corpus
from transcripts.search import Filter, QueryError, parse_query
from transcripts.search.query import speaker_matches

from tests.panes.team_calls import write_team_call


@pytest.fixture
def corpus(tmp_path):
    write_team_call(tmp_path, "Acme", 2024, 3)
    return load_corpus([tmp_path])


def speakers_of(corpus, hits) -> set[str]:
    return {h.speaker for h in hits}


def test_role_words_name_offices():
    assert parse_query("role:CFO ").filters == (Filter("role", "cfo"),)
    assert parse_query("role:chairman ").filters == (Filter("role", "chair"),)
    assert parse_query("role:an ").filters == (Filter("role", "analyst"),)
    assert parse_query("title:ceo ").filters == (Filter("title", "ceo"),)
    assert parse_query('title:"investor relations" ').filters == (Filter("title", "investor relations"),)
    with pytest.raises(QueryError, match="cfo, coo"):
        parse_query("role:bogus ")


@pytest.mark.parametrize("query, who", [
    ("revenue role:cfo", {"Jane Roe"}),
    ("revenue role:ceo", {"John Doe"}),
    ("revenue role:president", {"John Doe"}),  # not the vice president
    ("revenue role:coo", {"Ted Low"}),
    ("revenue role:ir", {"Mary Vee"}),
    ("revenue role:vp", {"Mary Vee", "Jane Roe"}),  # an EVP is a vice president too
    ("revenue role:cfo role:ceo", {"Jane Roe", "John Doe"}),
    ("revenue title:cfo", {"Jane Roe"}),
    ("revenue title:chief", {"Jane Roe", "Ted Low"}),
    ("revenue title:analyst", {"Sam Poe"}),
    ("revenue role:analyst", {"Sam Poe"}),
])
def test_search_finds_the_office_holders(corpus, query, who):
    hits = corpus.search(query, limit=50)
    assert speakers_of(corpus, hits) == who


def test_an_office_in_role_is_an_executive_only(corpus):
    call = corpus.calls[0]
    analyst = next(sp for sp in call.speakers if sp.name == "Sam Poe")
    analyst.title = "CFO coverage analyst"  # a title naming the office, held by an analyst
    assert not speaker_matches(call, analyst, [Filter("role", "cfo")])
    assert speaker_matches(call, analyst, [Filter("title", "cfo")])


def test_search_refuses_annotation_words_with_a_message(corpus):
    with pytest.raises(QueryError, match="annotations"):
        corpus.search("revenue author:dana", limit=5)
