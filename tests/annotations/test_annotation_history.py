"""Undo and redo in the session (``annotations.history``): redo steps
forward again, a new edit ends what could be redone, a dismissal is undone
and redone like any edit, several edits made as one step go back as one,
and edits merged in from disk are never stepped over."""

from __future__ import annotations

import yaml

from annotation_helpers import GROWTH, GUIDE, sample_call, saved_session, sidecar, span_of
from annotations.session import CallAnnotations


def _tags(s: CallAnnotations) -> list[list[str]]:
    return [a.tags for a in s.annotations]


def test_redo_steps_forward_through_what_undo_took_back(tmp_path):
    _, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    a = s.add(*span_of(call.text, GUIDE), ["guidance"])
    s.add_tags(a.id, ["revenue"])
    s.set_note(a.id, "Q1 guide", {"value": 220})
    assert s.undo() and s.undo()
    assert _tags(s) == [["guidance"]] and s.annotations[0].note == ""
    assert s.redo()
    assert _tags(s) == [["guidance", "revenue"]] and s.annotations[0].note == ""
    assert s.redo()
    assert s.annotations[0].note == "Q1 guide" and s.annotations[0].fields == {"value": 220}
    assert not s.redo()
    assert s.undo() and s.undo() and s.undo() and not s.undo()
    assert s.annotations == []


def test_a_new_edit_ends_what_could_be_redone(tmp_path):
    _, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(*span_of(call.text, GUIDE), ["guidance"])
    assert s.undo() and s.can_redo
    s.add(*span_of(call.text, GROWTH), ["metric"])
    assert not s.can_redo and not s.redo()
    assert _tags(s) == [["metric"]]


def test_a_dismissal_is_undone_and_redone(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.dismiss("Some sentence  the reviewer\nthought wrong.")
    s.save()
    assert yaml.safe_load(sidecar(path).read_text())["dismissed"] == ["Some sentence the reviewer thought wrong."]
    assert s.undo()
    s.save()
    assert not sidecar(path).exists()
    assert s.redo()
    s.save()
    assert s.dismissed == ["Some sentence the reviewer thought wrong."]


def test_edits_made_as_one_step_are_undone_and_redone_together(tmp_path):
    _, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    with s.one_step():
        s.add(*span_of(call.text, GUIDE), ["guidance"])
        s.add(*span_of(call.text, GROWTH), ["metric"])
    assert len(s.annotations) == 2
    assert s.undo() and s.annotations == [] and not s.undo()
    assert s.redo() and len(s.annotations) == 2


def test_labels_name_each_step_both_ways(tmp_path):
    _, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(*span_of(call.text, GUIDE), ["guidance"])
    s.history.label_last("tagged guidance")
    s.add(*span_of(call.text, GROWTH), ["metric"])
    s.history.label_last("tagged metric")
    assert s.history.next_undo == "tagged metric"
    s.undo()
    assert s.history.next_redo == "tagged metric" and s.history.next_undo == "tagged guidance"
    s.history.label_last("something else")  # an undo step keeps its name
    assert s.history.next_undo == "tagged guidance"


def test_redo_never_reaches_past_edits_merged_from_disk(tmp_path):
    path, call, s = saved_session(tmp_path)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    s.save()
    assert s.undo()
    doc = yaml.safe_load(sidecar(path).read_text())
    g0, g1 = span_of(call.text, "Dana will wrap up with guidance for Q1.")
    doc["annotations"].append({"id": "bead01", "tags": ["todo"], "start": g0, "end": g1, "quote": call.text[g0:g1]})
    sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))
    assert s.save().state == "merged"
    assert not s.redo()
    ids = [a["id"] for a in yaml.safe_load(sidecar(path).read_text())["annotations"]]
    assert "bead01" in ids
