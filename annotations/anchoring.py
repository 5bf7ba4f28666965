"""Finding annotations again after their transcript changed.

An annotation remembers its offsets, the quoted text and a little context on
either side. When the transcript is edited (a typo fixed, a paragraph added,
speakers renamed), offsets go stale but the words mostly survive. The
search goes from most to least certain (``annotations.anchor_search`` does
the looking):

1. the quote still sits at its offsets                  -> ``anchored``
2. the exact quote occurs where all its stored context  -> ``moved``
   still surrounds it (or exactly where the annotations
   before it moved to)
3. the stored context still stands at the old place     -> ``fuzzy``
   with edited words between: the quote was edited there
   (this beats a copy elsewhere with only part of the
   context: the same words elsewhere, with other words
   around them, are another statement)
   else the exact quote where part of its context        -> ``moved``
   (``CONTEXT_AGREEMENT`` characters) came along
4. a close match near the old place (and, for a long    -> ``fuzzy``
   quote, anywhere) stating the same figures
5. nothing good enough, or a close match whose figures  -> ``orphaned``
   differ (10% and $550 million is not 12% and $540
   million, however alike the sentences read)

A ``fuzzy`` answer, and any answer that lands in another person's turn, is a
guess the user must confirm (``Annotation.review`` says why). Until then the
file keeps what it held (``Annotation.stored``): a save never overwrites a
stored quote the user has not seen. ``confirm`` accepts the new place.
Orphans keep their stored offsets and quote; they are listed for the user
and never dropped. Nothing here writes a file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable

from annotations import anchor_search as search
from annotations.figures import describe_change, same_figures
from annotations.model import Annotation, StoredAnchor
from transcripts.identity import names_match
from transcripts.model import Call

CONTEXT_CHARS = 32
CONTEXT_AGREEMENT = 16
"""Characters of stored context (both sides together, read outward) that
must still agree for an exact quote away from its place to count as it.
Chance agreement of common words around a phrase ("of ", "s ") stays well
below this; the annotation's own occurrence after an edit elsewhere agrees
on all 64."""

WORDS_CHANGED = "its words changed"
FIGURES_CHANGED = "its figures changed"
BY_RESEMBLANCE = "found by resemblance, not by its context"

SpeakerAt = Callable[[int], "str | None"]


@dataclass(slots=True)
class Placement:
    start: int
    end: int
    status: str
    review: str = ""
    """Why the user should look before this is kept (see module doc)."""


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix stored with an annotation."""
    return text[max(0, start - chars) : start], text[end : end + chars]


def _context_holds(agreement: int, a: Annotation) -> bool:
    stored = len(a.prefix) + len(a.suffix)
    return agreement >= min(stored, CONTEXT_AGREEMENT)


def _whole_context_elsewhere(text: str, a: Annotation) -> int | None:
    """Where the quote stands with all its stored context around it, when
    that is one place other than its offsets and its offsets have lost that
    context: in repetitive text ("deferred revenue deferred revenue ...") a
    cut before the quote can leave the same words at the old offsets, and
    they are another occurrence, not this annotation."""
    prefix, suffix = a.prefix, a.suffix
    if not (prefix or suffix):
        return None
    if text[max(0, a.start - len(prefix)) : a.start] == prefix and text[a.end : a.end + len(suffix)] == suffix:
        return None
    window = prefix + a.quote + suffix
    at = text.find(window)
    if at < 0 or text.find(window, at + 1) >= 0:
        return None
    return at + len(prefix)


def place(text: str, a: Annotation, shift: int = 0) -> Placement:
    """Where annotation ``a`` belongs in ``text``; ``shift`` is how far the
    annotations before it moved (where it is expected)."""
    quote = a.quote
    if 0 <= a.start <= a.end <= len(text) and text[a.start : a.end] == quote:
        elsewhere = _whole_context_elsewhere(text, a)
        if elsewhere is None:
            return Placement(a.start, a.end, "anchored")
        return Placement(elsewhere, elsewhere + len(quote), "moved")
    orphaned = Placement(a.start, a.end, "orphaned")
    if not quote:
        return orphaned
    expected = max(0, a.start + shift)
    found = search.exact(text, quote, expected, a.prefix, a.suffix)
    certain = found is not None and (found[0] == expected or found[1] == len(a.prefix) + len(a.suffix))
    if certain:
        return Placement(found[0], found[0] + len(quote), "moved")
    span = search.between_context(text, quote, expected, a.prefix, a.suffix)
    if span is None and found is not None and _context_holds(found[1], a):
        # Part of the context came along (the words next to it were edited
        # too), and the old place holds nothing like the quote any more.
        return Placement(found[0], found[0] + len(quote), "moved")
    if span is not None:
        new = text[span[0] : span[1]]
        if same_figures(quote, new):
            return Placement(*span, "fuzzy", WORDS_CHANGED)
        return Placement(*span, "fuzzy", f"{FIGURES_CHANGED} ({describe_change(quote, new)})")
    span = search.resembling(text, quote, expected)
    if span is None:
        return orphaned
    new = text[span[0] : span[1]]
    if not same_figures(quote, new):
        # Another statement that reads alike: never a place for this note.
        orphaned.review = f"the closest text states other figures ({describe_change(quote, new)})"
        return orphaned
    return Placement(*span, "fuzzy", BY_RESEMBLANCE)


def speaker_lookup(call: Call) -> SpeakerAt:
    """The speaker whose turn holds an offset (a bisect: a call has
    hundreds of turns and a file thousands of annotations)."""
    turns = call.turns
    starts = [t.line_start for t in turns]

    def at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        t = turns[i]
        return t.speaker.name if offset < max(t.end, t.line_end) + 1 else None

    return at


def same_person(a: str, b: str) -> bool:
    """Two spellings of one speaker ("Steven Gateoff" / "Steven Gatoff")."""
    if " ".join(a.split()).casefold() == " ".join(b.split()).casefold():
        return True
    return names_match(a, b) > 0


def anchor_all(
    text: str,
    annotations: Iterable[Annotation],
    refresh_context: bool = False,
    speaker_at: SpeakerAt | None = None,
) -> int:
    """Re-place every annotation in ``text``, in place: offsets, status,
    review and (for certain places, when ``refresh_context`` or they moved)
    context and speaker. A guess (``review``) keeps what the file said in
    ``stored``, for saves to write until the user confirms. Returns how
    many are not ``anchored``."""
    shift = 0
    unsettled = 0
    for a in sorted(annotations, key=_stored_order):
        if a.stored is not None:  # placed before: start again from the file's word
            s = a.stored
            a.start, a.end, a.quote, a.prefix, a.suffix, a.speaker = (
                s.start, s.end, s.quote, s.prefix, s.suffix, s.speaker)
        stored = StoredAnchor.of(a)
        p = place(text, a, shift)
        a.status, a.review, a.stored = p.status, p.review, None
        if p.status == "orphaned":
            unsettled += 1
            continue
        shift = p.start - a.start
        if p.status != "anchored":
            unsettled += 1
        a.start, a.end = p.start, p.end
        now = speaker_at(p.start) if speaker_at is not None else None
        if now and a.speaker and not same_person(a.speaker, now):
            a.review = "; ".join(x for x in (a.review, f"now in {now}'s turn (was {a.speaker})") if x)
        if a.review:
            a.stored = stored
            a.speaker = now or a.speaker
            continue
        if refresh_context or p.status != "anchored":
            a.prefix, a.suffix = context(text, p.start, p.end)
        if now and (refresh_context or p.status != "anchored" or not a.speaker):
            a.speaker = now
    return unsettled


def _stored_order(a: Annotation) -> tuple[int, int]:
    place = a.stored if a.stored is not None else a
    return place.start, place.end


def anchor_call(call: Call, annotations: Iterable[Annotation], refresh_context: bool = False) -> int:
    """``anchor_all`` on a call's text, judging speakers by its turns."""
    return anchor_all(call.text, annotations, refresh_context, speaker_lookup(call))


def confirm(text: str, a: Annotation, speaker_at: SpeakerAt | None = None) -> bool:
    """Accept the place re-anchoring found for ``a``: its quote, context and
    speaker become the text there. False when there is nothing to accept."""
    if not a.needs_review:
        return False
    a.quote = text[a.start : a.end]
    a.prefix, a.suffix = context(text, a.start, a.end)
    if speaker_at is not None:
        a.speaker = speaker_at(a.start) or a.speaker
    a.stored, a.review, a.status = None, "", "anchored"
    return True
