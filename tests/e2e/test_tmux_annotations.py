"""Annotating in a real terminal (tmux): tag one sentence as metric, another
as guidance with a note, quit; the YAML beside the transcript holds both,
each quote exactly the text at its offsets."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import Q4_2003
from transcripts import parse_file
from transcripts.sidecar import sidecar_path

pytestmark = pytest.mark.e2e


def test_tag_metric_and_guidance_with_note_then_quit(tmux, samples_copy, earmark_home):
    transcript = samples_copy / Q4_2003
    call = parse_file(transcript)
    tmux.start(earmark_home, str(transcript), width=140, height=40)
    tmux.wait_for(call.label)
    tmux.wait_for("sentence 1/")
    tmux.wait_for("Annotations")

    tmux.keys("j", "1")                      # sentence 2: metric
    tmux.wait_for("[saved]", "Annotations (1)")
    tmux.keys("j", "j", "2")                 # sentence 4: guidance
    tmux.wait_for("Annotations (2)")
    tmux.keys("a")
    tmux.wait_for("ctrl+s saves")
    tmux.keys("Guide: watch Q1", literal=True)
    tmux.wait_for("Guide: watch Q1")         # typed into the form
    tmux.keys("C-s")
    # the form closed; the note is in the annotations pane
    tmux.wait_until(lambda s: "ctrl+s saves" not in s and "\u270e Guide: watch Q1" in s, "the saved note")
    tmux.keys("q")
    tmux.wait_dead()

    doc = yaml.safe_load(sidecar_path(transcript).read_text(encoding="utf-8"))
    items = doc["annotations"]
    assert [i["tags"] for i in items] == [["metric"], ["guidance"]]
    assert (items[0]["start"], items[0]["end"]) == (call.sentence_starts[1], call.sentence_ends[1])
    assert (items[1]["start"], items[1]["end"]) == (call.sentence_starts[3], call.sentence_ends[3])
    assert items[1]["note"] == "Guide: watch Q1"
    for item in items:
        assert call.text[item["start"] : item["end"]] == item["quote"]
    assert doc["sha256"] == call.sha256
