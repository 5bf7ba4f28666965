"""The edits the app makes through ``CallAnnotations``, checked on disk."""

from __future__ import annotations

import pytest
import yaml

from annotation_helpers import sample_call, sidecar, span_of
from annotations.session import AnnotationError, CallAnnotations
from annotations.tags import complete, tags_in_use

GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"


def _on_disk(path):
    return yaml.safe_load(sidecar(path).read_text())["annotations"]


def test_add_trims_white_space_and_fills_quote_context_speaker(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    start, end = span_of(call.text, GUIDE)
    a = s.add(start - 1, end + 1, ["guidance"])  # a space before, a comma/space after
    assert a.quote == call.text[a.start : a.end]
    assert not a.quote[0].isspace() and not a.quote[-1].isspace()
    assert a.speaker == "Dana Evan" and a.created.endswith("Z")
    with pytest.raises(AnnotationError):
        s.add(start, start, ["metric"])


def test_tags_note_fields_remove_and_undo_each_saved(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    a = s.add(*span_of(call.text, GUIDE), ["guidance"])
    s.save()
    s.add_tags(a.id, ["revenue", "guidance"])
    s.save()
    assert _on_disk(path)[0]["tags"] == ["guidance", "revenue"]
    s.set_note(a.id, "Q1 guide", {"value": 220, "unit": "USD million", "period": ""})
    s.save()
    item = _on_disk(path)[0]
    assert item["note"] == "Q1 guide" and item["fields"] == {"value": 220, "unit": "USD million"}
    s.remove_tag(a.id, "revenue")
    s.remove(a.id)
    s.save()
    assert not sidecar(path).exists()  # nothing a user wrote is left: no file holding `annotations: []`
    assert s.undo()
    s.save()
    assert [x["tags"] for x in _on_disk(path)] == [["guidance"]]
    assert s.undo() and s.undo() and s.undo() and s.undo()
    assert not s.undo()
    s.save()
    assert not sidecar(path).exists()


def test_at_finds_annotations_under_an_offset_innermost_first(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    outer = s.add(*span_of(call.text, GUIDE), ["guidance"])
    inner = s.add(*span_of(call.text, "$220 million"), ["metric"])
    where = call.text.index("$220 million") + 2
    assert [a.id for a in s.at(where)] == [inner.id, outer.id]
    assert s.at(0) == []


def test_tags_in_use_across_calls_for_completion(samples_copy):
    from transcripts.corpus import parse_file

    paths = sorted(samples_copy.glob("*.txt"))
    for p, tags in zip(paths, (["risk", "capex"], ["risk"])):
        call = parse_file(p)
        s = CallAnnotations(call)
        s.add(10, 40, tags)
        s.save()
    known = tags_in_use(paths)
    assert known == ["metric", "guidance", "risk", "capex"]
    assert complete("r", known) == ["risk"]
    assert complete("", known) == known


def test_tags_written_by_hand_in_block_style_are_offered_too(samples_copy):
    paths = sorted(samples_copy.glob("*.txt"))
    from transcripts.sidecar import sidecar_path

    sidecar_path(paths[0]).write_text(
        "version: 1\nannotations:\n- id: aaa111\n  tags:\n  - capex\n  - 'q&a'\n  start: 1\n  end: 5\n  quote: x\n"
    )
    assert tags_in_use(paths) == ["metric", "guidance", "capex", "q&a"]
