"""`earmark annotations` given an annotation file rather than its transcript:
the notes stand for their call, and a file whose transcript is gone is named
as the user wrote it (not as a transcript path they never typed)."""

from __future__ import annotations

import json

from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.cli import main


def test_annotation_file_lists_its_calls_annotations(samples_copy, capsys):
    q4 = samples_copy / Q4_2003
    assert main(["tag", str(q4), "--find", "up 16% sequentially", "--tag", "metric"]) == 0
    new_id = capsys.readouterr().out.strip()
    assert main(["annotations", str(sidecar_path(q4)), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["annotations"]
    assert [(r["id"], r["call"]) for r in rows] == [(new_id, "verisign-2003-q4")]


def test_annotation_file_without_transcript_is_named_as_given(tmp_path, capsys):
    notes = tmp_path / "gone.annotations.yaml"
    notes.write_text("version: 1\nannotations: []\n")
    assert main(["annotations", str(notes)]) == 1
    err = capsys.readouterr().err
    assert f"{notes}: warning: annotation file whose transcript is missing" in err
    assert "gone.txt" not in err
