"""JSON transcripts in the shapes datasets and transcript APIs use: each
read into speakers, turns and the period the file states."""

from __future__ import annotations

import json

import pytest

from format_fixtures import (
    ANALYST_Q, CEO_ANSWER, CFO_GUIDE, CFO_OPENING, JSON_API, JSON_DATASET, JSON_TURNS, write_json,
)
from transcripts import load_corpus, parse_file
from tui import cli


def _turns(call) -> list[tuple[str, str]]:
    return [(t.speaker.name, call.text[t.start : t.end]) for t in call.turns]


def test_the_dataset_shape(tmp_path):
    call = parse_file(write_json(tmp_path / "export-001.json", JSON_DATASET))
    assert call.format == "json"
    assert _turns(call)[1:] == [
        ("Jane Roe", f"{CFO_OPENING}\n{CFO_GUIDE}"),
        ("Operator", "Our first question comes from Sam Lee with Big Bank."),
        ("Sam Lee", ANALYST_Q),
        ("John Smith", CEO_ANSWER),
    ]
    assert [t.section for t in call.turns] == ["prepared", "prepared", "qa", "qa", "qa"]
    by_name = {s.name: s for s in call.speakers}
    assert by_name["Jane Roe"].title == "Chief Financial Officer"  # from the participants list
    assert (by_name["Sam Lee"].firm, by_name["Sam Lee"].role) == ("Big Bank", "analyst")
    # the file states the company and period; a file name saying nothing is no loss
    assert (call.company, call.fiscal_year, call.quarter, call.date) == ("Acme Corp", 2024, 3, "2024-10-24")


def test_the_transcript_api_shape(tmp_path):
    call = parse_file(write_json(tmp_path / "ACME.json", JSON_API))
    assert "\r" not in call.text
    assert call.text.splitlines()[1] == f"Jane Roe: {CFO_OPENING}"
    assert (call.fiscal_year, call.quarter, call.date) == (2024, 3, "2024-10-24")
    assert call.company  # from the call's words or its symbol, never empty
    assert not call.warnings


def test_an_api_answer_with_several_calls_reads_the_first_and_says_so(tmp_path):
    later = dict(JSON_API[0], quarter=4, content="Operator: Welcome to the fourth quarter call.")
    path = write_json(tmp_path / "acme.json", [JSON_API[0], later])
    call = parse_file(path)
    assert call.quarter == 3
    assert [str(w) for w in call.warnings] == [f"{path}: holds 2 transcripts; only the first is read (save one call a file)"]


def test_a_plain_list_of_speaker_and_text(tmp_path):
    call = parse_file(write_json(tmp_path / "acme-2024-q3.json", JSON_TURNS))
    assert [name for name, _ in _turns(call)] == ["Operator", "Jane Roe", "Sam Lee", "John Smith"]
    assert _turns(call)[1] == ("Jane Roe", f"{CFO_OPENING}\n{CFO_GUIDE}")  # one speaker's turns merge
    by_name = {s.name: s for s in call.speakers}
    assert by_name["Jane Roe"].title == "Chief Financial Officer"
    assert by_name["Sam Lee"].firm == "Big Bank"


def test_show_json_offsets_index_the_rendered_text(tmp_path, capsys):
    path = write_json(tmp_path / "acme.json", JSON_DATASET)
    assert cli.main(["show", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    text = parse_file(path).text
    assert shown["format"] == "json" and len(shown["turns"]) == 5
    assert all(t["text"] == text[t["start"] : t["end"]] for t in shown["turns"])


def test_bad_json_names_the_file_and_the_line(tmp_path):
    good = write_json(tmp_path / "good.json", JSON_TURNS)
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"speaker": "Operator", "text": "Welcome."},\n  {"speaker": "Jane Roe" "text": "Hi."}\n]\n',
                   encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [c.path for c in corpus.calls] == [str(good)]
    (error,) = corpus.errors
    assert error.path == str(bad) and error.line == 3
    assert str(error).startswith(f"{bad}:3: not valid JSON (") and "\n" not in str(error)


@pytest.mark.parametrize("doc, says", [
    ({"calls": [], "highlights": 3}, "JSON in a shape Earmark does not read"),
    ("just a string", "JSON holds no transcript"),
    ([{"speaker": "Operator"}], "JSON holds no speech"),
])
def test_json_of_another_shape_is_a_one_line_error(tmp_path, doc, says):
    path = write_json(tmp_path / "other.json", doc)
    (error,) = load_corpus([path]).errors
    assert str(error).startswith(f"{path}: {says}") and "\n" not in str(error)


def test_an_export_saved_beside_the_calls_is_not_read_as_a_transcript(tmp_path):
    write_json(tmp_path / "acme.json", JSON_TURNS)
    (tmp_path / "acme.highlights.json").write_text('{"calls": []}', encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert len(corpus.calls) == 1 and not corpus.errors


def test_calls_json_says_each_calls_format(tmp_path, capsys):
    write_json(tmp_path / "a.json", JSON_TURNS)
    (tmp_path / "b.txt").write_text("Operator\nWelcome to the call, everyone, and thank you for joining.\n",
                                    encoding="utf-8")
    (tmp_path / "c.md").write_text("Operator\nWelcome to the call, everyone, and thank you for joining.\n",
                                   encoding="utf-8")
    assert cli.main(["calls", str(tmp_path), "--json"]) == 0
    calls = json.loads(capsys.readouterr().out)["calls"]
    assert sorted((c["path"].rsplit("/", 1)[1], c["format"]) for c in calls) == [
        ("a.json", "json"), ("b.txt", "txt"), ("c.md", "md")]


def test_hostile_nesting_is_read_or_refused_in_one_line(tmp_path):
    deep = {"participants": {"x": {}}, "prepared_remarks": [{"speaker": "Operator", "text": [[["Welcome."]]]}]}
    node = deep["participants"]["x"]
    for _ in range(500):
        node["x"] = {}
        node = node["x"]
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(deep), encoding="utf-8")
    corpus = load_corpus([path])
    assert [str(e) for e in corpus.errors] == [f"{path}: JSON holds no speech (its turns have no text)"]
    (tmp_path / "deeper.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (error,) = load_corpus([tmp_path / "deeper.json"]).errors
    assert "\n" not in str(error) and str(error).startswith(f"{tmp_path / 'deeper.json'}: ")
