"""``earmark search``: JSON for scripts, grouped hits for people, one-line
errors for queries that cannot be understood."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tui import cli

from tests.conftest import REPO

pytestmark = pytest.mark.usefixtures("search_engine")


@pytest.fixture(autouse=True)
def only_search(monkeypatch):
    """The command line builds every command's parser; keep these tests
    about ``search`` alone."""
    monkeypatch.setattr(cli, "COMMANDS", {"search": cli.COMMANDS["search"]})


def run_search(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_shape(samples_copy, capsys):
    code, out, err = run_search(capsys, "defered revnue", str(samples_copy), "--json", "--limit", "5")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["query"] == "defered revnue"
    assert isinstance(doc["elapsed_ms"], (int, float)) and doc["elapsed_ms"] >= 0
    assert 0 < len(doc["hits"]) <= 5
    text_of = {}
    for hit in doc["hits"]:
        assert {"call", "company", "fiscal_year", "quarter", "speaker", "turn", "start", "end",
                "text", "score"} <= hit.keys()
        assert hit["company"] == "VeriSign" and hit["fiscal_year"] == 2003 and hit["quarter"] in (1, 4)
        assert 0 <= hit["score"] <= 100 and "deferred revenue" in hit["text"].lower()
        text_of.setdefault(hit["call"], []).append(hit)
    scores = [h["score"] for h in doc["hits"]]
    assert scores == sorted(scores, reverse=True)
    # offsets point into the transcript as the calls command reads it
    from transcripts import load_corpus

    corpus = load_corpus([samples_copy])
    for hit in doc["hits"]:
        assert corpus.call(hit["call"]).text[hit["start"]:hit["end"]] == hit["text"]


def test_human_output_groups_by_call_and_marks_matches(samples_copy, capsys):
    code, out, _ = run_search(capsys, "defered revnue", str(samples_copy), "--limit", "20")
    assert code == 0
    lines = out.splitlines()
    headers = [ln for ln in lines if ln.startswith("VeriSign ")]
    assert [h.split()[1:3] for h in headers] == [["Q1", "2003"], ["Q4", "2003"]]  # period order
    assert any("*deferred* *revenue*" in ln for ln in lines)
    # 20 of them shown, and the total said: "20 matches" would read as all there are
    assert re.match(r"first 20 of \d+ matches in ", lines[-1])


def test_unknown_filter_is_a_usage_error_on_one_line(samples_copy, capsys):
    code, out, err = run_search(capsys, "revenue speakr:evan", str(samples_copy))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "unknown filter 'speakr:'" in err


def test_no_matches_says_so_with_suggestions(samples_copy, capsys):
    code, out, _ = run_search(capsys, "revnu ", str(samples_copy))
    assert code == 0
    assert out.startswith("no matches for 'revnu'") and "did you mean" in out and "revenue" in out
    code, out, _ = run_search(capsys, "revnu ", str(samples_copy), "--json")
    doc = json.loads(out)
    assert doc["hits"] == [] and "revenue" in doc["suggestions"]


def test_missing_path_is_reported_and_exit_1(tmp_path, capsys):
    code, _, err = run_search(capsys, "revenue", str(tmp_path / "nope"))
    assert code == 1 and "nope" in err


def test_tag_filter_reads_the_annotation_files(samples_copy, capsys):
    from tests.conftest import Q4_2003

    text = (samples_copy / Q4_2003).read_text(encoding="utf-8").replace("\r\n", "\n")
    quote = "we would look for revenues in Q1 to come in at approximately $220 million"
    start = text.index(quote)
    (samples_copy / Q4_2003.replace(".txt", ".annotations.yaml")).write_text(
        "version: 1\n"
        f"transcript: {Q4_2003}\n"
        "annotations:\n"
        "- id: a1\n"
        "  tags: [guidance]\n"
        f"  start: {start}\n"
        f"  end: {start + len(quote)}\n"
        f"  quote: {quote}\n",
        encoding="utf-8",
    )
    code, out, err = run_search(capsys, "revenues tag:guidance", str(samples_copy), "--json")
    assert code == 0, err
    hits = json.loads(out)["hits"]
    assert len(hits) == 1 and quote in hits[0]["text"]


def test_headless_search_does_not_import_textual(samples_copy):
    code = (
        "import sys; from tui import cli; cli.COMMANDS = {'search': 'x'}; "
        f"rc = cli.main(['search', 'margin', {str(samples_copy)!r}, '--json']); "
        "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hits"]


def test_tag_filter_names_an_annotation_file_it_cannot_read(samples_copy, capsys):
    from tests.conftest import Q4_2003

    broken = samples_copy / Q4_2003.replace(".txt", ".annotations.yaml")
    broken.write_text("version: 1\nannotations:\n- id: a1\n  tags: [guidance\n  start: 5\n", encoding="utf-8")
    code, out, err = run_search(capsys, "revenue tag:guidance", str(samples_copy))
    assert code == 1  # an input had problems: the user must not read "no matches" as the answer
    assert f"{broken}:" in err and "YAML" in err
    assert "no matches" in out
