"""`earmark search`: a match has every word of the query, and the count
printed is the total, not the number shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import cli
pytestmark = pytest.mark.usefixtures("search_engine")


def earmark(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path) -> Path:
    lines = ["Operator", "Welcome to the Acme third quarter 2024 earnings call.", "Jane Roe - Chief Financial Officer"]
    lines += ["Deferred revenue rose to $80 million.", "Deferred revenue is a leading indicator.",
              "Deferred revenue was flat in Europe."]
    lines += [f"Revenue in region {i} was in line." for i in range(30)]
    (folder / "acme-2024-q3.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_single_word_sentences_are_not_matches_of_two_words(tmp_path, capsys):
    folder = write(tmp_path)
    code, out, _ = earmark(capsys, "search", "defered revnue", folder, "--json", "--limit", "20")
    doc = json.loads(out)
    assert code == 0 and len(doc["hits"]) == 3 and doc["total"] == 3
    assert all("Deferred revenue" in h["text"] for h in doc["hits"])
    code, out, _ = earmark(capsys, "search", "defered revnue", folder)
    assert out.splitlines()[-1].startswith("3 matches in ")


def test_a_limit_says_how_many_there_are(tmp_path, capsys):
    folder = write(tmp_path)
    code, out, _ = earmark(capsys, "search", "revenue", folder, "--limit", "20")
    assert out.splitlines()[-1].startswith("first 20 of 33 matches in ")
    code, out, _ = earmark(capsys, "search", "revenue", folder, "--json", "--limit", "20")
    doc = json.loads(out)
    assert len(doc["hits"]) == 20 and doc["total"] == 33


def test_when_no_sentence_has_every_word_the_nearest_are_labelled(tmp_path, capsys):
    folder = write(tmp_path)
    code, out, _ = earmark(capsys, "search", "deferred revenue xylophone", folder)
    last = out.splitlines()[-1]
    assert last.startswith("no match has every word; the best ")
    assert "nothing matches 'xylophone'" in last
