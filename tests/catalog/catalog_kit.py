"""Folders of generated calls and counters of parses and text loads, for
the catalog tests."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from transcripts import cache, file_parse
from transcripts.catalog.store import catalog_path


def write_calls(folder: Path, n: int, words: int = 250, seed: int = 3) -> list[Path]:
    """``n`` small generated calls of a few companies, named for their period."""
    from benchmarks.generate import COMPANIES, write_call

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        company, period = i % 3, i // 3
        year, quarter = 2024 - period // 4, 4 - period % 4
        slug = COMPANIES[company].lower().replace(" ", "-")
        path = folder / f"{slug}-{year}-q{quarter}.txt"
        path.write_text(write_call(rng, company, year, quarter, words), encoding="utf-8")
        paths.append(path)
    return paths


def count_parses(monkeypatch) -> list[str]:
    """The names of the files parsed from now on (in this process)."""
    parsed: list[str] = []
    real = file_parse.parse_bytes
    monkeypatch.setattr(file_parse, "parse_bytes", lambda path, data: parsed.append(Path(path).name) or real(path, data))
    return parsed


def refuse_text(monkeypatch) -> None:
    """From now on, reading any call's text (a parse or a cached call) fails the test."""
    monkeypatch.setattr(file_parse, "parse_bytes", lambda path, data: pytest.fail(f"parsed {path}"))
    monkeypatch.setattr(cache, "load_entry", lambda sha, name: pytest.fail(f"opened the text of {name}"))


def catalog_rows() -> int:
    with sqlite3.connect(catalog_path()) as conn:
        return conn.execute("SELECT count(*) FROM files").fetchone()[0]


def catalog_is_sound() -> bool:
    with sqlite3.connect(catalog_path()) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
