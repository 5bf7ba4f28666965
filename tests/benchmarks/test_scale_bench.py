"""The scale benchmark (issue 14) at a tiny size, end to end, so that it
cannot rot between the rare runs at 10,000 calls; and its corpus generator:
the same bytes every time, resumable, calls the parser reads as calls."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from benchmarks import scale_corpus
from benchmarks.scale_table import SPECS
from transcripts import load_corpus

REPO = Path(__file__).resolve().parents[2]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}  # the marker holds the time taken


def test_the_corpus_is_the_same_bytes_every_time_and_a_killed_run_resumes(tmp_path, monkeypatch):
    monkeypatch.setenv("EARMARK_BENCH_DIR", str(tmp_path / "a"))
    first = scale_corpus.ensure_corpus(6, words=1500, progress=None)
    monkeypatch.setenv("EARMARK_BENCH_DIR", str(tmp_path / "b"))
    second = scale_corpus.ensure_corpus(6, words=1500, progress=None)
    assert _digest(first) == _digest(second)
    # a run killed part way: files missing, no marker; the next run writes the rest
    (second / scale_corpus.COMPLETE_MARKER).unlink()
    victim = next(p for p in second.glob("*.txt"))
    victim.unlink()
    scale_corpus.ensure_corpus(6, words=1500, progress=None)
    assert _digest(first) == _digest(second)


def test_generated_calls_read_as_real_calls(tmp_path, monkeypatch):
    monkeypatch.setenv("EARMARK_BENCH_DIR", str(tmp_path))
    folder = scale_corpus.ensure_corpus(40, words=3000, progress=None)
    corpus = load_corpus([folder])
    assert len(corpus.calls) == 40 and not corpus.errors
    assert len({c.company for c in corpus.calls}) >= 2  # one company per twenty calls
    layouts = {scale_corpus.layout_of(i, 0) for i in range(40)}
    assert len(layouts) >= 4  # vendors' shapes, not one
    for call in corpus.calls:
        assert call.company and call.fiscal_year and call.quarter, call.path
        roles = Counter(t.speaker.role for t in call.turns)
        assert roles["operator"] and roles["executive"] and roles["analyst"], (call.path, roles)
        assert 2500 <= len(call.text.split()) <= 4500
    words = Counter(w.casefold().strip(".,?") for c in corpus.calls for w in c.text.split())
    top = [w for w, _ in words.most_common(3)]
    assert "the" in top  # Zipf-like: function words lead, a long tail follows
    assert len(words) > 2000
    assert any(p.name.endswith(".annotations.yaml") for p in folder.iterdir())


def test_the_scale_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path, monkeypatch):
    env = {**os.environ, "EARMARK_BENCH_DIR": str(tmp_path / "bench"), "EARMARK_BENCH_RUNS": "1",
           "EARMARK_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "benchmarks/run.py", "scale", "--scale", "0.0004"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    for spec in SPECS:  # every figure of the goal is in the scale table
        assert spec.label in done.stdout, spec.label
    assert "scale 4: query p95" in done.stdout and "load average" in done.stdout
    # the changed file was put back: the corpus is as generated
    corpus = next((tmp_path / "bench").glob("scale-*"))
    monkeypatch.setenv("EARMARK_BENCH_DIR", str(tmp_path / "again"))
    again = scale_corpus.ensure_corpus(4, progress=None)
    assert {k: v for k, v in _digest(corpus).items() if k.endswith(".txt")} == \
        {k: v for k, v in _digest(again).items() if k.endswith(".txt")}
