"""What a reader of each export format relies on: CSV that Python's csv
module (and so a spreadsheet) reads back exactly, JSON with provenance that
checks out against the transcript, and Markdown whose tables and quotes
render as intended (checked by rendering it with markdown-it, the CommonMark
parser Textual's Markdown widget uses)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from annotations.export import build_filter, export_records, load_sources, render
from annotations.export.csv_export import BASE_COLUMNS
from annotations.model import FIELD_KEYS
from export_fixture import ORPHAN, Q1_2003, Q4_2003, build_fixture


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    calls = build_fixture(tmp_path)
    monkeypatch.chdir(tmp_path)
    return calls


def _yaml_annotations(folder: Path) -> dict[str, dict]:
    import yaml

    out = {}
    for f in sorted(folder.glob("*.annotations.yaml")):
        for a in yaml.safe_load(f.read_text(encoding="utf-8"))["annotations"]:
            out[a["id"]] = a
    return out


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def test_csv_round_trips_through_the_csv_module(folder):
    result = export_records(load_sources([folder]), "csv")
    assert "\r\n" in result.text  # RFC 4180 record separator
    rows = list(csv.DictReader(io.StringIO(result.text, newline="")))
    written = _yaml_annotations(folder)
    assert {r["id"] for r in rows} == set(written)
    header = next(csv.reader(io.StringIO(result.text, newline="")))
    assert header[: len(BASE_COLUMNS) + len(FIELD_KEYS)] == [*BASE_COLUMNS, *FIELD_KEYS]
    for row in rows:
        ann = written[row["id"]]
        # The exact note, with its quotes, commas, line breaks and non-ASCII text.
        assert row["note"] == ann.get("note", "")
        assert row["quote"] == ann["quote"]
        assert row["tags"].split(";") == ann["tags"]
        for key, value in ann.get("fields", {}).items():
            assert row[key] == str(value)
    by_id = {r["id"]: r for r in rows}
    assert "\n" in by_id["q1def1"]["note"] and '"' in by_id["q1rev1"]["note"]
    assert "日本語" in by_id["q1gat1"]["note"]
    assert by_id["q1ana1"]["role"] == "analyst" and by_id["q1ana1"]["firm"] == "RBC Capital Markets"
    assert by_id["q1ana1"]["section"] == "qa"
    assert by_id["q4orph"]["status"] == "orphaned"


def test_csv_file_opens_as_utf8_in_a_spreadsheet(folder, tmp_path):
    """Excel needs the byte-order mark to read UTF-8; with it, csv reads the
    file back exactly when opened as utf-8-sig."""
    from annotations.export import write_export

    result = export_records(load_sources([folder]), "csv")
    out = write_export(tmp_path / "out.csv", result.text, "csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == list(csv.reader(io.StringIO(result.text, newline="")))


def test_json_round_trips_and_carries_provenance(folder):
    result = export_records(load_sources([folder]), "json")
    doc = json.loads(result.text)
    texts = {}
    for name in (Q1_2003, Q4_2003):
        raw = (folder / name).read_bytes()
        texts[name] = (raw.decode("utf-8").replace("\r\n", "\n"), hashlib.sha256(raw).hexdigest())
    written = _yaml_annotations(folder)
    assert {a["id"] for a in doc["annotations"]} == set(written)
    for a in doc["annotations"]:
        text, sha = texts[Path(a["path"]).name]
        assert a["sha256"] == sha
        assert a["fields"] == written[a["id"]].get("fields", {})
        assert a["note"] == written[a["id"]].get("note", "")
        if a["status"] == "orphaned":
            assert a["id"] == ORPHAN["id"] and a["quote"] == ORPHAN["quote"]
            assert a["turn"] is None and a["line"] is None
        else:
            assert text[a["start"]:a["end"]] == a["quote"]
            assert a["location"] == f"{a['path']}:{text.count(chr(10), 0, a['start']) + 1}"
    assert doc["orphaned"] == 1
    assert [c["quarter"] for c in doc["calls"]] == [1, 4]  # period order, not file-name order
    # turn: the 0-based index of the JSON outputs; turn_number: what the app shows.
    from transcripts import load_corpus

    calls = {c.id: c for c in load_corpus([folder]).calls}
    for a in doc["annotations"]:
        if a["status"] != "orphaned":
            turn = calls[a["call"]].turns[a["turn"]]
            assert turn.line_start <= a["start"] < turn.end
            assert a["turn_number"] == a["turn"] + 1 and a["speaker"] == turn.speaker.name
            assert a["section"] == turn.section and a["role"] == turn.speaker.role


def _tables(html: str) -> list[list[list[str]]]:
    tables = []
    for t in re.findall(r"<table>(.*?)</table>", html, re.S):
        rows = []
        for tr in re.findall(r"<tr>(.*?)</tr>", t, re.S):
            rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)])
        tables.append(rows)
    return tables


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_metrics_by_quarter_table_across_the_two_sample_quarters(folder):
    text = export_records(load_sources([folder]), "md").text
    assert text.index("## Metrics by quarter") < text.index("## Guidance") < text.index("## VeriSign")
    metrics, guidance = _tables(_html(text))
    header, *rows = metrics
    assert header == ["Metric", "Q1 2003", "Q4 2003"]  # period order although Q4's file sorts first
    by_name = {r[0]: r[1:] for r in rows}
    assert by_name["revenue"] == ["270 USD million", "252 USD million"]
    assert by_name["deferred revenue"] == ["495 USD million", "339 USD million"]
    # No metric field: the row is named by the note, its pipe kept inside the cell.
    assert by_name["EPS | pro forma"] == ["", "0.17 USD"]
    assert all(len(r) == 3 for r in rows)
    assert guidance[0] == ["Call", "Item", "Range", "Period", "Speaker"]
    assert ["VeriSign Q1 2003", "revenue", "260–265 USD million", "Q2 2003", "Dana Evan"] in guidance[1:]
    assert ["VeriSign Q4 2003", "revenue", "220 USD million", "Q1 2004", "Dana Evan"] in guidance[1:]


def test_a_single_call_has_no_cross_quarter_tables(folder):
    text = export_records(load_sources([folder / Q1_2003]), "md").text
    assert text.startswith("# VeriSign — Q1 fiscal 2003\n")
    assert "Metrics by quarter" not in text and "<table>" not in _html(text)


def test_markdown_groups_by_tag_and_quotes_exactly(folder):
    text = export_records(load_sources([folder]), "md").text
    q4 = text[text.index("## VeriSign — Q4 fiscal 2003"):text.index("## Orphaned")]
    headings = re.findall(r"^### (.+)$", q4, re.M)
    # each highlight once, under its first tag (the risk one is also guidance)
    assert headings == ["Metrics", "Guidance", "capex", "housekeeping"]
    # Every line of a multi-paragraph quote is part of the block quote.
    lines = q4.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("> Free cash flow"))
    assert lines[start + 1] == ">" and lines[start + 2].startswith("> To sum up")
    html = _html(text)
    assert "<blockquote>\n<p>Free cash flow" in html
    assert "</p>\n<p>To sum up the cash flow picture for the year</p>\n</blockquote>" in html
    # Speaker, title and role; note; fields on one line; where.
    assert "— **Steve Jue**, Analyst, RBC Capital Markets (analyst)" in text
    assert "- **Fields:** metric: revenue · value: 220 · unit: USD million · period: Q1 2004" in text
    assert re.search(r"- \*\*Where:\*\* turn \d+, Q&A, `calls/001_c59ed768412944d4\.txt:\d+`", text)
    # Text that looks like Markdown or HTML comes out as the text itself.
    assert "<b>" not in html and "&lt;b&gt;not HTML&lt;/b&gt;" in html
    assert "$270 million" in html and "\\$" not in html
    assert "<em>below</em>" not in html and "*below*" in html


def test_orphaned_annotations_are_listed_not_dropped(folder):
    md = export_records(load_sources([folder]), "md").text
    orphaned = md[md.index("## Orphaned"):]
    assert ORPHAN["quote"] in orphaned and ORPHAN["note"] in orphaned
    assert "000_8965172836b0001b.annotations.yaml" in orphaned
    # It is not counted among the call's anchored highlights or the metrics table.
    assert ORPHAN["quote"] not in md[: md.index("## Orphaned")]
    assert "gross margin" not in md[: md.index("## Orphaned")]


def test_filters_select_records(folder):
    sources = load_sources([folder])

    def ids(**kw) -> set[str]:
        return {r.id for r in export_records(sources, "json", build_filter(**kw)).records}

    assert ids(tags=["guidance"]) == {"q1gd01", "q4gd01", "q4gd02"}
    assert ids(tags=["GUIDANCE", "risk"]) == {"q1gd01", "q4gd01", "q4gd02"}
    # Speaker identity across quarters: one spelling finds both.
    assert ids(speakers=["gatoff"]) == {"q1gat1", "q4gat1"}
    assert ids(since="2003q2") == {r for r in ids() if r.startswith("q4")}
    assert ids(until="Q1 2003") == {r for r in ids() if r.startswith("q1")}
    assert ids(since="2003", until="2003") == ids()
    assert ids(words="role:analyst") == {"q1ana1"}
    # An orphan's section is unknown: kept (and listed as orphaned) rather than dropped.
    assert ids(words="section:qa") == {"q1ana1", "q4orph"}
    assert ids(words="2003q4 tag:guidance") == {"q4gd01", "q4gd02"}
    assert ids(words='"deferred revenue" company:verisign') == {"q1def1", "q4def1"}


def test_bad_filters_are_refused_with_a_message():
    from annotations.export import FilterError

    for kw in ({"words": "speakr:evan"}, {"since": "spring"}, {"since": "2004q1", "until": "2003q4"},
               {"words": "role:banker"}):
        with pytest.raises(FilterError) as info:
            build_filter(**kw)
        assert str(info.value)


def test_formats_render_empty_selections(folder):
    sources = load_sources([folder])
    flt = build_filter(tags=["no-such-tag"])
    assert "No highlights match." in export_records(sources, "md", flt).text
    assert json.loads(export_records(sources, "json", flt).text)["annotations"] == []
    rows = list(csv.reader(io.StringIO(export_records(sources, "csv", flt).text)))
    assert len(rows) == 1 and rows[0][0] == "call"
    assert render([], "md").startswith("# Highlights")
