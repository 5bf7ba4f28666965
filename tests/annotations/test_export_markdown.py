"""Markdown built from arbitrary user text renders as that text: checked by
rendering with markdown-it (CommonMark + tables), as GitHub and Textual's
Markdown widget would."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from annotations.export.markdown import metrics_table, render_markdown
from annotations.export.markdown_text import block_quote, escape_cell, escape_line
from annotations.export.records import CallInfo, ExportRecord
from annotations.export.filters import parse_period

MD = MarkdownIt("commonmark").enable("table")


def _text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').strip()


def test_lines_that_look_like_markdown_stay_text():
    for line in ["# not a heading", "- not a list", "1. not a list", "> not a quote", "---",
                 "*not emphasis*", "[not](a-link)", "$2 to $3 million", "a | b", "<script>x</script>",
                 "back\\slash", "&amp; stays", "2003. A year"]:
        html = MD.render(escape_line(line))
        assert html.startswith("<p>"), (line, html)
        assert _text_of(html) == line, (line, html)


def test_table_cells_hold_pipes_and_line_breaks():
    cell = escape_cell("EPS | pro forma\nsecond line")
    html = MD.render(f"| a | b |\n| --- | --- |\n| {cell} | x |\n")
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells == ["EPS | pro forma second line", "x"]


def test_block_quote_prefixes_every_line():
    lines = block_quote("first paragraph\nsecond paragraph\n\nthird")
    assert all(ln.startswith(">") for ln in lines)
    html = MD.render("\n".join(lines))
    assert html.count("<blockquote>") == 1 and html.count("<p>") == 3


def _call(company: str, year: int, quarter: int) -> CallInfo:
    return CallInfo(f"{company.lower()}-{year}-q{quarter}", f"{company}.txt", company, year, quarter, None, "0" * 64)


def _metric(call: CallInfo, name: str, value, unit="USD million") -> ExportRecord:
    return ExportRecord(call, f"{call.id}-{name}", ["metric"], f"{name} was {value}", "",
                        {"metric": name, "value": value, "unit": unit}, 0, 10, "anchored")


def test_metrics_table_orders_quarters_and_separates_companies():
    a1, a2 = _call("Acme", 2024, 2), _call("Acme", 2023, 4)
    b1 = _call("Beta", 2024, 1)
    recs = [_metric(a1, "revenue", 120), _metric(a2, "revenue", 110), _metric(b1, "Revenue", 7.5),
            _metric(a1, "margin", 41, "%")]
    html = MD.render("\n".join(metrics_table(recs)))
    rows = [[_text_of(c) for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", tr)] for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S)]
    assert rows[0] == ["Company", "Metric", "Q4 2023", "Q1 2024", "Q2 2024"]
    assert ["Acme", "revenue", "110 USD million", "", "120 USD million"] in rows
    assert ["Acme", "margin", "", "", "41%"] in rows
    assert ["Beta", "Revenue", "", "7.5 USD million", ""] in rows


def test_several_values_in_one_quarter_share_the_cell():
    c = _call("Acme", 2024, 1)
    text = render_markdown([_metric(c, "revenue", 100), _metric(c, "revenue", 101),
                            _metric(_call("Acme", 2024, 2), "revenue", 102)])
    assert "| revenue | 100 USD million; 101 USD million | 102 USD million |" in text


def test_period_forms():
    assert parse_period("2003q1") == (2003, 1)
    assert parse_period("2003-Q4") == (2003, 4)
    assert parse_period("Q2 2004") == (2004, 2)
    assert parse_period("3Q03") == (2003, 3)
    assert parse_period("2003") == (2003, 1)
    assert parse_period("2003", end=True) == (2003, 4)
