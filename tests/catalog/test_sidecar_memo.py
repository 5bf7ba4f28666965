"""Annotation files are read once per change: their ``call:`` corrections,
warnings and annotation counts come from the catalog while the file's stamp
stands, and a changed file is read again."""

from __future__ import annotations

import os
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from tests.catalog.catalog_kit import write_calls
from transcripts import call_overrides, load_corpus
from transcripts.catalog import sidecar_memo
from transcripts.catalog.store import catalog_path
from transcripts.sidecar import SIDECAR_SUFFIX, path_stem, short_sidecar, sidecar_path

OLD = 1_600_000_000

SIDECAR = """\
call:
  company: Renamed Holdings
  quarter: 7
annotations:
{items}
"""

ITEM = """\
  - id: a{n}
    tags: [metric]
    start: {start}
    end: {end}
    quote: x
"""


def annotate(transcript, items: int, company: str = "Renamed Holdings", when: int = OLD):
    body = "".join(ITEM.format(n=n, start=n * 10, end=n * 10 + 5) for n in range(items))
    side = sidecar_path(transcript)
    side.write_text(SIDECAR.replace("Renamed Holdings", company).format(items=body.rstrip("\n")), encoding="utf-8")
    os.utime(side, (when, when))
    return side


def reads_of_annotation_files(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = call_overrides.read_sidecar_info
    monkeypatch.setattr(sidecar_memo, "read_sidecar_info", lambda t: seen.append(os.path.basename(t)) or real(t))
    return seen


def summary(corpus):
    return sorted((e.company, e.quarter, corpus.annotation_count(e), [(w.line, w.message) for w in e.warnings])
                  for e in corpus.entries if e.path in corpus.sidecars)


def test_an_unchanged_annotation_file_is_not_read_again(tmp_path, monkeypatch):
    paths = write_calls(tmp_path / "calls", 4)
    for p in paths:
        os.utime(p, (OLD, OLD))
    annotate(paths[1], 3)
    first = load_corpus([tmp_path / "calls"])
    reads = reads_of_annotation_files(monkeypatch)
    again = load_corpus([tmp_path / "calls"])
    assert reads == []
    assert summary(again) == summary(first)
    [(company, _, count, warnings)] = summary(again)
    assert company == "Renamed Holdings" and count == 3
    assert any("quarter" in m and line == 3 for line, m in warnings)  # quarter 7 is refused, with its line
    assert all(w.path.endswith(SIDECAR_SUFFIX) for e in again.entries for w in e.warnings if "quarter" in w.message)


def test_a_changed_annotation_file_is_read_again(tmp_path, monkeypatch):
    paths = write_calls(tmp_path / "calls", 4)
    for p in paths:
        os.utime(p, (OLD, OLD))
    annotate(paths[1], 3)
    load_corpus([tmp_path / "calls"])
    annotate(paths[1], 5, company="Other Name", when=OLD + 60)
    reads = reads_of_annotation_files(monkeypatch)
    again = load_corpus([tmp_path / "calls"])
    assert reads == [paths[1].name]
    [(company, _, count, _)] = summary(again)
    assert (company, count) == ("Other Name", 5)


def test_an_annotation_file_written_just_now_is_not_trusted_by_its_stamp(tmp_path, monkeypatch):
    paths = write_calls(tmp_path / "calls", 2)
    side = annotate(paths[0], 1, when=OLD)
    load_corpus([tmp_path / "calls"])
    # an edit within the same clock tick keeps size and mtime: only a fresh read can tell
    now = int(os.path.getmtime(side))
    text = side.read_text(encoding="utf-8").replace("Renamed Holdings", "Renamed Holdingz")
    side.write_text(text, encoding="utf-8")
    os.utime(side, (now, now))
    with sqlite3.connect(catalog_path()) as conn:  # as if the row had been written a moment after the file
        conn.execute("UPDATE sidecars SET checked_ns = mtime_ns + 1000")
    again = load_corpus([tmp_path / "calls"])
    assert [e.company for e in again.entries if e.path in again.sidecars] == ["Renamed Holdingz"]


def test_a_removed_annotation_file_no_longer_corrects_its_call(tmp_path):
    paths = write_calls(tmp_path / "calls", 2)
    side = annotate(paths[0], 2)
    load_corpus([tmp_path / "calls"])
    side.unlink()
    again = load_corpus([tmp_path / "calls"])
    assert again.sidecars == {} and "Renamed Holdings" not in {e.company for e in again.entries}


def test_a_damaged_row_is_read_again_not_believed(tmp_path):
    paths = write_calls(tmp_path / "calls", 2)
    annotate(paths[0], 2)
    load_corpus([tmp_path / "calls"])
    with sqlite3.connect(catalog_path()) as conn:
        conn.execute("UPDATE sidecars SET info = '{\"overrides\": 3'")
    again = load_corpus([tmp_path / "calls"])
    [(company, _, count, _)] = summary(again)
    assert (company, count) == ("Renamed Holdings", 2)


def test_a_parser_change_forgets_the_annotation_files_too(tmp_path, monkeypatch):
    paths = write_calls(tmp_path / "calls", 2)
    annotate(paths[0], 2)
    load_corpus([tmp_path / "calls"])
    with sqlite3.connect(catalog_path()) as conn:
        assert conn.execute("SELECT count(*) FROM sidecars").fetchone()[0] == 1
        conn.execute("UPDATE meta SET value = 'another parser' WHERE key = 'version'")
    reads = reads_of_annotation_files(monkeypatch)
    load_corpus([tmp_path / "calls"])
    assert reads == [paths[0].name]


@given(st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1)
       .filter(lambda n: n not in (".", "..")))
def test_the_short_name_is_told_from_a_listing_as_the_path_rule_tells_it(name):
    assert path_stem(name) + SIDECAR_SUFFIX == short_sidecar(name).name
