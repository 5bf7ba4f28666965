"""The catalog: a corpus opens from it without reading text, only new or
changed files are parsed, a parser change rebuilds it, and a damaged one
is rebuilt with one line of warning."""

from __future__ import annotations

import os
import sqlite3

from tests.catalog.catalog_kit import catalog_rows, count_parses, refuse_text, write_calls
from tests.conftest import Q1_2003, Q4_2003
from transcripts import cache, load_corpus
from transcripts.catalog.entry import CallEntry
from transcripts.catalog.store import Catalog, catalog_path

OLD = 1_600_000_000


def age(paths) -> None:
    """Files last written long ago: their stamps are trusted without a hash."""
    for p in paths:
        os.utime(p, (OLD, OLD))


def test_opening_a_corpus_again_reads_no_call_text(samples_copy, monkeypatch):
    first = load_corpus([samples_copy])
    refuse_text(monkeypatch)
    again = load_corpus([samples_copy])
    assert [e.id for e in again.entries] == [c.id for c in first.entries]
    assert all(isinstance(e, CallEntry) for e in again.entries)
    assert again.opener.loads == 0
    # what listing and identity read is there without the text
    e = again.entry("verisign-2003-q4")
    assert e.turn_count == len(first.call("verisign-2003-q4").turns) and e.speakers and e.qa_start


def test_full_opens_one_call_and_keeps_it_open(samples_copy):
    load_corpus([samples_copy])
    corpus = load_corpus([samples_copy])
    entry = corpus.entry("verisign-2003-q1")
    call = corpus.full(entry)
    assert corpus.opener.loads == 1 and "VeriSign" in call.text
    assert corpus.full(entry) is call and corpus.opener.loads == 1
    assert call.id == entry.id and call.path == entry.path


def test_calls_stays_a_sequence_of_whole_calls_for_scripts(samples_copy):
    load_corpus([samples_copy])
    corpus = load_corpus([samples_copy])
    calls = corpus.calls
    assert len(calls) == 2 and corpus.opener.loads == 0
    assert [c.id for c in calls] == ["verisign-2003-q1", "verisign-2003-q4"]
    assert all(c.text and c.turns for c in calls) and calls[-1].id == "verisign-2003-q4"


def test_a_changed_file_alone_is_parsed_again_and_its_entry_updated(tmp_path, monkeypatch):
    paths = write_calls(tmp_path / "calls", 6)
    age(paths)
    load_corpus([tmp_path / "calls"])
    changed = paths[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOperator\nThis concludes the call.\n",
                       encoding="utf-8")
    before = {e.path: e.turn_count for e in load_corpus([tmp_path / "calls"]).entries}
    parsed = count_parses(monkeypatch)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOperator\nGoodbye, everyone, thanks.\n",
                       encoding="utf-8")
    after = load_corpus([tmp_path / "calls"])
    assert parsed == [changed.name]
    by_path = {e.path: e for e in after.entries}
    assert by_path[str(changed)].turn_count == before[str(changed)] + 1
    assert catalog_rows() == 6


def _catalog_version() -> str:
    with sqlite3.connect(catalog_path()) as conn:
        return conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]


def test_a_parser_change_rebuilds_the_catalog(samples_copy, monkeypatch):
    load_corpus([samples_copy])
    before = _catalog_version()
    parsed = count_parses(monkeypatch)
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "another-parser")
    corpus = load_corpus([samples_copy])
    assert sorted(parsed) == sorted([Q4_2003, Q1_2003])
    assert _catalog_version() != before and catalog_rows() == 2
    assert len(corpus.entries) == 2
    parsed.clear()
    load_corpus([samples_copy])
    assert parsed == []  # the rebuilt rows are the new parser's, used as such


def test_a_catalog_of_an_earlier_schema_is_rebuilt_in_the_new_shape(samples_copy, monkeypatch):
    """An upgrade finds tables of another shape (speakers had a table of
    their own, a call's row had no speakers column): they are replaced."""
    path = catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('version', '2:an-older-parser');
            CREATE TABLE calls (path TEXT PRIMARY KEY, meta TEXT NOT NULL);
            CREATE TABLE speakers (path TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL);
        """)
    first = load_corpus([samples_copy])
    assert not first.errors and not first.notes and len(first.entries) == 2
    refuse_text(monkeypatch)
    again = load_corpus([samples_copy])
    assert [len(e.speakers) for e in again.entries] == [len(e.speakers) for e in first.entries]
    assert all(e.speakers for e in again.entries)
    with sqlite3.connect(path) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "speakers" not in tables


def test_rows_of_an_old_parser_are_dropped_not_mixed(samples_copy, tmp_path, monkeypatch):
    other = tmp_path / "other"
    write_calls(other, 2)
    load_corpus([samples_copy, other])
    assert catalog_rows() == 4
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "another-parser")
    load_corpus([samples_copy])
    assert catalog_rows() == 2


def test_a_damaged_catalog_is_rebuilt_with_a_one_line_warning(samples_copy):
    expected = [e.id for e in load_corpus([samples_copy]).entries]
    catalog_path().write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        try:
            os.unlink(f"{catalog_path()}{suffix}")
        except FileNotFoundError:
            pass
    corpus = load_corpus([samples_copy])
    assert [e.id for e in corpus.entries] == expected and corpus.errors == []
    assert len(corpus.notes) == 1 and "damaged" in str(corpus.notes[0]) and "\n" not in str(corpus.notes[0])
    assert catalog_rows() == 2 and load_corpus([samples_copy]).notes == []


def test_a_bad_file_is_reported_every_time_but_parsed_once(samples_copy, monkeypatch):
    bad = samples_copy / "empty-call.txt"
    bad.write_text("   \n")
    age([bad, *samples_copy.iterdir()])
    first = load_corpus([samples_copy])
    assert [e.path for e in first.errors] == [str(bad)]
    parsed = count_parses(monkeypatch)
    again = load_corpus([samples_copy])
    assert parsed == [] and [str(e) for e in again.errors] == [str(e) for e in first.errors]


def test_corrections_in_an_annotation_file_apply_to_entries_and_their_calls(samples_copy):
    load_corpus([samples_copy])
    (samples_copy / Q4_2003.replace(".txt", ".annotations.yaml")).write_text("call:\n  company: Acme\n")
    corpus = load_corpus([samples_copy])
    entry = corpus.entry_by_path(samples_copy / Q4_2003)
    assert entry.id == "acme-2003-q4" and entry.company == "Acme"
    call = corpus.full(entry)
    assert (call.id, call.company, call.title) == ("acme-2003-q4", "Acme", entry.title)


def test_two_files_of_one_call_get_distinct_ids_from_the_catalog(samples_copy):
    (samples_copy / "copy.txt").write_bytes((samples_copy / Q4_2003).read_bytes())
    load_corpus([samples_copy])
    ids = sorted(e.id for e in load_corpus([samples_copy]).entries)
    assert ids == ["verisign-2003-q1", "verisign-2003-q4", "verisign-2003-q4-2"]


def test_a_catalog_busy_in_another_process_is_waited_for(samples_copy):
    """WAL and a busy timeout: a reader holding the catalog open does not
    make a load fail."""
    load_corpus([samples_copy])
    reader = Catalog()
    reader.conn.execute("BEGIN")
    reader.conn.execute("SELECT count(*) FROM files").fetchone()
    try:
        (samples_copy / Q1_2003).write_text((samples_copy / Q1_2003).read_text() + "\nOperator\nBye now.\n")
        corpus = load_corpus([samples_copy])
    finally:
        reader.close()
    assert corpus.notes == [] and len(corpus.entries) == 2


def test_a_warm_load_of_the_current_folder_stats_each_file_once(tmp_path, monkeypatch):
    """The walk's stat is the one the stamps are compared with, however
    the folder is spelled (``.`` gives ``./a.txt`` from a folder listing)."""
    from pathlib import Path

    paths = write_calls(tmp_path / "calls", 3)
    age(paths)
    monkeypatch.chdir(tmp_path / "calls")
    load_corpus(["."])
    asked: list[str] = []
    real = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **k: asked.append(self.name) or real(self, **k))
    again = load_corpus(["."])
    assert len(again.entries) == 3 and not [n for n in asked if n.endswith(".txt")]


def test_speakers_come_from_the_catalog_only_when_asked_for(samples_copy, monkeypatch):
    """A warm load of 30,000 calls made 400,000 speaker objects that most
    commands never look at: they are made when a call's speakers are first
    read, and are then the parse's own."""
    from transcripts.catalog import entry as entry_module

    first = load_corpus([samples_copy])
    made: list[str] = []
    real = entry_module.speakers_of
    monkeypatch.setattr(entry_module, "speakers_of", lambda rows: made.append("made") or real(rows))
    again = load_corpus([samples_copy])
    assert [e.id for e in again.entries] == [c.id for c in first.entries] and made == []
    for e in again.entries:
        parsed = first.call(e.id)
        assert e.speakers == parsed.speakers and e.speaker("operator") == parsed.speaker("operator")
    assert len(made) == len(again.entries)
    again.entries[0].speakers  # noqa: B018 - asked again: made once
    assert len(made) == len(again.entries)


def test_speakers_text_damaged_by_hand_leaves_the_call_readable(samples_copy):
    load_corpus([samples_copy])
    conn = sqlite3.connect(catalog_path())
    with conn:
        conn.execute("UPDATE calls SET speakers = '[[\"operator\", '")
        conn.execute("DELETE FROM remembered")  # else the finished corpus remembered for the folder answers
    conn.close()
    corpus = load_corpus([samples_copy])
    e = corpus.entry("verisign-2003-q4")
    assert e.speakers == []
    assert corpus.full(e).speakers and "VeriSign" in corpus.full(e).text
