"""Dismissed suggestions are kept in the annotation file and stay dismissed,
also when two writers dismiss at once."""

from __future__ import annotations

import yaml

from annotations.session import CallAnnotations
from annotations.suggest import open_suggestions, suggest_call
from tests.conftest import Q4_2003
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path


def test_a_dismissed_suggestion_is_written_and_not_proposed_again(samples_copy):
    call = parse_file(samples_copy / Q4_2003)
    first = suggest_call(call, limit=1)[0]
    session = CallAnnotations(call)
    session.dismiss(first.text)
    assert session.save().ok
    doc = yaml.safe_load(sidecar_path(call.path).read_text(encoding="utf-8"))
    assert doc["dismissed"] == [" ".join(first.text.split())]
    again = CallAnnotations(parse_file(samples_copy / Q4_2003))
    assert again.dismissed == doc["dismissed"]
    assert first.text not in [s.text for s in open_suggestions(call, again, limit=None)]


def test_two_writers_dismissing_at_once_keep_both(samples_copy):
    call = parse_file(samples_copy / Q4_2003)
    a, b = suggest_call(call, limit=2)
    one, two = CallAnnotations(call), CallAnnotations(call)
    one.dismiss(a.text)
    two.dismiss(b.text)
    assert one.save().ok
    result = two.save()
    assert result.ok and result.state == "merged"
    assert set(CallAnnotations(call).dismissed) == {" ".join(a.text.split()), " ".join(b.text.split())}


def test_a_hand_key_changed_on_disk_survives_our_dismissal(samples_copy):
    call = parse_file(samples_copy / Q4_2003)
    session = CallAnnotations(call)
    session.add(0, 10, ["metric"])
    assert session.save().ok
    path = sidecar_path(call.path)
    path.write_text(path.read_text(encoding="utf-8") + "reviewer: Ann\n", encoding="utf-8")
    session.dismiss(suggest_call(call, limit=1)[0].text)
    assert session.save().ok
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["reviewer"] == "Ann" and len(doc["dismissed"]) == 1
