"""Golden files: the exact bytes `earmark export` writes for each format, on
the two sample calls with annotations on both.

Any difference fails. After an intended change, regenerate with
``EARMARK_UPDATE_GOLDEN=1 pytest tests/annotations/test_export_golden.py``
(the run then skips, so a regeneration is never mistaken for a pass) and
review the diff of ``tests/annotations/golden/`` before committing.
"""

from __future__ import annotations

import argparse
import difflib
import os
from pathlib import Path

import pytest

from export_fixture import build_fixture
from tui.commands import export as export_command

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("EARMARK_UPDATE_GOLDEN") == "1"


def export(*args: str) -> int:
    parser = argparse.ArgumentParser(prog="earmark export")
    export_command.add_arguments(parser)
    return export_command.run(parser.parse_args(list(args)))


@pytest.fixture
def fixture_folder(tmp_path, monkeypatch) -> Path:
    build_fixture(tmp_path)
    monkeypatch.chdir(tmp_path)  # paths in the export are shown relative to here
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_export_matches_golden_file(fixture_folder, fmt):
    out = fixture_folder / f"summary.{fmt}"
    assert export("calls", "--format", fmt, "-o", str(out)) == 0
    got = out.read_bytes()
    golden = GOLDEN / f"samples.{fmt}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(got)
        pytest.skip(f"regenerated {golden}")
    assert golden.exists(), f"missing {golden}; run with EARMARK_UPDATE_GOLDEN=1 to create it"
    want = golden.read_bytes()
    if got != want:
        diff = "\n".join(difflib.unified_diff(
            want.decode("utf-8-sig").splitlines(), got.decode("utf-8-sig").splitlines(),
            str(golden), "export", lineterm="", n=1,
        ))
        pytest.fail(f"export differs from {golden.name} (EARMARK_UPDATE_GOLDEN=1 to accept):\n{diff[:4000]}")


def test_stdout_is_the_same_document_as_the_file(fixture_folder, capsysbinary):
    """stdout carries the same text; only the file version of the CSV has the
    byte-order mark spreadsheets need."""
    for fmt in ("md", "csv", "json"):
        out = fixture_folder / f"file.{fmt}"
        assert export("calls", "--format", fmt, "-o", str(out)) == 0
        capsysbinary.readouterr()
        assert export("calls", "--format", fmt) == 0
        printed = capsysbinary.readouterr().out
        written = out.read_bytes()
        if fmt == "csv":
            assert written.startswith(b"\xef\xbb\xbf") and not printed.startswith(b"\xef\xbb\xbf")
            written = written[3:]
        assert printed == written
