"""The guidance ledger: promises matched to what came later, across calls."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotations.session import CallAnnotations
from annotations.suggest import suggest_call
from tests.conftest import Q1_2003, Q4_2003
from tests.suggest.ledger_calls import write_call
from transcripts.corpus import parse_file
from tui.cli import main


def _ledger(capsys, *args) -> list[dict]:
    assert main(["ledger", *map(str, args), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["ledger"]


@pytest.fixture
def acme_year(tmp_path):
    write_call(tmp_path, 1, 2024, "We expect full-year revenue of $400 to $420 million.")
    write_call(tmp_path, 2, 2024, "We now expect full-year revenue of $420 to $440 million, raising our outlook.")
    write_call(tmp_path, 3, 2024, "We continue to expect full-year revenue of $420 to $440 million.")
    write_call(tmp_path, 4, 2024, "Net sales for the full year were $445.5 million, up 12% from last year.")
    return tmp_path


def test_each_guide_is_matched_to_the_one_before_and_to_the_actual(acme_year, capsys):
    rows = _ledger(capsys, acme_year)
    assert [(r["call"], r["low"], r["high"], r["change"]) for r in rows] == [
        ("acme-2024-q1", 400, 420, "new"),
        ("acme-2024-q2", 420, 440, "raised"),
        ("acme-2024-q3", 420, 440, "maintained"),
    ]
    for r in rows:
        assert (r["metric"], r["period"], r["unit"]) == ("revenue", "FY2024", "USD million")
        assert r["actual"]["call"] == "acme-2024-q4" and r["actual"]["value"] == 445.5
        assert r["outcome"] == "beat"
        assert r["source"] == "suggested" and r["speaker"] == "Jane Roe"
    assert rows[0]["difference"] == pytest.approx(25.5)
    assert rows[1]["difference"] == pytest.approx(5.5)
    assert rows[1]["previous"]["call"] == "acme-2024-q1"


def test_a_lowered_guide_and_a_miss(tmp_path, capsys):
    write_call(tmp_path, 1, 2024, "We expect full-year revenue of $400 to $420 million.")
    write_call(tmp_path, 2, 2024, "We now expect full-year revenue of $380 to $390 million.")
    write_call(tmp_path, 4, 2024, "Revenue for the full year was $370 million.")
    rows = _ledger(capsys, tmp_path)
    assert [r["change"] for r in rows] == ["new", "lowered"]
    assert [r["outcome"] for r in rows] == ["miss", "miss"]
    assert rows[1]["difference"] == pytest.approx(-10)


def test_a_user_alias_joins_two_spellings(tmp_path, capsys, earmark_home):
    write_call(tmp_path, 1, 2024, "We expect full-year subscription income of $90 to $100 million.")
    write_call(tmp_path, 4, 2024, "Revenue for the full year was $97 million.")
    calls = [parse_file(p) for p in sorted(tmp_path.glob("*.txt"))]
    for call in calls:
        session = CallAnnotations(call)
        for s in suggest_call(call):
            session.add(s.start, s.end, s.tags, fields={**s.fields, "metric": s.fields.get("metric", "subscription income")})
        assert session.save().ok
    rows = _ledger(capsys, tmp_path)
    assert rows and rows[0]["actual"] is None, "two spellings, no match yet"
    config = earmark_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "metrics.yaml").write_text("aliases:\n  subscription income: revenue\n", encoding="utf-8")
    rows = _ledger(capsys, tmp_path)
    assert rows[0]["metric"] == "revenue"
    assert rows[0]["actual"]["value"] == 97 and rows[0]["outcome"] == "in range"
    assert rows[0]["source"] == "annotation"


def test_a_broken_metrics_file_is_one_line_and_the_ledger_still_runs(tmp_path, capsys, earmark_home):
    write_call(tmp_path, 1, 2024, "We expect full-year revenue of $400 to $420 million.")
    config = earmark_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "metrics.yaml").write_text("aliases: [unclosed\n", encoding="utf-8")
    assert main(["ledger", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["ledger"]
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "metrics.yaml" in lines[0]


def test_across_the_two_sample_quarters_capex_came_in_below_the_guided_range(samples_copy, capsys):
    """Q1 2003: "We still look for the 2003 capital budget to be in our
    anticipated range of $120-130 million." Q4 2003: "For the year, capital
    expenditures came in at $107 million." The reviewer accepts both."""
    for name, words, tag in ((Q1_2003, "2003 capital budget", "guidance"), (Q4_2003, "capital expenditures came in at $107", "metric")):
        call = parse_file(samples_copy / name)
        s = next(s for s in suggest_call(call, limit=None, tag=tag) if words in s.text)
        session = CallAnnotations(call)
        session.add(s.start, s.end, s.tags, fields=s.fields)
        assert session.save().ok
    rows = _ledger(capsys, samples_copy)
    capex = [r for r in rows if r["metric"] == "capital expenditures" and r["period"] == "FY2003"]
    assert len(capex) == 1
    row = capex[0]
    assert (row["low"], row["high"], row["call"], row["speaker"]) == (120, 130, "verisign-2003-q1", "Dana Evan")
    assert row["actual"]["value"] == 107 and row["actual"]["call"] == "verisign-2003-q4"
    assert row["position"] == "below" and row["difference"] == -13
    assert row["outcome"] == "beat", "spending less than guided is the good side of a cost"


def test_markdown_and_csv_hold_the_same_rows(acme_year, capsys):
    assert main(["ledger", str(acme_year), "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["change"] for r in table] == ["new", "raised", "maintained"]
    assert {r["actual"] for r in table} == {"445.5"}
    assert main(["ledger", str(acme_year), "--company", "acme"]) == 0
    md = capsys.readouterr().out
    assert md.count("| Acme | revenue | FY2024 |") == 3 and "(suggested)" in md
    assert main(["ledger", str(acme_year), "--company", "globex"]) == 0
    assert "No guidance" in capsys.readouterr().out


def test_an_alias_with_an_ampersand_is_read_and_an_alias_bomb_is_one_line(tmp_path, capsys, earmark_home):
    from annotations.ledger import load_metric_names

    config = earmark_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    path = config / "metrics.yaml"
    path.write_text("aliases:\n  R&D spending: research and development\n", encoding="utf-8")
    names, problems = load_metric_names()
    assert not problems and names.canonical("r&d  spending") == "research and development"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    ) + "aliases: *i\n"
    path.write_text(bomb, encoding="utf-8")
    names, problems = load_metric_names()
    assert len(problems) == 1 and str(path) in str(problems[0]) and "\n" not in str(problems[0])
    assert names.aliases == {}
