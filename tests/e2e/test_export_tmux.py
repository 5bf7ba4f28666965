"""The installed ``earmark`` in a real terminal (tmux): ``e`` opens the export
dialog, ``ctrl+s`` writes the summary beside the call, the screen says where,
and the file on disk is the Markdown summary of that call."""

from __future__ import annotations

import pytest

from tests.annotations.export_fixture import build_fixture
from transcripts import load_corpus

pytestmark = pytest.mark.e2e


def test_export_from_the_keyboard(tmux, tmp_path, earmark_home):
    calls = build_fixture(tmp_path)
    before = {p.name: p.read_bytes() for p in calls.glob("*.annotations.yaml")}
    tmux.start(earmark_home, str(calls), width=150, height=45)
    tmux.wait_for("sentence 1/")
    tmux.wait_for("Q1 2003")  # both calls are listed (the status bar may be cut short)
    tmux.keys("e")
    screen = tmux.wait_for("Export highlights")
    tmux.wait_for("highlights from 1 call(s)")  # the preview is in
    tmux.keys("C-s")
    screen = tmux.wait_for("written to")
    written = sorted(calls.glob("*.highlights.md"))
    assert len(written) == 1
    assert written[0].name.split(".")[0] in screen.replace("\n", "")
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# VeriSign — Q")
    tmux.keys("q")
    assert {p.name: p.read_bytes() for p in calls.glob("*.annotations.yaml")} == before
    assert len(load_corpus([calls]).calls) == 2  # the summary is not read as a call
