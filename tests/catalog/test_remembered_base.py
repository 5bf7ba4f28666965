"""After a file changed, a load of the same folders builds on the corpus it
remembered: the files that did not change take their entries from there,
only the changed ones are read from the catalog or parsed, and the corpus
says exactly what a load from nothing says, whatever changed (an edit, a
file added or removed, an annotation file's correction or its warning, a
call that named another's ticker)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalog.catalog_kit import write_calls
from tests.catalog.test_remembered import OLD, age, described
from transcripts import load_corpus
from transcripts.catalog.store import Catalog

NAMED = ("DRI_q4_2021.txt", "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.")
SILENT = ("DRI_q3_2021.txt", "Welcome to the third quarter 2021 call.")


def ticker_call(folder: Path, name: str, opening: str, word: str = "demand") -> Path:
    path = folder / name
    path.write_text(f"Operator\n{opening}\nJane Roe - Chief Financial Officer\nThank you. Our {word} grew.\n"
                    "Operator\nWe will now begin the question-and-answer session. Our first question comes "
                    "from Sam Lee with UBS.\nSam Lee - Analyst\nHow is demand?\n"
                    "Jane Roe - Chief Financial Officer\nStrong.\n", encoding="utf-8")
    return path


def rows_asked(monkeypatch) -> list:
    """The paths each load asked the catalog's rows of (None: all of them)."""
    asked: list = []
    real = Catalog.rows
    monkeypatch.setattr(Catalog, "rows", lambda self, paths=None: asked.append(
        None if paths is None else sorted(Path(p).name for p in paths)) or real(self, paths))
    return asked


def from_nothing(folder: Path, home: Path) -> list[dict]:
    """What a load with an empty cache says of the folder."""
    shutil.rmtree(home, ignore_errors=True)
    previous = os.environ["EARMARK_HOME"]
    os.environ["EARMARK_HOME"] = str(home)
    try:
        return summary(load_corpus([folder]))
    finally:
        os.environ["EARMARK_HOME"] = previous


def summary(corpus) -> list[dict]:
    return [{**d, "sha256": e.sha256, "ticker": e.ticker} for d, e in zip(described(corpus), corpus.entries)]


def test_one_edited_file_is_the_only_row_read_and_the_corpus_is_the_same(tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    paths = write_calls(folder, 9)
    age(*paths)
    load_corpus([folder])
    edited = paths[4]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Operator", "Moderator", 1), encoding="utf-8")
    os.utime(edited, (OLD + 10, OLD + 10))
    asked = rows_asked(monkeypatch)
    corpus = load_corpus([folder])
    assert asked == [[edited.name]]
    assert "Moderator" in corpus.full(corpus.entry_by_path(str(edited))).text
    assert summary(corpus) == from_nothing(folder, tmp_path / "fresh-home")


def test_removing_the_call_that_named_a_ticker_gives_the_ticker_back(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    named, silent = ticker_call(folder, *NAMED), ticker_call(folder, *SILENT)
    age(named, silent)
    assert {e.company for e in load_corpus([folder]).entries} == {"Darden Restaurants"}
    named.unlink()
    (entry,) = load_corpus([folder]).entries
    assert (entry.company, entry.id) == ("DRI", "dri-2021-q3")


def test_a_correction_taken_back_from_an_annotation_file_is_undone(tmp_path):
    folder = tmp_path / "calls"
    paths = write_calls(folder, 3)
    sidecar = paths[0].with_name(paths[0].stem + ".annotations.yaml")
    sidecar.write_text(f"version: 1\ntranscript: {paths[0].name}\ncall:\n  company: Renamed Co\n"
                       "annotations: []\n", encoding="utf-8")
    age(*paths, sidecar)
    assert "Renamed Co" in {e.company for e in load_corpus([folder]).entries}
    sidecar.write_text(f"version: 1\ntranscript: {paths[0].name}\nannotations: []\n", encoding="utf-8")
    os.utime(sidecar, (OLD + 10, OLD + 10))
    again = load_corpus([folder])
    assert "Renamed Co" not in {e.company for e in again.entries}
    assert summary(again) == from_nothing(folder, tmp_path / "fresh-home")


CHANGES = st.lists(st.sampled_from(["edit", "add", "remove", "correct", "uncorrect", "odd", "name ticker",
                                    "silence ticker", "same", "twin", "whole name", "drop annotations"]),
                   min_size=1, max_size=4)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rounds=st.lists(st.tuples(CHANGES, st.integers(0, 5)), min_size=1, max_size=3))
def test_whatever_changed_the_corpus_is_what_a_load_from_nothing_says(rounds):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folder = tmp_path / "calls"
        write_calls(folder, 6)
        ticker_call(folder, *SILENT)
        for p in folder.iterdir():
            age(p)
        load_corpus([folder])
        clock = OLD
        for changes, pick in rounds:
            clock += 100
            for change in changes:
                _change(folder, change, pick, clock)
            got = summary(load_corpus([folder]))
            assert got == from_nothing(folder, tmp_path / "fresh-home")


def _change(folder: Path, change: str, pick: int, clock: int) -> None:
    calls = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    target = calls[pick % len(calls)] if calls else None
    touched: list[Path] = []
    if change == "edit" and target is not None:
        target.write_text(target.read_text(encoding="utf-8") + f"\nOperator\nThank you {clock}.\n", encoding="utf-8")
        touched.append(target)
    elif change == "add":
        touched.append(ticker_call(folder, f"DRI_q{1 + pick % 2}_2020.txt", SILENT[1], word=str(clock)))
    elif change == "remove" and target is not None:
        target.unlink()
    elif change in ("correct", "uncorrect", "odd") and target is not None:
        sidecar = target.with_name(target.stem + ".annotations.yaml")
        fix = {"correct": f"call:\n  company: Fixed {clock}\n  quarter: {1 + pick % 4}\n",
               "odd": "call: not a mapping\n"}.get(change, "")  # "odd": a warning on the call
        sidecar.write_text(f"version: 1\ntranscript: {target.name}\n{fix}annotations: []\n", encoding="utf-8")
        touched.append(sidecar)
    elif change == "twin" and target is not None:  # a twin of the same stem: whose annotation file is it?
        twin = target.with_suffix(".md")
        twin.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
        touched.append(twin)
    elif change == "whole name" and target is not None:  # the whole name's file beats the short one
        sidecar = target.with_name(target.name + ".annotations.yaml")
        sidecar.write_text(f"version: 1\ntranscript: {target.name}\ncall:\n  company: Whole {clock}\n"
                           "annotations: []\n", encoding="utf-8")
        touched.append(sidecar)
    elif change == "drop annotations":
        for sidecar in sorted(folder.glob("*.annotations.yaml"))[:1]:
            sidecar.unlink()
    elif change == "name ticker":
        touched.append(ticker_call(folder, *NAMED))
    elif change == "silence ticker" and (folder / NAMED[0]).exists():
        (folder / NAMED[0]).unlink()
    for p in touched:
        os.utime(p, (clock, clock))


def test_after_one_edit_only_its_chunk_of_speakers_is_read_and_written_again(tmp_path, monkeypatch):
    from transcripts.catalog import remembered, remembered_rows

    folder = tmp_path / "calls"
    paths = write_calls(folder, 70)  # more calls than chunks: some chunk holds two
    age(*paths)
    load_corpus([folder])
    load_corpus([folder])  # remembered, then recalled: nothing to write
    written: list[dict] = []
    real = remembered_rows.write
    monkeypatch.setattr(remembered_rows, "write", lambda catalog, key, digest, made, value, chunks, gone, keep:
                        written.append(chunks) or real(catalog, key, digest, made, value, chunks, gone, keep))
    read: list[int] = []
    real_read = remembered_rows.read_chunk
    monkeypatch.setattr(remembered_rows, "read_chunk", lambda catalog, key, chunk:
                        read.append(chunk) or real_read(catalog, key, chunk))
    chunks = [remembered.chunk_of(str(p)) for p in paths]
    edited = next(p for p, c in zip(paths, chunks) if chunks.count(c) > 1)  # its chunk-mates' speakers are kept
    edited.write_text(edited.read_text(encoding="utf-8").replace("Operator", "Moderator", 1), encoding="utf-8")
    os.utime(edited, (OLD + 10, OLD + 10))
    load_corpus([folder])
    assert [list(c) for c in written] == [[remembered.chunk_of(str(edited))]]
    assert read == [remembered.chunk_of(str(edited))]  # the other calls of that chunk: the rest is never read
    reads = rows_asked(monkeypatch)
    again = load_corpus([folder])  # recalled: every call's speakers read back from the chunks
    assert reads == []
    assert summary(again) == from_nothing(folder, tmp_path / "fresh-home")
    assert all(e.speakers for e in again.entries)


def test_after_one_edit_no_other_calls_annotation_file_is_looked_for_again(tmp_path, monkeypatch):
    from transcripts.catalog.sidecar_memo import SidecarMemo

    folder = tmp_path / "calls"
    paths = write_calls(folder, 9)
    sidecars = []
    for p in paths[:3]:
        sidecar = p.with_name(p.stem + ".annotations.yaml")
        sidecar.write_text(f"version: 1\ntranscript: {p.name}\ncall:\n  company: Fixed {p.stem}\n"
                           "annotations: []\n", encoding="utf-8")
        sidecars.append(sidecar)
    age(*paths, *sidecars)
    load_corpus([folder])
    asked: list[str] = []
    real = SidecarMemo.__call__
    monkeypatch.setattr(SidecarMemo, "__call__", lambda self, t: asked.append(Path(t).name) or real(self, t))

    edited = paths[6]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Operator", "Moderator", 1), encoding="utf-8")
    os.utime(edited, (OLD + 10, OLD + 10))
    corpus = load_corpus([folder])
    assert asked == [edited.name]
    assert summary(corpus) == from_nothing(folder, tmp_path / "fresh-home")

    asked.clear()
    sidecars[1].write_text(f"version: 1\ntranscript: {paths[1].name}\ncall:\n  company: Again\n"
                           "annotations: []\n", encoding="utf-8")
    os.utime(sidecars[1], (OLD + 20, OLD + 20))
    corpus = load_corpus([folder])
    assert asked == [paths[1].name]  # its transcript is unchanged, its annotation file is not
    assert "Again" in {e.company for e in corpus.entries}
    assert summary(corpus) == from_nothing(folder, tmp_path / "fresh-home")
