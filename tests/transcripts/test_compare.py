"""Quarter over quarter: sentences paired across two calls."""

from __future__ import annotations

from transcripts.compare import compare_sentences


def test_a_changed_number_pairs_with_its_old_sentence_and_stands_out():
    before = ["Thanks, everyone.", "We expect Q2 revenue of $205 million.", "Margins were stable."]
    after = ["Thanks, everyone.", "We expect Q3 revenue of $215 million.", "We opened two plants."]
    rows = compare_sentences(before, after)
    assert [r.kind for r in rows] == ["same", "changed", "new", "dropped"]
    changed = rows[1]
    assert changed.numbers_changed
    assert [changed.after[s:e] for s, e in changed.after_numbers] == ["3", "215"]


def test_reworded_sentence_is_changed_not_new():
    rows = compare_sentences(
        ["We continue to expect full-year revenue of $400 to $420 million."],
        ["We now expect full-year revenue of $420 to $440 million."],
    )
    assert [r.kind for r in rows] == ["changed"]


def test_unrelated_sentences_are_new_and_dropped():
    rows = compare_sentences(["The weather was fine."], ["Capital spending rose sharply in Asia."])
    assert sorted(r.kind for r in rows) == ["dropped", "new"]
