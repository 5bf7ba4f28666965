"""Which names a folder walk takes as transcripts, and that the walk spells
what it finds as ``Path`` does (the catalog and a remembered corpus key on
that spelling)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings, strategies as st

from transcripts.discovery import EXPORT_STEM, SUFFIXES, find_transcripts, is_transcript_name, transcript_paths

PIECES = st.sampled_from(["a", ".", "txt", "TXT", "pdf", "annotations", "yaml", "highlights", "md", "", "x y",
                          "json", "HTML", "vtt", "é"])


@settings(max_examples=2000)
@given(st.lists(PIECES, max_size=6).map("".join))
def test_a_name_is_a_transcript_when_visible_of_a_known_suffix_and_not_ours(name):
    stem, suffix = os.path.splitext(name)
    expected = (not name.startswith(".") and suffix.lower() in {s.lower() for s in SUFFIXES}
                and not name.endswith(".annotations.yaml") and not stem.lower().endswith(EXPORT_STEM))
    assert is_transcript_name(name) == expected


def test_the_walk_spells_files_as_path_does(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.txt", "a.annotations.yaml", ".hidden.txt", "notes.highlights.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in (".", "./", str(tmp_path), str(tmp_path) + "//"):
        sidecars: list[Path] = []
        stats: dict = {}
        found = list(transcript_paths([given], [], sidecars, stats=stats))
        assert found == [str(p) for p in find_transcripts([given], [])]
        assert [Path(p).name for p in found] == ["b.txt", "a.txt"]
        assert all(str(Path(p)) == p for p in found)
        assert set(stats) == {*found, *map(str, sidecars)} and [p.name for p in sidecars] == ["a.annotations.yaml"]
