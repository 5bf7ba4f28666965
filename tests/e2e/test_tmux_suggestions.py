"""Accepting a suggestion in a real terminal (tmux): `.` goes to the first
suggestion, `A` accepts it; the YAML beside the transcript holds it with its
fields, its quote exactly the text at its offsets."""

from __future__ import annotations

import pytest
import yaml

from annotations.suggest import suggest_call
from tests.conftest import Q4_2003
from transcripts import parse_file
from transcripts.sidecar import sidecar_path

pytestmark = pytest.mark.e2e


def test_accept_the_first_suggestion_then_quit(tmux, samples_copy, earmark_home):
    transcript = samples_copy / Q4_2003
    call = parse_file(transcript)
    first = min(suggest_call(call), key=lambda s: s.start)
    # wide enough that the status bar keeps "sentence N/" beside the
    # suggestion's description (a long one shortens the position to its turn)
    tmux.start(earmark_home, str(transcript), width=220, height=40)
    tmux.wait_for(call.label)
    tmux.wait_for("sentence 1/")
    tmux.keys(".")
    tmux.wait_for(f"sentence {call.sentence_at(first.start) + 1}/")
    tmux.keys("A")
    tmux.wait_for("saved")
    tmux.keys("q")
    tmux.wait_dead()

    (item,) = yaml.safe_load(sidecar_path(transcript).read_text(encoding="utf-8"))["annotations"]
    assert (item["start"], item["end"]) == (first.start, first.end)
    assert item["tags"] == first.tags and item["fields"] == first.fields
    assert call.text[item["start"] : item["end"]] == item["quote"]
