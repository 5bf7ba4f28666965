"""``load_corpus``: many calls from files and folders, in order, with every
bad file named and the good ones still loaded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Q1_2003, Q4_2003
from transcripts import load_corpus
from transcripts.corpus import PARALLEL_THRESHOLD
from transcripts.reading import MAX_TRANSCRIPT_BYTES
from transcripts.sidecar import sidecar_path

GOOD_CALL = (
    "Operator\n"
    "Good day and welcome to the Acme third quarter 2024 earnings call. I will now turn it over to Jane.\n"
    "Jane Doe - Chief Executive Officer\n"
    "Thank you. Revenue grew 12% to $220 million and deferred revenue rose to $80 million this quarter.\n"
    "Operator\n"
    "We will go next to Bob Analyst with Goldman Sachs. Please go ahead.\n"
    "Bob Analyst - Analyst\n"
    "Thanks. Can you talk about the operating margin outlook for the next quarter please?\n"
    "Jane Doe - Chief Executive Officer\n"
    "We expect the operating margin to expand by about two points as the integration completes.\n"
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(corpus) -> dict[str, str]:
    return {Path(p.path).name: p.message for p in corpus.errors}


# -- finding and ordering ---------------------------------------------------


def test_folders_are_read_recursively_and_calls_ordered_by_period(samples_copy):
    nested = samples_copy / "2003" / "q4"
    nested.mkdir(parents=True)
    shutil.move(samples_copy / Q4_2003, nested / Q4_2003)
    corpus = load_corpus([samples_copy])
    assert corpus.errors == []
    assert [c.id for c in corpus.calls] == ["verisign-2003-q1", "verisign-2003-q4"]
    assert corpus.calls[1].path == str(nested / Q4_2003)


def test_calls_of_several_companies_are_grouped_by_company_then_period(tmp_path):
    # (the call's own words name no period here, so the file names say it)
    silent = GOOD_CALL.replace("the Acme third quarter 2024 earnings call", "the call")
    write(tmp_path, "zeta-2024-q1.txt", silent)
    write(tmp_path, "acme-2024-q2.txt", silent)
    write(tmp_path, "acme-2023-q4.txt", silent)
    corpus = load_corpus([tmp_path])
    assert [c.id for c in corpus.calls] == ["acme-2023-q4", "acme-2024-q2", "zeta-2024-q1"]


def test_a_file_named_twice_is_loaded_once(samples_copy):
    corpus = load_corpus([samples_copy, samples_copy / Q1_2003, str(samples_copy / Q1_2003)])
    assert sorted(c.id for c in corpus.calls) == ["verisign-2003-q1", "verisign-2003-q4"]


def test_two_files_of_the_same_call_get_distinct_ids(samples_copy, tmp_path):
    other = tmp_path / "copy"
    other.mkdir()
    shutil.copy(samples_copy / Q4_2003, other / "verisign-q4-again.txt")
    corpus = load_corpus([samples_copy, other])
    ids = [c.id for c in corpus.calls]
    assert len(ids) == len(set(ids)) == 3
    assert {"verisign-2003-q4", "verisign-2003-q4-2"} <= set(ids)


def test_hidden_files_and_annotation_files_are_not_calls(samples_copy):
    write(samples_copy, ".draft.txt", GOOD_CALL)
    write(samples_copy, ".git/notes.txt", GOOD_CALL)
    write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"), "version: 1\nannotations: []\n")
    corpus = load_corpus([samples_copy])
    assert len(corpus.calls) == 2 and corpus.errors == []


def test_lookup_by_id_and_by_path_however_spelled(samples_copy, monkeypatch):
    corpus = load_corpus([samples_copy])
    q4 = corpus.call("verisign-2003-q4")
    assert q4 is not None and Path(q4.path).name == Q4_2003
    monkeypatch.chdir(samples_copy)
    assert corpus.by_path(Q4_2003) is q4
    assert corpus.by_path(samples_copy / "sub" / ".." / Q4_2003) is q4
    assert corpus.call("nope-2003-q4") is None and corpus.by_path("nope.txt") is None


def test_progress_is_reported_from_zero_to_all(samples_copy):
    seen: list[tuple[int, int]] = []
    load_corpus([samples_copy], progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))


# -- many files: the process pool gives the same calls -----------------------


def test_a_large_folder_parsed_in_workers_equals_one_process(samples_copy, tmp_path):
    big = tmp_path / "big"
    for i in range(PARALLEL_THRESHOLD // 2 + 2):
        for name in (Q1_2003, Q4_2003):
            write(big, f"{i:03d}-{name}", (samples_copy / name).read_text(encoding="utf-8"))
    write(big, "broken.txt", b"")
    pooled = load_corpus([big], use_cache=False)
    single = load_corpus([big], use_cache=False, workers=1)
    assert len(pooled.calls) > PARALLEL_THRESHOLD
    assert [(c.id, c.path, len(c.turns), c.sentence_count) for c in pooled.calls] == [
        (c.id, c.path, len(c.turns), c.sentence_count) for c in single.calls
    ]
    assert pooled.calls[0].turns == single.calls[0].turns
    assert messages(pooled) == messages(single) == {"broken.txt": "file is empty"}


# -- bad input ----------------------------------------------------------------


def test_bad_files_are_named_and_good_files_still_load(samples_copy):
    write(samples_copy, "empty.txt", b"")
    write(samples_copy, "binary.txt", bytes(range(256)) * 20)
    write(samples_copy, "blank.txt", "   \n\n\t\n")
    corpus = load_corpus([samples_copy])
    assert len(corpus.calls) == 2
    errors = messages(corpus)
    assert errors["empty.txt"] == "file is empty"
    assert "binary" in errors["binary.txt"]
    assert "no text" in errors["blank.txt"]
    assert all(p.severity == "error" for p in corpus.errors)


def test_text_that_is_not_utf8_loads_with_a_warning(tmp_path):
    path = write(tmp_path, "acme-2024-q3.txt", GOOD_CALL.replace("Thank you.", "Caf\xe9 thank you.").encode("cp1252"))
    corpus = load_corpus([tmp_path])
    assert corpus.errors == []
    (call,) = corpus.calls
    assert "Café" in call.text and call.encoding == "cp1252"
    (warning,) = [w for w in call.warnings if "UTF-8" in w.message]
    assert warning.severity == "warning" and warning.path == str(path) and warning.line == 4


def test_a_file_without_speaker_lines_is_one_unknown_turn_with_a_warning(tmp_path):
    write(tmp_path, "memo.txt", "This is a memo about the quarter.\nIt has no speakers at all, only prose.\n")
    (call,) = load_corpus([tmp_path]).calls
    assert len(call.turns) == 1 and call.turns[0].speaker.role == "unknown"
    assert any("speaker" in w.message for w in call.warnings)


def test_an_oversized_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "dump.txt"
    with open(huge, "wb") as f:  # sparse: 50 MB on paper, nothing to read
        f.truncate(50 * 1024 * 1024)
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    corpus = load_corpus([tmp_path])
    assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
    assert "52.4 MB" in messages(corpus)["dump.txt"]
    assert 50 * 1024 * 1024 > MAX_TRANSCRIPT_BYTES


def test_missing_paths_and_broken_links_are_errors(tmp_path):
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    corpus = load_corpus([tmp_path, tmp_path / "nothing-here"])
    assert len(corpus.calls) == 1
    errors = messages(corpus)
    assert errors["nothing-here"] == "no such file or folder"
    assert "broken link" in errors["gone.txt"]


def test_a_folder_given_as_a_file_name_is_walked_not_read(tmp_path):
    odd = tmp_path / "calls.txt"
    write(odd, "acme-2024-q3.txt", GOOD_CALL)
    corpus = load_corpus([odd])
    assert [c.id for c in corpus.calls] == ["acme-2024-q3"] and corpus.errors == []


def _unreadable(path: Path) -> bool:
    try:
        path.read_bytes() if path.is_file() else os.listdir(path)
    except PermissionError:
        return True
    return False


def test_an_unreadable_file_is_an_error_and_the_rest_loads(tmp_path):
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    locked = write(tmp_path, "locked.txt", GOOD_CALL)
    locked.chmod(0)
    try:
        if not _unreadable(locked):
            pytest.skip("running as a user who can read any file (root); see the broken-link test")
        corpus = load_corpus([tmp_path])
        assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
        assert "permission denied" in messages(corpus)["locked.txt"]
    finally:
        locked.chmod(0o644)


def test_an_unreadable_folder_is_an_error_and_the_rest_loads(tmp_path):
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    locked = tmp_path / "locked"
    write(locked, "zeta-2024-q1.txt", GOOD_CALL)
    locked.chmod(0)
    try:
        if not _unreadable(locked):
            pytest.skip("running as a user who can read any folder (root)")
        corpus = load_corpus([tmp_path])
        assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
        assert "cannot read folder" in messages(corpus)["locked"]
    finally:
        locked.chmod(0o755)


def test_a_folder_that_cannot_be_listed_is_an_error_and_the_rest_loads(tmp_path, monkeypatch):
    """The same as a chmod-000 folder, for test runs as root (who reads anything)."""
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    locked = tmp_path / "locked"
    write(locked, "zeta-2024-q1.txt", GOOD_CALL)
    real_scandir = os.scandir

    def guarded_scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    corpus = load_corpus([tmp_path], use_cache=False)
    assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
    assert messages(corpus) == {"locked": "cannot read folder: Permission denied"}


# -- corrections in the annotation file ---------------------------------------


def test_call_block_of_the_annotation_file_overrides_inferred_metadata(samples_copy):
    write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"),
          "version: 1\ncall:\n  company: VeriSign Inc\n  fiscal_year: 2004\n  quarter: Q1\n  date: 2004-01-29\n"
          "annotations: []\n")
    corpus = load_corpus([samples_copy])
    call = corpus.by_path(samples_copy / Q4_2003)
    assert (call.company, call.fiscal_year, call.quarter, call.date) == ("VeriSign Inc", 2004, 1, "2004-01-29")
    assert call.id == "verisign-inc-2004-q1"
    assert call.title == "VeriSign Inc Q1 2004 earnings call"
    assert [c.id for c in corpus.calls] == ["verisign-2003-q1", "verisign-inc-2004-q1"]
    assert call.warnings == []


def test_a_title_in_the_call_block_is_used_as_written(samples_copy):
    write(samples_copy, Q1_2003.replace(".txt", ".annotations.yaml"), "call:\n  title: VRSN Q1 FY03 call\n")
    call = load_corpus([samples_copy]).call("verisign-2003-q1")
    assert call.title == "VRSN Q1 FY03 call"


def test_a_malformed_annotation_file_is_a_warning_and_inference_stands(samples_copy):
    sidecar = write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"),
                    "version: 1\ncall:\n  company: [unclosed\n")
    corpus = load_corpus([samples_copy])
    assert corpus.errors == []
    call = corpus.call("verisign-2003-q4")
    (warning,) = call.warnings
    assert warning.severity == "warning" and warning.path == str(sidecar)
    assert warning.line is not None and str(warning).startswith(f"{sidecar}:{warning.line}: ")


def test_a_bad_value_in_the_call_block_is_named_with_its_line_and_the_rest_applies(samples_copy):
    sidecar = write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"),
                    "version: 1\ncall:\n  company: Acme\n  quarter: 7\n")
    call = load_corpus([samples_copy]).by_path(samples_copy / Q4_2003)
    assert call.company == "Acme" and call.quarter == 4
    (warning,) = call.warnings
    assert str(warning).startswith(f"{sidecar}:4: call.quarter")


@pytest.mark.parametrize("value", ["'\u00b2'", "'\u0663'", "'2024.0'", "[3]"])
def test_odd_numbers_in_the_call_block_are_warnings_not_crashes(samples_copy, value):
    write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"), f"version: 1\ncall:\n  quarter: {value}\n")
    call = load_corpus([samples_copy]).by_path(samples_copy / Q4_2003)
    assert call.quarter == 4
    (warning,) = call.warnings
    assert str(warning).startswith(f"{sidecar_path(samples_copy / Q4_2003)}:3: call.quarter")


def test_an_annotation_file_that_is_not_a_mapping_is_a_warning(samples_copy):
    write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"), "- just\n- a list\n")
    corpus = load_corpus([samples_copy])
    assert corpus.call("verisign-2003-q4").warnings[0].severity == "warning"
    assert corpus.errors == []


def test_naming_an_annotation_file_loads_its_call(samples_copy, tmp_path):
    sidecar = write(samples_copy, Q4_2003.replace(".txt", ".annotations.yaml"), "version: 1\nannotations: []\n")
    orphan = write(tmp_path, "gone.annotations.yaml", "version: 1\n")
    corpus = load_corpus([sidecar, orphan])
    assert [c.id for c in corpus.calls] == ["verisign-2003-q4"]
    assert messages(corpus) == {"gone.annotations.yaml": "annotation file whose transcript is missing"}


def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path):
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    os.mkfifo(tmp_path / "pipe.txt")
    corpus = load_corpus([tmp_path, tmp_path / "pipe.txt"])
    assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
    assert "not a regular file" in messages(corpus)["pipe.txt"]


def test_a_permission_error_while_reading_names_the_file(tmp_path, monkeypatch):
    """The same as a chmod-000 file, for test runs as root (who reads anything)."""
    from transcripts import reading as reading_module

    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    locked = write(tmp_path, "locked.txt", GOOD_CALL)
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reading_module, "open", guarded_open, raising=False)
    corpus = load_corpus([tmp_path], use_cache=False)
    assert [c.id for c in corpus.calls] == ["acme-2024-q3"]
    assert messages(corpus) == {"locked.txt": "permission denied; cannot read the file"}


# -- worker processes never re-run a user's script ------------------------------

SCRIPT = """
import sys, threading
sys.path.insert(0, {repo!r})
from transcripts import load_corpus
found = []
def work():
    found.append(load_corpus([{folder!r}], use_cache=False))
def main():
    with open({log!r}, "a") as log:
        log.write("ran\\n")
    t = threading.Thread(target=work); t.start(); t.join(); print(len(found[0].calls))
{body}
"""
UNGUARDED = "main()"
GUARDED = "if __name__ == '__main__':\n    main()"


@pytest.mark.parametrize("body", [UNGUARDED, GUARDED], ids=["unguarded", "guarded"])
def test_loading_from_a_thread_of_a_script_runs_the_script_once(tmp_path, body):
    import subprocess
    import sys

    from tests.conftest import REPO

    folder = tmp_path / "calls"
    for i in range(PARALLEL_THRESHOLD + 10):
        write(folder, f"acme-{2000 + i}-q1.txt", GOOD_CALL)
    log = tmp_path / "runs.log"
    script = write(tmp_path, "script.py", SCRIPT.format(repo=str(REPO), log=str(log), folder=str(folder), body=body))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(PARALLEL_THRESHOLD + 10)
    assert log.read_text() == "ran\n"


# -- the benchmark corpus is made of calls that parse like real ones ---------------


def test_generated_calls_parse_into_the_structure_of_a_real_call(tmp_path):
    import random

    from benchmarks.generate import COMPANIES, write_call

    rng = random.Random(7)
    write(tmp_path, "acme-systems-2024-q3.txt", write_call(rng, 0, 2024, 3, 3000))
    write(tmp_path, "00017_5e1f.txt", write_call(rng, 0, 2024, 2, 3000))
    corpus = load_corpus([tmp_path])
    assert corpus.errors == []
    assert [c.id for c in corpus.calls] == ["acme-systems-2024-q2", "acme-systems-2024-q3"]
    for call in corpus.calls:
        assert call.company == COMPANIES[0] and call.notices and call.qa_start
        roles = {s.role for s in call.speakers}
        assert roles == {"operator", "executive", "analyst"}
        assert all(s.firm for s in call.speakers if s.role == "analyst")
        assert len(call.exchanges) >= 2
        assert 2500 < len(call.text.split()) < 3600


def test_an_empty_path_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    write(tmp_path, "acme-2024-q3.txt", GOOD_CALL)
    monkeypatch.chdir(tmp_path)
    corpus = load_corpus(["", "  "])
    assert corpus.calls == []
    assert [str(e) for e in corpus.errors] == ['"": empty path; a file or folder was expected'] * 2
