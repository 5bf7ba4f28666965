"""Issue 13 item 15 and issue 12 item 14: writers of one annotation file
queue on its lock instead of giving up, and nothing any of them wrote is
lost.

Attacks: 8 parallel `earmark tag` processes on one file, 5 rounds (40
runs); two long-lived sessions and a script editing one file at once; a
writer that waits for a lock held by another process; a lock file left
by a killed writer; a writer that does not lock (a hand edit) meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from annotations import file_lock
from annotations.session import CallAnnotations, existing_recoveries
from fs_fault_helpers import GROWTH, GUIDE, REPO, on_disk, sample, sentences
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path

def env() -> dict[str, str]:
    """Read at each start, not at import: the test's EARMARK_HOME is set
    after the module is imported."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def earmark(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *args], cwd=REPO, env=env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_eight_parallel_tag_processes_all_succeed_and_all_are_kept(tmp_path):
    t = sample(tmp_path, "call.txt")
    texts = sentences(t, 40)
    for round_ in range(5):
        batch = texts[round_ * 8 : round_ * 8 + 8]
        procs = [earmark("tag", str(t), "--find", text, "--tag", "metric") for text in batch]
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            assert "kept changing" not in err
    assert sorted(on_disk(t)) == sorted(texts)
    assert existing_recoveries(t) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith((".lock", ".tmp"))] == []


SESSION = """
import sys, time
from transcripts.corpus import parse_file
from annotations.session import CallAnnotations
call = parse_file(sys.argv[1])
s = CallAnnotations(call)          # opened once, like the app
for text in sys.argv[2:]:
    i = call.text.index(text)
    s.add(i, i + len(text), ["guidance"])
    r = s.save()
    assert r.ok, r.message
    time.sleep(0.01)
"""

SCRIPT = """
import subprocess, sys
for text in sys.argv[2:]:
    subprocess.run([sys.executable, "-m", "tui", "tag", sys.argv[1], "--find", text, "--tag", "metric"], check=True,
                   stdout=subprocess.DEVNULL)
"""


def test_two_sessions_and_a_script_on_one_file_lose_nothing(tmp_path):
    t = sample(tmp_path, "call.txt")
    texts = sentences(t, 24)
    first, second, third = texts[:10], texts[10:20], texts[20:]
    procs = [
        subprocess.Popen([sys.executable, "-c", SESSION, str(t), *first], cwd=REPO, env=env(), stderr=subprocess.PIPE, text=True),
        subprocess.Popen([sys.executable, "-c", SESSION, str(t), *second], cwd=REPO, env=env(), stderr=subprocess.PIPE, text=True),
        subprocess.Popen([sys.executable, "-c", SCRIPT, str(t), *third], cwd=REPO, env=env(), stderr=subprocess.PIPE, text=True),
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    assert sorted(on_disk(t)) == sorted(texts)
    assert existing_recoveries(t) == []


HOLDER = """
import sys, time
from pathlib import Path
from annotations import file_lock
with file_lock.locked(Path(sys.argv[1]), timeout=5) as held:
    print("held" if held else "free", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_save_waits_for_a_lock_another_process_holds(tmp_path):
    t = sample(tmp_path, "call.txt")
    s = CallAnnotations(parse_file(t))
    i = s.call.text.index(GUIDE)
    s.add(i, i + len(GUIDE), ["guidance"])
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sidecar_path(t)), "1.0"], cwd=REPO, env=env(),
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    began = time.monotonic()
    assert s.save(lock_timeout=30).ok
    waited = time.monotonic() - began
    holder.wait(timeout=30)
    assert waited > 0.5  # it queued behind the holder instead of writing beside it
    assert on_disk(t) == [GUIDE]


def test_a_lock_file_left_by_a_killed_writer_does_not_block(tmp_path):
    t = sample(tmp_path, "call.txt")
    lock = file_lock.lock_path_for(sidecar_path(t))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sidecar_path(t)), "60"], cwd=REPO, env=env(),
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(timeout=30)
    assert lock.exists()  # left behind by kill -9
    s = CallAnnotations(parse_file(t))
    i = s.call.text.index(GUIDE)
    s.add(i, i + len(GUIDE), ["guidance"])
    began = time.monotonic()
    assert s.save(lock_timeout=30).ok
    assert time.monotonic() - began < 10
    assert not lock.exists()


def test_a_writer_that_does_not_lock_is_still_merged(tmp_path):
    t = sample(tmp_path, "call.txt")
    a = CallAnnotations(parse_file(t))
    i = a.call.text.index(GUIDE)
    a.add(i, i + len(GUIDE), ["guidance"])
    assert a.save().ok
    b = CallAnnotations(parse_file(t))
    j = b.call.text.index(GROWTH)
    b.add(j, j + len(GROWTH), ["metric"])
    side = sidecar_path(t)
    side.write_text(side.read_text() + "# a hand edit, no lock taken\n")
    assert b.save().ok
    assert sorted(on_disk(t)) == sorted([GUIDE, GROWTH])
    assert "a hand edit" in side.read_text()
