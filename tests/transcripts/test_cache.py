"""The on-disk cache: a second load does not parse again, an edit or a
parser change does, and a damaged or unwritable cache never hurts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Q1_2003, Q4_2003
from transcripts import cache, file_parse, load_corpus, parse_file
from transcripts.locations import cache_dir


def refuse_to_parse(path, data):
    """Stands in for the parser: what loads must come from the cache."""
    pytest.fail(f"parsed {path} again")


def entries() -> list[Path]:
    return sorted(cache_dir().rglob("*.call"))


def summary(c) -> tuple:
    return (c.id, c.path, c.title, c.text, c.turns, c.speakers, list(c.sentence_starts),
            list(c.sentence_ends), c.exchanges, c.qa_start, c.notices, c.warnings, c.encoding)


def test_a_second_load_comes_from_the_cache(samples_copy, monkeypatch):
    first = load_corpus([samples_copy])
    assert len(entries()) == 2
    monkeypatch.setattr(file_parse, "parse_bytes", refuse_to_parse)
    second = load_corpus([samples_copy])
    assert [summary(c) for c in second.calls] == [summary(c) for c in first.calls]


def test_the_cache_holds_the_call_exactly(samples_copy):
    call = parse_file(samples_copy / Q4_2003)
    again = cache.decode_call(cache.encode_call(call))
    assert again == call
    assert all(t.speaker is next(s for s in again.speakers if s.key == t.speaker.key) for t in again.turns)
    assert again.sentence_text(10) == call.sentence_text(10)


def test_an_edited_file_is_parsed_again(samples_copy):
    path = samples_copy / Q4_2003
    before = load_corpus([path]).calls[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nOperator\nThis concludes the call. Thank you all.\n",
                    encoding="utf-8")
    after = load_corpus([path]).calls[0]
    assert len(after.turns) == len(before.turns) + 1
    assert after.sha256 != before.sha256


def test_an_edit_that_keeps_size_and_mtime_is_still_seen_while_recent(samples_copy):
    path = samples_copy / Q4_2003
    text = path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")  # just written, like a file being edited
    load_corpus([path])
    st = path.stat()
    path.write_text(text.replace("Good day", "Good dey", 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert "Good dey" in load_corpus([path]).calls[0].text


def test_an_unchanged_old_file_is_not_even_hashed_again(samples_copy, monkeypatch):
    old = 1_600_000_000
    for p in samples_copy.iterdir():
        os.utime(p, (old, old))
    load_corpus([samples_copy])
    monkeypatch.setattr(file_parse, "hash_file", lambda *a: pytest.fail("hashed an unchanged file"))
    assert len(load_corpus([samples_copy]).calls) == 2


def test_a_parser_change_invalidates_the_cache(samples_copy, monkeypatch):
    load_corpus([samples_copy])
    parsed: list[str] = []
    real = file_parse.parse_bytes
    monkeypatch.setattr(file_parse, "parse_bytes", lambda path, data: parsed.append(Path(path).name) or real(path, data))
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "another-parser")
    load_corpus([samples_copy])
    assert sorted(parsed) == [Q4_2003, Q1_2003]


def test_a_corrupt_cache_is_ignored_and_rebuilt(samples_copy):
    expected = [summary(c) for c in load_corpus([samples_copy]).calls]
    for entry in entries():
        entry.write_bytes(b"\x80\x05garbage")
    for index in cache_dir().rglob("index-*.pickle"):
        index.write_bytes(b"not a pickle")
    again = load_corpus([samples_copy])
    assert again.errors == [] and [summary(c) for c in again.calls] == expected
    assert all(cache.load_entry(c.sha256, Path(c.path).name) is not None for c in again.calls)


def test_a_cache_folder_that_cannot_be_written_does_not_stop_loading(samples_copy, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("EARMARK_CACHE_DIR", str(blocker))
    corpus_ = load_corpus([samples_copy])
    assert corpus_.errors == [] and len(corpus_.calls) == 2


def test_loading_without_the_cache_writes_nothing(samples_copy):
    load_corpus([samples_copy], use_cache=False)
    assert not cache_dir().exists() or entries() == []


def test_a_cached_call_names_the_file_it_was_loaded_from(samples_copy, tmp_path):
    bad = (samples_copy / Q1_2003).read_bytes().replace(b"Operator", b"Operat\xf6r", 1)
    (samples_copy / Q1_2003).write_bytes(bad)
    load_corpus([samples_copy])
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(samples_copy, elsewhere)
    moved = load_corpus([elsewhere]).call("verisign-2003-q1")
    assert moved.path == str(elsewhere / Q1_2003)
    assert moved.warnings and all(w.path == moved.path for w in moved.warnings)


def test_corrections_apply_to_calls_from_the_cache(samples_copy, monkeypatch):
    load_corpus([samples_copy])
    monkeypatch.setattr(file_parse, "parse_bytes", refuse_to_parse)
    (samples_copy / Q4_2003.replace(".txt", ".annotations.yaml")).write_text("call:\n  company: Acme\n")
    assert load_corpus([samples_copy]).by_path(samples_copy / Q4_2003).id == "acme-2003-q4"


def test_entries_of_an_old_parser_version_are_removed_after_a_day(samples_copy):
    old = cache.cache_root() / "0ld-parser-version"
    old.mkdir(parents=True)
    (old / "x.call").write_bytes(b"old")
    recent = cache.cache_root() / "other-checkout"
    recent.mkdir()
    day_ago = 1_600_000_000
    os.utime(old, (day_ago, day_ago))
    for p in samples_copy.iterdir():  # old files, so their stamps are saved
        os.utime(p, (day_ago, day_ago))
    load_corpus([samples_copy])
    assert not old.exists() and recent.exists()
    assert len(entries()) == 2


def test_a_turn_of_another_shape_still_round_trips(samples_copy, monkeypatch):
    """If the model's ``Turn`` changes, the cache falls back to a general
    form instead of storing the wrong numbers."""
    call = parse_file(samples_copy / Q1_2003)
    monkeypatch.setattr(cache, "_TURN_FIELDS", ("index", "speaker"))
    assert cache.decode_call(cache.encode_call(call)) == call


def test_code_that_only_reads_parsed_calls_keeps_them_when_it_changes(tmp_path):
    """An edit to the search or catalog code rebuilds what that code made
    (the index, the catalog's rows), not every parsed call."""
    import hashlib

    package = tmp_path / "pkg"
    (package / "search").mkdir(parents=True)
    (package / "parser.py").write_text("RULE = 1\n")
    (package / "search" / "rank.py").write_text("ORDER = 1\n")

    def parser() -> str:
        digest = hashlib.sha256()
        cache.hash_sources(digest, package, skip=cache.NOT_THE_PARSER)
        return digest.hexdigest()

    before = parser()
    (package / "search" / "rank.py").write_text("ORDER = 2\n")
    assert parser() == before
    (package / "parser.py").write_text("RULE = 2\n")
    assert parser() != before


def test_what_reads_parsed_calls_follows_the_parser(monkeypatch):
    search, catalog = cache.code_fingerprint("search"), cache.code_fingerprint("catalog")
    assert search != catalog
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "another-parser")
    assert cache.code_fingerprint("search") != search and cache.code_fingerprint("catalog") != catalog
