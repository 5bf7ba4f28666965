"""A key written twice in one mapping: YAML loaders silently keep only the
last value, so the next save would drop what the user wrote first (a whole
list of annotations, for a second ``annotations:`` pasted below the first).
Such a file is refused with ``file:line`` instead, and never written."""

from __future__ import annotations

from annotation_helpers import GROWTH, GUIDE, sample_call, sidecar, span_of
from annotations.session import CallAnnotations, ReadOnlyError
from tui.cli import main

import pytest


def _item(call, needle, aid):
    s, e = span_of(call.text, needle)
    return f"- id: {aid}\n  tags: [metric]\n  start: {s}\n  end: {e}\n  quote: '{call.text[s:e]}'\n"


def test_a_second_annotations_list_is_refused_not_dropped(tmp_path, capsys):
    path, call = sample_call(tmp_path)
    text = (
        "version: 1\nannotations:\n" + _item(call, GUIDE, "aaa111")
        + "# pasted from a colleague's copy\nannotations:\n" + _item(call, GROWTH, "bbb222")
    )
    sidecar(path).write_text(text, encoding="utf-8")
    s = CallAnnotations(call)
    assert s.read_only
    assert s.read_only_reason.startswith(f"{sidecar(path)}:9: ")
    assert "'annotations'" in s.read_only_reason and "line 2" in s.read_only_reason
    with pytest.raises(ReadOnlyError):
        s.add(*span_of(call.text, GROWTH), ["guidance"])
    assert s.save().state == "read-only"
    assert sidecar(path).read_text(encoding="utf-8") == text
    assert main(["check", str(path)]) == 1
    assert f"{sidecar(path)}:9:" in capsys.readouterr().out


def test_a_key_twice_in_one_annotation_is_refused(tmp_path):
    path, call = sample_call(tmp_path)
    text = "version: 1\nannotations:\n" + _item(call, GUIDE, "aaa111") + "  note: first\n  note: second  # why\n"
    sidecar(path).write_text(text, encoding="utf-8")
    s = CallAnnotations(call)
    assert s.read_only and s.read_only_reason.startswith(f"{sidecar(path)}:9: ")
    assert "'note'" in s.read_only_reason


def test_a_merge_key_is_not_a_duplicate(tmp_path):
    path, call = sample_call(tmp_path)
    s0, e0 = span_of(call.text, GUIDE)
    text = (
        f"version: 1\nbase: &b {{tags: [metric], start: {s0}}}\nannotations:\n"
        f"- <<: *b\n  id: aaa111\n  end: {e0}\n  quote: '{call.text[s0:e0]}'  # mine\n"
    )
    sidecar(path).write_text(text, encoding="utf-8")
    s = CallAnnotations(call)
    assert not s.read_only, s.read_only_reason
    assert [a.id for a in s.annotations] == ["aaa111"]


def test_a_key_twice_in_a_one_line_mapping_is_refused(tmp_path):
    path, call = sample_call(tmp_path)
    text = "version: 1\nannotations:\n" + _item(call, GUIDE, "aaa111") + "  fields: {value: 1, value: 2}\n"
    sidecar(path).write_text(text, encoding="utf-8")
    s = CallAnnotations(call)
    assert s.read_only and s.read_only_reason.startswith(f"{sidecar(path)}:8: ")
