"""Issue 13 items 7 and 19: big annotation files.

- A file Earmark wrote with 20,000 annotations (quotes holding ``[Gateoff]``
  and a comment by hand, so the full PyYAML path reads it) used to be
  refused as a "billion laughs": nodes were counted, not alias expansions.
- A file over the 20 MB limit was read in full by ``calls`` just to count
  its annotations (100 MB read, 229 MB of memory). Every read path now stops
  at the limit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc

import pytest
from yaml_fault_kit import Q1_2003, Q4_2003, REPO, earmark, sample_call, sample_folder, sidecar

from annotations import codec, store
from annotations.ids import new_id
from annotations.model import Annotation, AnnotationFile
from annotations.tags import tags_in_use
from transcripts.call_overrides import read_sidecar_info
from transcripts.sidecar import MAX_SIDECAR_BYTES


def test_a_file_earmark_wrote_with_20000_annotations_and_a_comment_loads(tmp_path):
    path, call = sample_call(tmp_path)
    words = [m.span() for m in re.finditer(r"\S+", call.text)]
    bracket = call.text.index("[Gateoff]")
    af = AnnotationFile(path=sidecar(path), transcript=path.name, sha256=call.sha256)
    taken: set[str] = set()
    for k in range(20_000):
        start, end = (bracket, bracket + 9) if k % 50 == 0 else words[k % len(words)]
        aid = new_id(taken)
        taken.add(aid)
        af.annotations.append(Annotation(aid, start, end, call.text[start:end], ["metric"], note=f"n{k}"))
    text = codec.to_text(af)
    assert "'[Gateoff]'" in text
    sidecar(path).write_text("# reviewed by hand\n" + text, encoding="utf-8")
    loaded = store.load(sidecar(path), path.name)
    assert loaded.errors == [] and len(loaded.file.annotations) == 20_000
    assert loaded.file.comments  # the full path was taken, and kept the comment


def test_aliases_that_expand_past_the_limit_are_still_refused(tmp_path):
    path, _ = sample_call(tmp_path)
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefg"):
        prev = "abcdefg"[i]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    sidecar(path).write_text("version: 1\n" + "\n".join(bomb) + "\nannotations: []\n")
    (error,) = store.load(sidecar(path), path.name).errors
    assert "aliases expand to more than 200,000 values" in str(error) and str(error).startswith(f"{sidecar(path)}:")


@pytest.fixture
def oversized(tmp_path):
    """A call whose annotation file is 25 MB (sparse: no disk is used)."""
    folder = sample_folder(tmp_path, (Q4_2003, Q1_2003))
    side = sidecar(folder / Q4_2003)
    with open(side, "wb") as f:
        f.write(b"version: 1\nannotations:\n")
        f.truncate(25 * 1024 * 1024)
    return folder, side


def test_counting_annotations_does_not_read_an_oversized_file(oversized):
    folder, side = oversized
    tracemalloc.start()
    try:
        info = read_sidecar_info(folder / Q4_2003)
        count = info.annotation_count
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 0 and peak < MAX_SIDECAR_BYTES // 4
    assert any("over 20 MB; not read" in str(p) for p in info.problems)


def test_every_reader_refuses_an_oversized_file_without_reading_it(oversized):
    folder, side = oversized
    tracemalloc.start()
    try:
        loaded = store.load(side, Q4_2003)
        tags = tags_in_use([folder / Q4_2003])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_SIDECAR_BYTES // 4
    assert loaded.read_only and "over the 20 MB limit; not read" in loaded.reason
    assert tags == ["metric", "guidance"]
    done = earmark("calls", folder, "--json")
    assert done.returncode in (0, 1) and "internal error" not in done.stderr
    check = earmark("check", folder)
    assert f"{side}: file is 26.2 MB, over the 20 MB limit; not read" in check.stdout


def test_a_fifo_where_an_annotation_file_should_be_does_not_hang(tmp_path):
    path, _ = sample_call(tmp_path)
    os.mkfifo(sidecar(path))
    probe = (
        "import sys; from pathlib import Path; from annotations import store; "
        "from transcripts.call_overrides import read_sidecar_info; "
        "print(store.load(Path(sys.argv[1]), 'x.txt').errors[0]); "
        "print(read_sidecar_info(Path(sys.argv[2])).problems[0])"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(sidecar(path)), str(path)],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:  # one line each, naming the file and saying it was not read
        assert line.startswith(f"{sidecar(path)}: ") and line.endswith("not read") and "pipe" in line
