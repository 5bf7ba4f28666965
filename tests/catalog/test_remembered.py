"""A warm load of the same folders takes the finished corpus the catalog
remembered, and never when anything it was made from changed: a call
edited, added or removed, an annotation file's correction, a file written
too recently to trust its stamp, a damaged blob."""

from __future__ import annotations

import os
import sqlite3

import pytest

from tests.catalog.catalog_kit import write_calls
from transcripts import load_corpus
from transcripts.catalog.store import Catalog, catalog_path
from transcripts.serialize import call_json

OLD = 1_600_000_000


def age(*paths) -> None:
    for p in paths:
        os.utime(p, (OLD, OLD))


def rows_read(monkeypatch) -> list[int]:
    """How often a load read the catalog's rows (a load that recalls a
    remembered corpus reads none)."""
    reads: list[int] = []
    real = Catalog.rows
    monkeypatch.setattr(Catalog, "rows", lambda self, paths=None: reads.append(1) or real(self, paths))
    return reads


def described(corpus) -> list[dict]:
    """What ``earmark calls --json`` says of each call, with its speakers
    and notices (what ``show`` reads)."""
    return [{**call_json(e, corpus.annotation_count(e)), "speakers": [s.name for s in e.speakers],
             "notices": list(e.notices), "warnings": [w.message for w in e.warnings]} for e in corpus.entries]


@pytest.fixture
def folder(tmp_path):
    calls = tmp_path / "calls"
    paths = write_calls(calls, 6)
    age(*paths)
    return calls


def test_a_second_load_of_the_same_folder_reads_no_row_and_says_the_same(folder, monkeypatch):
    sidecar = folder / "acme-systems-2024-q4.annotations.yaml"
    sidecar.write_text("version: 1\ntranscript: acme-systems-2024-q4.txt\ncall:\n  company: Acme Renamed\n"
                       "annotations: []\n", encoding="utf-8")
    age(sidecar)
    first = load_corpus([folder])
    reads = rows_read(monkeypatch)
    again = load_corpus([folder])
    assert reads == []
    assert described(again) == described(first)
    assert [e.id for e in again.entries] == [e.id for e in first.entries]
    assert any(e.company == "Acme Renamed" for e in again.entries)
    assert again.full(again.entries[0]).text == first.full(first.entries[0]).text


def test_an_edited_call_is_seen_at_once(folder, monkeypatch):
    load_corpus([folder])
    path = folder / "acme-systems-2024-q4.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Operator", "Moderator", 1), encoding="utf-8")
    os.utime(path, (OLD + 10, OLD + 10))
    reads = rows_read(monkeypatch)
    corpus = load_corpus([folder])
    assert reads == [1]
    assert "Moderator" in corpus.full(corpus.entry_by_path(str(path))).text


def test_a_call_added_or_removed_is_seen_at_once(folder):
    first = load_corpus([folder])
    (folder / "acme-systems-2024-q4.txt").unlink()
    after_removal = load_corpus([folder])
    assert len(after_removal.entries) == len(first.entries) - 1
    write_calls(folder / "more", 1, seed=9)
    age(*(folder / "more").iterdir())
    after_adding = load_corpus([folder])
    assert len(after_adding.entries) == len(first.entries)
    assert any("more" in e.path for e in after_adding.entries)


def test_a_correction_written_in_an_annotation_file_is_seen_at_once(folder):
    load_corpus([folder])
    sidecar = folder / "acme-systems-2024-q4.annotations.yaml"
    sidecar.write_text("version: 1\ntranscript: acme-systems-2024-q4.txt\ncall:\n  company: Acme Renamed\n"
                       "annotations: []\n", encoding="utf-8")
    age(sidecar)
    corpus = load_corpus([folder])
    assert any(e.company == "Acme Renamed" for e in corpus.entries)


def test_files_written_just_now_are_never_believed_from_their_stamps(tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    write_calls(folder, 3)  # stamped now: an edit in the same clock tick would look the same
    load_corpus([folder])
    reads = rows_read(monkeypatch)
    load_corpus([folder])
    assert reads == [1]


def test_a_damaged_remembered_corpus_is_loaded_as_before(folder):
    first = load_corpus([folder])
    with sqlite3.connect(catalog_path()) as conn:
        assert conn.execute("UPDATE remembered SET value = x'00ff'").rowcount == 1
    again = load_corpus([folder])
    assert described(again) == described(first)


def test_a_count_taken_after_a_recall_is_remembered(folder, monkeypatch):
    sidecar = folder / "acme-systems-2024-q4.annotations.yaml"
    sidecar.write_text("version: 1\ntranscript: acme-systems-2024-q4.txt\nannotations:\n"
                       "- {id: a1, start: 0, end: 4, tag: metric, quote: abcd}\n"
                       "- {id: a2, start: 5, end: 9, tag: metric, quote: efgh}\n", encoding="utf-8")
    age(sidecar)
    load_corpus([folder])
    recalled = load_corpus([folder])
    entry = recalled.entry_by_path(str(folder / "acme-systems-2024-q4.txt"))
    assert recalled.annotation_count(entry) == 2
    import transcripts.call_overrides as overrides

    monkeypatch.setattr(overrides, "_count_annotations", lambda path: pytest.fail(f"counted {path} again"))
    reads = rows_read(monkeypatch)
    for _ in range(2):  # the next loads take it from the memo, still without building the corpus again
        corpus = load_corpus([folder])
        assert corpus.annotation_count(corpus.entry_by_path(entry.path)) == 2
    assert reads == []


def test_a_file_named_directly_is_not_remembered(folder, monkeypatch):
    one = folder / "acme-systems-2024-q4.txt"
    load_corpus([one])
    reads = rows_read(monkeypatch)
    load_corpus([one])
    assert reads == [1]


def test_the_same_folder_name_from_another_working_folder_is_another_corpus(tmp_path, monkeypatch):
    """Same relative path, same names, sizes and times, other bytes: only
    the working folder tells the two apart."""
    for side, word in (("a", "Moderator"), ("b", "Presenter")):
        calls = tmp_path / side / "calls"
        for p in write_calls(calls, 3):
            p.write_text(p.read_text(encoding="utf-8").replace("Operator", word, 1), encoding="utf-8")
            age(p)
    monkeypatch.chdir(tmp_path / "a")
    first = load_corpus(["calls"])
    assert "Moderator" in first.full(first.entries[0]).text
    monkeypatch.chdir(tmp_path / "b")
    other = load_corpus(["calls"])
    assert "Presenter" in other.full(other.entries[0]).text


def test_speakers_come_from_each_calls_row_when_the_remembered_ones_were_replaced(folder):
    first = load_corpus([folder])
    again = load_corpus([folder])
    with sqlite3.connect(catalog_path()) as conn:  # another process remembered the folder anew meanwhile
        conn.execute("UPDATE remembered SET digest = 'another'")
    names = [[s.name for s in e.speakers] for e in again.entries]
    assert names == [[s.name for s in e.speakers] for e in first.entries] and all(names)


def test_a_count_taken_after_a_full_load_is_remembered_too(folder, monkeypatch):
    sidecar = folder / "acme-systems-2024-q4.annotations.yaml"
    sidecar.write_text("version: 1\ntranscript: acme-systems-2024-q4.txt\nannotations:\n"
                       "- {id: a1, start: 0, end: 4, tag: metric, quote: abcd}\n", encoding="utf-8")
    age(sidecar)
    first = load_corpus([folder])  # a full load, remembered without the count
    assert first.annotation_count(first.entry_by_path(str(folder / "acme-systems-2024-q4.txt"))) == 1
    import transcripts.call_overrides as overrides

    monkeypatch.setattr(overrides, "_count_annotations", lambda path: pytest.fail(f"counted {path} again"))
    for _ in range(2):
        corpus = load_corpus([folder])
        assert corpus.annotation_count(corpus.entry_by_path(str(folder / "acme-systems-2024-q4.txt"))) == 1
