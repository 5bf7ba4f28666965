"""Properties of re-anchoring over generated transcripts and edits.

The texts are built from a small vocabulary on purpose: phrases such as
"deferred revenue" and "Thank you." recur, and sentences differ only in
their figures, which is what makes a wrong re-anchor possible at all.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotations import anchoring
from annotations.codec import annotation_data
from annotations.figures import figures
from annotations.model import Annotation

WORDS = [
    "revenue", "deferred revenue", "grew", "to", "the", "quarter", "we", "expect",
    "margin", "of", "and", "Thank you.", "cash flow", "guidance", "in", "Q4",
    "10%", "12%", "$550 million", "$540 million", "$2.5 billion", "17 cents", "up",
]
FIGURE_SWAPS = {"10%": "11%", "12%": "14%", "$550 million": "$560 million",
                "$540 million": "$540 billion", "$2.5 billion": "$3.5 billion", "17 cents": "19 cents"}

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def texts(draw) -> str:
    sentences = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=4, max_size=14), min_size=3, max_size=30))
    return " ".join(" ".join(s).capitalize() + "." for s in sentences)


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans, i = [], 0
    for word in text.split(" "):
        spans.append((i, i + len(word)))
        i += len(word) + 1
    return spans


@st.composite
def annotated(draw, min_words: int = 1, max_words: int = 12):
    """A text and an annotation made on it the way the app makes one."""
    text = draw(texts())
    words = _word_spans(text)
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + max_words - 1)))
    assume(last - first + 1 >= min_words)
    start, end = words[first][0], words[last][1]
    prefix, suffix = anchoring.context(text, start, end)
    a = Annotation(id="a1", start=start, end=end, quote=text[start:end], prefix=prefix, suffix=suffix)
    return text, a


@given(annotated())
@SETTINGS
def test_an_unedited_transcript_anchors_every_annotation_in_place(case):
    text, a = case
    before = (a.start, a.end, a.quote)
    anchoring.anchor_all(text, [a])
    assert a.status == "anchored" and (a.start, a.end, a.quote) == before and not a.review


def _occurrences(text: str, part: str) -> int:
    """Overlapping ones too: in "deferred revenue deferred revenue ..." one
    window of context can stand twice, 17 characters apart, where
    ``str.count`` sees it once."""
    n, i = 0, text.find(part)
    while i != -1:
        n, i = n + 1, text.find(part, i + 1)
    return n


@given(annotated(), st.data())
@SETTINGS
def test_an_edit_elsewhere_never_moves_an_annotation_to_another_occurrence(case, data):
    """Insert, delete or replace text away from the annotation and its
    stored context: it is found at its own place (shifted by the edit),
    never at another copy of the same words."""
    text, a = case
    lo, hi = a.start - len(a.prefix), a.end + len(a.suffix)  # the part that must stay intact
    before = data.draw(st.booleans()) and lo > 0
    if before:
        cut = data.draw(st.integers(0, lo))
        cut_end = data.draw(st.integers(cut, lo))
    else:
        assume(hi < len(text))
        cut = data.draw(st.integers(hi, len(text)))
        cut_end = data.draw(st.integers(cut, len(text)))
    insert = data.draw(st.sampled_from(["", "Thank you. ", "deferred revenue ", "Revenue grew 10% to $550 million. "]))
    new = text[:cut] + insert + text[cut_end:]
    delta = len(insert) - (cut_end - cut) if before else 0
    window = a.prefix + a.quote + a.suffix
    assume(_occurrences(new, window) == 1)  # the stored context names one place only
    own = a.start + delta
    assert new[own : own + len(a.quote)] == a.quote
    anchoring.anchor_all(new, [a])
    assert a.status in ("anchored", "moved"), a.status
    assert (a.start, a.end) == (own, own + len(a.quote))


@given(annotated(min_words=3), st.data())
@SETTINGS
def test_a_changed_figure_never_yields_a_silent_re_anchor(case, data):
    text, a = case
    inside = [f for f in FIGURE_SWAPS if f in a.quote]
    assume(inside)
    old = data.draw(st.sampled_from(inside))
    i = text.index(old, a.start)
    assume(i + len(old) <= a.end)
    new = text[:i] + FIGURE_SWAPS[old] + text[i + len(old):]
    stored = annotation_data(a)
    anchoring.anchor_all(new, [a])
    found = new[a.start : a.end]
    if a.status == "fuzzy":
        assert a.needs_review
        if sorted(figures(found)) != sorted(figures(stored["quote"])):
            assert "figures changed" in a.review
    elif a.status == "moved" and not a.needs_review:
        # Only to an exact copy of the statement, its context around it too.
        assert found == stored["quote"]
        agreement = anchoring.search.context_agreement(new, a.start, a.end, stored.get("prefix", ""), stored.get("suffix", ""))
        assert agreement >= anchoring.CONTEXT_AGREEMENT
    else:
        assert a.status == "orphaned" or a.needs_review, a.status
    # Whatever was found, a save writes the quote the file held (and its
    # offsets, unless it moved to an exact copy).
    written = annotation_data(a)
    assert written["quote"] == stored["quote"]
    if a.status != "moved":
        assert (written["start"], written["end"]) == (stored["start"], stored["end"])


@given(annotated(min_words=2), st.data())
@SETTINGS
def test_a_re_anchor_lands_on_text_with_the_quotes_figures_or_waits(case, data):
    """Whatever the edit (the quote's own sentence rewritten or removed),
    an annotation placed without the user's confirmation stands on text
    stating exactly the quote's figures."""
    text, a = case
    cut = data.draw(st.integers(max(0, a.start - 40), a.start))
    cut_end = data.draw(st.integers(a.start + 1, min(len(text), a.end + 40)))
    insert = data.draw(st.sampled_from(["", "Revenue grew 12% to $540 million.", "deferred revenue"]))
    new = text[:cut] + insert + text[cut_end:]
    anchoring.anchor_all(new, [a])
    if a.status in ("anchored", "moved") and not a.needs_review:
        assert sorted(figures(new[a.start : a.end])) == sorted(figures(a.quote))
        assert new[a.start : a.end] == a.quote


def test_a_cut_before_a_quote_in_repetitive_text_finds_its_own_words_not_the_old_offsets():
    """Found by the property above: after the cut, the old offsets hold the
    same word, but with other words around it; the annotation's whole stored
    context stands once, 36 characters earlier, and that is where it is."""
    text = ("Revenue revenue revenue revenue revenue revenue revenue revenue revenue. "
            "Revenue revenue revenue revenue revenue" + " deferred revenue" * 9 + ". "
            "Guidance guidance deferred revenue revenue.")
    start = 249
    assert text[start:start + 8] == "deferred"
    prefix, suffix = anchoring.context(text, start, start + 8)
    a = Annotation(id="a1", start=start, end=start + 8, quote="deferred", prefix=prefix, suffix=suffix)
    new = text[36:]
    anchoring.anchor_all(new, [a])
    assert (a.start, a.end, a.status) == (213, 221, "moved")
