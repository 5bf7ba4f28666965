"""A first run killed with SIGKILL (a real process, kill -9) leaves a sound
catalog, and the next run parses only the files it had not committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.catalog.catalog_kit import catalog_is_sound, catalog_rows, count_parses, write_calls
from tests.conftest import REPO
from transcripts import load_corpus

CALLS = 90
STOP_AT = 60

CHILD = """
import sys, time
from pathlib import Path
from transcripts import load_corpus

marker = Path(sys.argv[2])

def progress(done, total):
    if done >= {stop_at} and not marker.exists():
        marker.write_text(str(done))
        time.sleep(120)   # killed here, in the middle of the run

if __name__ == "__main__":
    load_corpus([sys.argv[1]], progress=progress, workers=int(sys.argv[3]))
"""


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "worker processes"])
def test_a_killed_first_run_resumes_where_it_stopped(tmp_path, monkeypatch, workers):
    folder = tmp_path / "calls"
    write_calls(folder, CALLS)
    for p in folder.iterdir():
        os.utime(p, (1_600_000_000, 1_600_000_000))
    script = tmp_path / "first_run.py"
    script.write_text(CHILD.format(stop_at=STOP_AT))
    marker = tmp_path / "stopped"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, str(script), str(folder), str(marker), str(workers)], env=env,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the first run ended before it could be killed"
            assert time.monotonic() < deadline, "the first run never got far enough"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)  # the run and its worker processes, as a terminal's kill would
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL

    assert catalog_is_sound()
    committed = catalog_rows()
    assert 0 < committed < CALLS  # some work was kept, and the kill did stop it
    parsed = count_parses(monkeypatch)
    corpus = load_corpus([folder], workers=1)
    assert len(parsed) == CALLS - committed  # only what was missing
    assert len(corpus.entries) == CALLS and corpus.errors == [] and corpus.notes == []
    assert catalog_rows() == CALLS
    assert all(e.turn_count and e.speakers for e in corpus.entries)
