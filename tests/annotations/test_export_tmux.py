"""The installed ``earmark`` in a real terminal (tmux): ``e`` opens the export
dialog, ``ctrl+s`` writes the summary beside the call, the screen says where,
and the file on disk is the Markdown summary of that call."""

from __future__ import annotations

import pytest

from export_fixture import build_fixture
from tests.e2e.test_tmux_reader import _keys, _wait_for, tmux_session  # noqa: F401
from tests.e2e.test_tmux_search import start_app
from transcripts import load_corpus

pytestmark = pytest.mark.e2e


def test_export_from_the_keyboard(tmux_session, tmp_path, earmark_home):  # noqa: F811
    calls = build_fixture(tmp_path)
    before = {p.name: p.read_bytes() for p in calls.glob("*.annotations.yaml")}
    start_app(tmux_session, earmark_home, 150, 45, str(calls))
    _wait_for(tmux_session, "sentence 1/")
    _wait_for(tmux_session, "Q1 2003")  # both calls are listed (the status bar may be cut short)
    _keys(tmux_session, "e")
    screen = _wait_for(tmux_session, "Export highlights")
    _wait_for(tmux_session, "highlights from 1 call(s)")  # the preview is in
    _keys(tmux_session, "C-s")
    screen = _wait_for(tmux_session, "written to")
    written = sorted(calls.glob("*.highlights.md"))
    assert len(written) == 1
    assert written[0].name.split(".")[0] in screen.replace("\n", "")
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# VeriSign — Q")
    _keys(tmux_session, "q")
    assert {p.name: p.read_bytes() for p in calls.glob("*.annotations.yaml")} == before
    assert len(load_corpus([calls]).calls) == 2  # the summary is not read as a call
