"""``earmark annotations`` takes what re-anchoring placed from the memo when
neither the annotation file nor its transcript changed: the listing is the
same whether the calls were anchored now, taken from the memo as kept, or
filtered, and a memo row that does not hold what a listing needs is
anchored again instead of trusted."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import time

from annotations.anchored_memo import KIND
from tests.conftest import Q1_2003, Q4_2003
from tests.test_cli import write_sidecar
from transcripts.catalog.store import catalog_path
from tui import cli

NOTES = """version: 1
transcript: {name}
annotations:
- id: g1
  tags: [guidance]
  start: 10
  end: 20
  quote: something
  note: "  two  spaces and a\\nline break "
- id: m1
  tags: [metric]
  start: 30
  end: 40
  quote: something else
  author: kim
  reviewed: {{by: lee, at: '2026-01-02'}}
  fields: {{value: 1.5, unit: '%'}}
"""


def listing(capsys, *args: str) -> list[dict]:
    cli.main(["annotations", "--json", *args])
    return json.loads(capsys.readouterr().out)["annotations"]


def aged_sidecars(folder) -> None:
    an_hour_ago = time.time() - 3600  # written this instant, a file is not remembered
    for name in (Q4_2003, Q1_2003):
        side = write_sidecar(folder / name, NOTES.format(name=name))
        os.utime(side, (an_hour_ago, an_hour_ago))


def test_the_remembered_listing_is_the_anchored_one(samples_copy, capsys):
    aged_sidecars(samples_copy)
    anchored = listing(capsys, str(samples_copy))
    assert len(anchored) == 4
    assert listing(capsys, str(samples_copy)) == anchored  # from the memo, as kept
    guidance = listing(capsys, "--filter", "tag:guidance", str(samples_copy))
    assert guidance == [r for r in anchored if r["tags"] == ["guidance"]]
    cli.main(["annotations", str(samples_copy)])
    table = capsys.readouterr().out
    assert "two spaces and a line break" in table  # the note on one line in the table


def test_a_memo_row_short_of_a_field_is_anchored_again(samples_copy, capsys):
    aged_sidecars(samples_copy)
    anchored = listing(capsys, str(samples_copy))
    damaged = 0
    with sqlite3.connect(catalog_path()) as db:
        for path, value in db.execute("SELECT path, value FROM memos WHERE kind = ?", (KIND,)).fetchall():
            items = pickle.loads(value)
            for item in items:
                del item["status"]  # a row written by an older listing, say
            db.execute("UPDATE memos SET value = ? WHERE kind = ? AND path = ?", (pickle.dumps(items), KIND, path))
            damaged += 1
    assert damaged == 2
    assert listing(capsys, str(samples_copy)) == anchored


def test_a_memo_row_that_is_not_a_listing_at_all_is_anchored_again(samples_copy, capsys):
    aged_sidecars(samples_copy)
    anchored = listing(capsys, str(samples_copy))
    with sqlite3.connect(catalog_path()) as db:
        db.execute("UPDATE memos SET value = ? WHERE kind = ?", (b"\x80\x05 not a pickle", KIND))
    assert listing(capsys, str(samples_copy)) == anchored  # damaged rows are placed on the text again
    assert listing(capsys, str(samples_copy)) == anchored  # and replaced
