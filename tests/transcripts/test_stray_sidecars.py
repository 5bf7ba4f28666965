"""Annotation files no loaded transcript owns are found by asking only the
transcripts that could own each one, with the same answer as asking every
transcript where its annotation file is."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from transcripts.catalog.entry import CallEntry
from transcripts.corpus import Corpus
from transcripts.path_keys import resolved
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path

STEMS = ["acme", "acme.q3", "beacon"]
SUFFIXES = [".txt", ".md", ".pdf"]
NAMES = [s + x for s in STEMS for x in SUFFIXES]


def brute_force(corpus: Corpus) -> set[str]:
    claimed = {resolved(sidecar_path(c.path)) for c in corpus.entries}
    return {resolved(p) for p in corpus.sidecar_files if resolved(p) not in claimed}


@settings(max_examples=150, deadline=None)
@given(
    transcripts=st.sets(st.sampled_from(NAMES), max_size=6),
    loaded=st.sets(st.sampled_from(NAMES), max_size=6),
    sidecars=st.sets(st.tuples(st.sampled_from(STEMS + NAMES), st.sampled_from([None, *NAMES])), max_size=5),
)
def test_strays_are_what_no_loaded_transcript_claims(transcripts, loaded, sidecars):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in transcripts:
            (folder / name).write_text("Operator: Welcome.\n", encoding="utf-8")
        files = []
        for base, owner in sidecars:
            side = folder / f"{base}{SIDECAR_SUFFIX}"
            side.write_text("version: 1\n" + (f"transcript: {owner}\n" if owner else "") + "annotations: []\n",
                            encoding="utf-8")
            files.append(side)
        entries = [CallEntry(id=f"c{i}", path=str(folder / n), sha256="0") for i, n in enumerate(sorted(loaded & transcripts))]
        corpus = Corpus(entries=entries, sidecar_files=files)
        assert {resolved(p) for p in corpus.stray_sidecars} == brute_force(corpus)


def test_an_annotation_file_whose_transcript_was_renamed_is_a_stray(tmp_path):
    (tmp_path / "acme-q3.txt").write_text("Operator: Welcome.\n", encoding="utf-8")
    kept = tmp_path / f"acme-q3{SIDECAR_SUFFIX}"
    gone = tmp_path / f"acme-q2{SIDECAR_SUFFIX}"
    for side in (kept, gone):
        side.write_text("version: 1\nannotations: []\n", encoding="utf-8")
    corpus = Corpus(entries=[CallEntry(id="a", path=str(tmp_path / "acme-q3.txt"), sha256="0")],
                    sidecar_files=[kept, gone])
    assert corpus.stray_sidecars == [gone]


def test_a_corpus_describes_itself_in_one_short_line(tmp_path):
    """A corpus is handed to workers, which describe themselves by the repr
    of their arguments: 30,000 entries must not be written out each time."""
    entries = [CallEntry(id=f"c{i}", path=str(tmp_path / f"c{i}.txt"), sha256="0") for i in range(30_000)]
    corpus = Corpus(entries=entries, sidecar_files=[tmp_path / "a.txt.earmark.yaml"])
    text = repr(corpus)
    assert "\n" not in text and len(text) < 120
    assert "30,000 calls" in text and "1 annotation files" in text
