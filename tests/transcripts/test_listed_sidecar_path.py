"""``listed_sidecar_path`` answers from the folder's listing alone: wherever
it answers, it is ``sidecar_path``'s answer (the rule of one transcript,
one annotation file), whatever the folder holds: twins of one stem,
whole-name files, short files that name their owner or not, names with
more dots or none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts.sidecar import SIDECAR_SUFFIX, listed_sidecar_path, sidecar_path

STEMS = st.sampled_from(["acme", "acme.q3", "beta", "Gamma 2024", "x"])
SUFFIXES = st.sampled_from([".txt", ".md", ".pdf", ".html", ".json", ".TXT", "", ".bak"])
SIDECAR_FORMS = st.sampled_from(["none", "short", "whole", "short naming another", "short naming it"])


@st.composite
def folders(draw):
    names = draw(st.sets(st.tuples(STEMS, SUFFIXES), min_size=1, max_size=6))
    files = {f"{stem}{suffix}" for stem, suffix in names}
    sidecars = {}
    for name in sorted(files):
        form = draw(SIDECAR_FORMS)
        stem = os.path.splitext(name)[0] if "." in name[1:] else name
        if form == "whole":
            sidecars[name + SIDECAR_SUFFIX] = f"version: 1\ntranscript: {name}\n"
        elif form.startswith("short"):
            owner = name if form != "short naming another" else "other.txt"
            body = "version: 1\n" + ("" if form == "short" else f"transcript: {owner}\n")
            sidecars.setdefault(stem + SIDECAR_SUFFIX, body)
    return files, sidecars


@settings(max_examples=150, deadline=None)
@given(folders())
def test_where_the_listing_answers_it_is_the_rule(folder):
    files, sidecars = folder
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            Path(tmp, name).write_text("Operator: hello.\n", encoding="utf-8")
        for name, body in sidecars.items():
            Path(tmp, name).write_text(body, encoding="utf-8")
        old = os.stat(tmp).st_mtime_ns - 10**9  # listed once settled, as a load lists a folder
        os.utime(tmp, ns=(old, old))
        for name in sorted(files):
            transcript = os.path.join(tmp, name)
            quick = listed_sidecar_path(transcript)
            if quick is not None:
                assert Path(quick) == sidecar_path(transcript), (name, sorted(files), sidecars)


def test_a_plain_folder_is_answered_from_its_listing(tmp_path):
    for i in range(5):
        (tmp_path / f"call-{i}.txt").write_text("Operator: hi.\n", encoding="utf-8")
    (tmp_path / f"call-1{SIDECAR_SUFFIX}").write_text("version: 1\n", encoding="utf-8")
    old = os.stat(tmp_path).st_mtime_ns - 10**9
    os.utime(tmp_path, ns=(old, old))
    assert listed_sidecar_path(str(tmp_path / "call-1.txt")) == str(tmp_path / f"call-1{SIDECAR_SUFFIX}")
    assert listed_sidecar_path(str(tmp_path / "call-2.txt")) == str(tmp_path / f"call-2{SIDECAR_SUFFIX}")
