"""Killing a process that saves annotations, at random moments: the file on
disk is always a whole, valid annotation file (the old one or a new one)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from annotation_helpers import REPO, sample_call, sidecar
from annotations import store

SAVER = """
import sys
from transcripts.corpus import parse_file
from annotations.session import CallAnnotations
call = parse_file(sys.argv[1])
s = CallAnnotations(call)
starts, ends = call.sentence_starts, call.sentence_ends
print("ready", flush=True)
i = 0
while True:
    n = i % call.sentence_count
    s.add(starts[n], ends[n], ["metric"], note="note " * (i % 50))
    s.save()
    i += 1
"""


def test_killing_a_saving_process_never_leaves_a_broken_file(tmp_path):
    path, call = sample_call(tmp_path)
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, env=env, cwd=REPO,
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not sidecar(path).exists():
            continue
        loaded = store.load(sidecar(path), path.name)
        assert loaded.problems == [], loaded.problems
        for a in loaded.file.annotations:
            assert call.text[a.start : a.end] == a.quote
