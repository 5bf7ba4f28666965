"""The ``call:`` block of annotation files as the corpus loader reads it.

Loading a folder reads every call's annotation file only for its optional
``call:`` corrections; the annotations themselves belong to the annotation
store. These tests pin what a user sees (corrections, warnings with their
line, the annotation count of ``earmark calls``) when the loader no longer
parses whole annotation files to find that block.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import transcripts.call_overrides as call_overrides
from tests.conftest import Q1_2003, Q4_2003
from transcripts import load_corpus
from transcripts.call_overrides import read_sidecar_info

ANNOTATIONS = (
    "annotations:\n"
    "- id: a1\n  tags: [metric]\n  start: 10\n  end: 20\n  quote: 'call: not a key here'\n"
    "  note: |\n    call: inside a block scalar\n    more\n"
    "- id: a2\n  tags:\n  - guidance\n  start: 30\n  end: 40\n  quote: x\n"
)


def _sidecar(folder: Path, name: str, text: str) -> Path:
    path = folder / name.replace(".txt", ".annotations.yaml")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_whole_file_parse(monkeypatch):
    """Fails a test if the loader parses a whole annotation file: on 1,000
    annotated calls that doubled the time of ``earmark export``."""
    real = yaml.load
    parsed: list[str] = []

    def load(stream, Loader):  # noqa: N803 - PyYAML's name
        text = stream if isinstance(stream, str) else stream.read()
        if "annotations:" in text:
            parsed.append(text)
        return real(text, Loader=Loader)

    monkeypatch.setattr(call_overrides.yaml, "load", load)
    return parsed


def test_a_file_without_a_call_block_is_not_parsed_on_load(samples_copy, no_whole_file_parse):
    _sidecar(samples_copy, Q4_2003, "version: 1\ntranscript: x.txt\n" + ANNOTATIONS)
    corpus = load_corpus([samples_copy])
    call = corpus.call("verisign-2003-q4")
    assert call.warnings == [] and call.company == "VeriSign"
    assert no_whole_file_parse == []
    assert corpus.annotation_count(call) == 2  # still right, counted when asked


def test_a_call_block_after_the_annotations_applies_without_parsing_them(samples_copy, no_whole_file_parse):
    _sidecar(samples_copy, Q4_2003, "version: 1\n" + ANNOTATIONS + "call:\n  company: Acme  # fixed\n  quarter: Q1\n")
    corpus = load_corpus([samples_copy])
    call = corpus.by_path(samples_copy / Q4_2003)
    assert (call.company, call.quarter, call.warnings) == ("Acme", 1, [])
    assert no_whole_file_parse == []
    assert corpus.annotation_count(call) == 2


def test_a_bad_value_in_a_late_call_block_names_its_line_in_the_whole_file(samples_copy):
    text = "version: 1\n" + ANNOTATIONS + "call:\n  company: Acme\n  fiscal_year: soon\n"
    sidecar = _sidecar(samples_copy, Q1_2003, text)
    call = load_corpus([samples_copy]).by_path(samples_copy / Q1_2003)
    line = text.splitlines().index("  fiscal_year: soon") + 1
    (warning,) = call.warnings
    assert str(warning).startswith(f"{sidecar}:{line}: call.fiscal_year")
    assert call.company == "Acme"


def test_broken_yaml_inside_a_late_call_block_is_a_warning_with_its_line(samples_copy):
    text = "version: 1\n" + ANNOTATIONS + "call:\n  company: [Acme\n"
    sidecar = _sidecar(samples_copy, Q1_2003, text)
    call = load_corpus([samples_copy]).by_path(samples_copy / Q1_2003)
    (warning,) = call.warnings
    assert warning.path == str(sidecar) and "not valid YAML" in warning.message
    assert warning.line is not None and warning.line > text.count("\n") - 2
    assert call.company == "VeriSign"


@pytest.mark.parametrize("text", ["- just\n- a list\n", "# a comment\n[1, 2]\n", "just words\n"])
def test_a_file_that_is_not_a_mapping_is_still_a_warning(tmp_path, text):
    transcript = tmp_path / "acme-2024-q3.txt"
    transcript.write_text("Operator\nHello.\n", encoding="utf-8")
    _sidecar(tmp_path, transcript.name, text)
    info = read_sidecar_info(transcript)
    assert info is not None and len(info.problems) == 1
    assert info.problems[0].severity == "warning" and info.annotation_count == 0


def test_a_byte_order_mark_before_the_call_block_is_allowed(tmp_path):
    transcript = tmp_path / "acme-2024-q3.txt"
    transcript.write_text("Operator\nHello.\n", encoding="utf-8")
    (tmp_path / "acme-2024-q3.annotations.yaml").write_bytes("\ufeffcall:\n  company: Acme\n".encode())
    info = read_sidecar_info(transcript)
    assert info is not None and info.overrides == {"company": "Acme"} and info.problems == []


@pytest.mark.parametrize("where", ["call", "annotations"])
def test_a_hostile_nesting_is_a_warning_not_a_crash(samples_copy, where):
    """libyaml recurses on the C stack: without the guard, loading this folder
    killed the process with a segmentation fault. It runs in a subprocess so
    a regression fails the test instead of the test run."""
    import subprocess
    import sys

    deep = "[" * 200_000 + "]" * 200_000
    _sidecar(samples_copy, Q4_2003, f"version: 1\n{where}: {deep}\n")
    code = (
        "import sys; from transcripts import load_corpus; "
        "from transcripts.call_overrides import read_sidecar_info; "
        f"c = load_corpus([{str(samples_copy)!r}], use_cache=False); "
        f"info = read_sidecar_info({str(samples_copy / Q4_2003)!r}); "
        "print(len(c.calls), info.annotation_count); "
        "print('\\n'.join(str(w) for call in c.calls for w in call.warnings))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    calls, count = done.stdout.splitlines()[0].split()
    assert (calls, count) == ("2", "0")
    if where == "call":
        assert "nests more than 100 levels deep" in done.stdout
