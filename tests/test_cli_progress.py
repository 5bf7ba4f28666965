"""A first run on the command line says how far it is (issue 14: "a
progress bar, CLI and app"): ``earmark search`` over calls it has never
seen draws a bar while it reads them and another while it indexes them,
on a terminal only, and each bar gives way to the command's own output."""

from __future__ import annotations

import io
import re

from benchmarks import scale_corpus
from tui import cli
from tui.commands import progress_bar

CALLS = 12
BAR = re.compile(r"(reading|indexing) calls \[[#.]{%d}\] (\d+)/(\d+)" % progress_bar.WIDTH)


class Terminal(io.StringIO):
    """stderr as a terminal shows it: what was written, bars included."""

    def isatty(self) -> bool:
        return True


def _first_search(tmp_path, monkeypatch, stderr: io.StringIO) -> int:
    monkeypatch.setenv("EARMARK_BENCH_DIR", str(tmp_path / "bench"))
    monkeypatch.setenv("EARMARK_HOME", str(tmp_path / "home"))  # nothing read or indexed before
    folder = scale_corpus.ensure_corpus(CALLS, words=1500, progress=None)
    monkeypatch.setattr(progress_bar, "SHOW_AFTER_SECONDS", 0.0)  # a first run of a dozen calls is quick
    monkeypatch.setattr(progress_bar, "REDRAW_SECONDS", 0.0)
    monkeypatch.setattr("sys.stderr", stderr)
    return cli.main(["search", "revenue", str(folder)])


def test_a_first_search_shows_the_reading_and_the_indexing_on_a_terminal(tmp_path, monkeypatch, capsys):
    stderr = Terminal()
    assert _first_search(tmp_path, monkeypatch, stderr) == 0
    text = stderr.getvalue()
    bars = BAR.findall(text)
    reading = [(int(done), int(total)) for kind, done, total in bars if kind == "reading"]
    indexing = [(int(done), int(total)) for kind, done, total in bars if kind == "indexing"]
    assert reading and indexing, text[-500:]
    assert all(total == CALLS for _, total in reading)  # out of every call found
    assert reading == sorted(reading) and indexing == sorted(indexing)  # it only moves forward
    assert text.index("reading calls") < text.index("indexing calls")
    assert text.endswith("\r\x1b[2K")  # the last bar is wiped before the hits are printed
    assert "revenue" in capsys.readouterr().out.lower()


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    stderr = io.StringIO()  # a pipe or a log file
    assert _first_search(tmp_path, monkeypatch, stderr) == 0
    assert "calls [" not in stderr.getvalue() and "\x1b" not in stderr.getvalue()
