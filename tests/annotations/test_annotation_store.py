"""The annotation file on disk: the format of DESIGN.md, deterministic
output, hand-added keys kept, validation with file:line messages."""

from __future__ import annotations

import yaml

from annotation_helpers import sample_call, sidecar, span_of
from annotations import store
from annotations.session import CallAnnotations

GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"


def test_saved_file_has_the_documented_shape(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    start, end = span_of(call.text, GUIDE)
    a = s.add(start, end, ["guidance"], note="Q1 revenue guide", fields={"metric": "revenue", "value": 220})
    assert s.save().state == "saved"
    text = sidecar(path).read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert list(doc) == ["version", "transcript", "sha256", "annotations"]
    assert doc["version"] == 1 and doc["transcript"] == path.name and doc["sha256"] == call.sha256
    item = doc["annotations"][0]
    assert list(item)[:5] == ["id", "tags", "start", "end", "quote"]
    assert item["id"] == a.id and len(a.id) >= 6
    assert call.text[item["start"] : item["end"]] == item["quote"] == GUIDE
    assert item["speaker"] == "Dana Evan"
    assert call.text[: item["start"]].endswith(item["prefix"]) and call.text[item["end"] :].startswith(item["suffix"])
    assert "tags: [guidance]" in text  # flow style lists, as in DESIGN.md
    assert "fields: {metric: revenue, value: 220}" in text
    assert "created: 20" in text and "created: '" not in text  # a timestamp, unquoted


def test_annotations_written_in_text_order_and_one_more_is_a_small_diff(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    later = span_of(call.text, GUIDE)
    earlier = span_of(call.text, "Dana will wrap up with guidance for Q1.")
    s.add(*later, ["guidance"])
    s.add(*earlier, ["guidance"])
    s.save()
    before = sidecar(path).read_text().splitlines()
    starts = [a["start"] for a in yaml.safe_load("\n".join(before))["annotations"]]
    assert starts == sorted(starts)
    s.add(*span_of(call.text, "up 16% sequentially"), ["metric"])
    s.save()
    after = sidecar(path).read_text().splitlines()
    # Only lines were added: the old ones keep their order.
    import difflib

    diff = [d for d in difflib.ndiff(before, after) if d[:1] in "+-"]
    assert all(d.startswith("+") for d in diff)
    assert 5 <= len(diff) <= 12


def test_saving_twice_gives_identical_bytes(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(*span_of(call.text, GUIDE), ["guidance"], note="line one\nline: two")
    s.save()
    first = sidecar(path).read_bytes()
    again = CallAnnotations(call)
    again.add(*span_of(call.text, "up 16% sequentially"), ["metric"])
    again.undo()
    again.save()
    assert sidecar(path).read_bytes() == first


def test_keys_a_user_added_by_hand_are_kept(tmp_path):
    path, call = sample_call(tmp_path)
    start, end = span_of(call.text, GUIDE)
    sidecar(path).write_text(
        "version: 1\n"
        f"transcript: {path.name}\n"
        f"sha256: {call.sha256}\n"
        "reviewed_by: kim   # a team convention\n"
        "call:\n  company: Acme\n"
        "annotations:\n"
        f"- id: abc123\n  tags: [guidance]\n  start: {start}\n  end: {end}\n  quote: {GUIDE}\n"
        "  confidence: high\n  links: [http://example.com/a]\n",
        encoding="utf-8",
    )
    s = CallAnnotations(call)
    assert not s.read_only
    s.add(*span_of(call.text, "up 16% sequentially"), ["metric"])
    assert s.save().ok
    doc = yaml.safe_load(sidecar(path).read_text())
    assert doc["reviewed_by"] == "kim"
    assert doc["call"] == {"company": "Acme"}
    kept = next(a for a in doc["annotations"] if a["id"] == "abc123")
    assert kept["confidence"] == "high" and kept["links"] == ["http://example.com/a"]


def test_no_file_means_no_annotations_and_nothing_written(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    assert s.annotations == [] and not s.read_only
    assert not sidecar(path).exists()


def _problems(tmp_path, body: str):
    path, call = sample_call(tmp_path)
    sidecar(path).write_text(body, encoding="utf-8")
    loaded = store.load(sidecar(path), path.name)
    return sidecar(path), loaded


def test_wrong_types_are_reported_with_their_line(tmp_path):
    side, loaded = _problems(
        tmp_path,
        "version: 1\ntranscript: x.txt\nannotations:\n"
        "- id: aaa111\n  tags: [metric]\n  start: ten\n  end: 20\n  quote: hello\n",
    )
    assert loaded.read_only
    assert [str(p) for p in loaded.errors] == [f"{side}:6: 'start' must be a whole number >= 0, not 'ten'"]


def test_start_after_end_and_missing_quote(tmp_path):
    side, loaded = _problems(
        tmp_path,
        "version: 1\nannotations:\n"
        "- id: aaa111\n  start: 30\n  end: 20\n  quote: hello\n"
        "- id: bbb222\n  start: 1\n  end: 2\n",
    )
    messages = [str(p) for p in loaded.errors]
    assert f"{side}:4: start 30 is after end 20" in messages
    assert f"{side}:7: annotation has no 'quote'" in messages


def test_unknown_version(tmp_path):
    side, loaded = _problems(tmp_path, "version: 7\nannotations: []\n")
    assert [str(p) for p in loaded.errors] == [f"{side}:1: unknown version 7 (this Earmark reads version 1)"]


def test_malformed_yaml_names_the_line(tmp_path):
    side, loaded = _problems(tmp_path, "version: 1\nannotations:\n- id: a1b2c3\n  tags: [metric\n  start: 4\n")
    assert loaded.read_only
    assert str(loaded.errors[0]).startswith(f"{side}:5: not valid YAML")


def test_duplicate_ids_are_an_error(tmp_path):
    side, loaded = _problems(
        tmp_path,
        "version: 1\nannotations:\n"
        "- {id: aaa111, start: 1, end: 2, quote: a}\n- {id: aaa111, start: 3, end: 4, quote: b}\n",
    )
    assert [str(p) for p in loaded.errors] == [f"{side}:4: id 'aaa111' is used twice (also on line 3)"]


def test_oversized_file_is_refused_without_reading(tmp_path, monkeypatch):
    from transcripts import sidecar_read

    monkeypatch.setattr(sidecar_read, "MAX_SIDECAR_BYTES", 1000)
    side, loaded = _problems(tmp_path, "version: 1\nannotations: []\n" + "#" * 2000 + "\n")
    assert loaded.read_only
    assert "over the" in str(loaded.errors[0]) and str(loaded.errors[0]).startswith(str(side))
