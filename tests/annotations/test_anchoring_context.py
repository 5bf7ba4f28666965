"""Re-anchoring never hands a highlight to another place (issue 9, item 5).

The same words recur all through a call ("deferred revenue" 20 times in one
sample); the annotation's own occurrence is the one its stored context
still surrounds. An edit of the quote itself, where its context still
stands, is a ``fuzzy`` re-anchor in place; an exact copy elsewhere wins only
when its context agrees too; landing in another speaker's turn is reported.
"""

from __future__ import annotations

import json

import yaml

from annotation_helpers import sidecar
from annotations.session import CallAnnotations
from tests.conftest import Q1_2003
from transcripts.corpus import parse_file
from tui.cli import main

PHRASE = "deferred revenue"


def _tag_first(samples_copy, capsys, phrase=PHRASE):
    path = samples_copy / Q1_2003
    assert main(["tag", str(path), "--find", phrase, "--tag", "metric"]) == 0
    aid = capsys.readouterr().out.strip()
    text = path.read_text(encoding="utf-8")
    return path, text, aid, text.index(phrase)


def _annotation_json(path, capsys):
    main(["annotations", str(path), "--json"])
    return json.loads(capsys.readouterr().out)["annotations"]


def test_editing_the_tagged_occurrence_keeps_it_there_as_fuzzy(samples_copy, capsys):
    path, text, aid, at = _tag_first(samples_copy, capsys)
    assert text.count(PHRASE) > 5  # other occurrences it could be handed to
    path.write_text(text.replace(PHRASE, "deferred-revenue", 1), encoding="utf-8")
    [row] = _annotation_json(path, capsys)
    assert row["status"] == "fuzzy"
    assert row["start"] == at  # not 6,185 characters away at another "deferred revenue"
    assert path.read_text(encoding="utf-8")[row["start"] : row["end"]] == "deferred-revenue"
    assert row["review"]  # waits for the user's look
    assert row["quote"] == PHRASE  # the stored quote, not silently replaced


def test_check_lists_the_fuzzy_re_anchor_and_strict_fails(samples_copy, capsys):
    path, text, aid, _ = _tag_first(samples_copy, capsys)
    path.write_text(text.replace(PHRASE, "deferred-revenue", 1), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"annotation {aid}: re-anchored fuzzy" in out and "deferred-revenue" in out
    assert main(["check", "--strict", str(path)]) == 1


def test_tagged_sentence_deleted_is_orphaned_not_moved_to_another_copy(samples_copy, capsys):
    path, text, aid, at = _tag_first(samples_copy, capsys)
    start = text.rfind(". ", 0, at) + 2
    end = text.index(".", at) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    [row] = _annotation_json(path, capsys)
    assert row["status"] == "orphaned"


def test_exact_copy_elsewhere_still_wins_when_its_context_came_along(samples_copy, capsys):
    """A paragraph moved up, whole: its words and their context moved, so the
    annotation follows as ``moved`` (no confirmation needed)."""
    path, text, aid, at = _tag_first(samples_copy, capsys)
    para_start = text.rfind("\n", 0, at) + 1
    para_end = text.index("\n", at) + 1
    paragraph = text[para_start:para_end]
    rest = text[:para_start] + text[para_end:]
    turn = rest.index("\nStratton Sclavos") + 1  # his speaker line
    first_break = rest.index("\n", rest.index("\n", turn) + 1) + 1  # after his first paragraph
    new = rest[:first_break] + paragraph + rest[first_break:]
    path.write_text(new, encoding="utf-8")
    [row] = _annotation_json(path, capsys)
    assert row["status"] == "moved" and not row.get("review")
    assert row["start"] == first_break + (at - para_start)


def test_landing_in_another_speakers_turn_is_reported_and_not_saved_unseen(samples_copy, capsys):
    """The paragraph now opens a turn of Dana Evan (a speaker line inserted
    above it): the highlight follows its words, but check says whose turn it
    is in now, and the stored speaker stays until the user confirms."""
    path, text, aid, at = _tag_first(samples_copy, capsys)
    para_start = text.rfind("\n", 0, at) + 1
    path.write_text(text[:para_start] + "Dana Evan\n" + text[para_start:], encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"annotation {aid}:" in out and "now in Dana Evan's turn (was Stratton Sclavos)" in out
    # Another edit of the call saves the file: the stored speaker is kept.
    s = CallAnnotations(parse_file(path))
    assert s.get(aid).needs_review
    s.add(0, 20, ["other"])
    assert s.save().ok
    saved = {a["id"]: a for a in yaml.safe_load(sidecar(path).read_text())["annotations"]}
    assert saved[aid]["speaker"] == "Stratton Sclavos" and saved[aid]["start"] == at
    # Confirming accepts the new place and speaker.
    s.confirm(aid)
    assert s.save().ok
    saved = {a["id"]: a for a in yaml.safe_load(sidecar(path).read_text())["annotations"]}
    assert saved[aid]["speaker"] == "Dana Evan" and saved[aid]["start"] == at + len("Dana Evan\n")
    assert CallAnnotations(parse_file(path)).get(aid).status == "anchored"
