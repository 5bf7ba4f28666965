"""The Markdown export, made through the command line (`earmark tag` then
`earmark export`): each highlight once, only the sections asked for, a
metrics table of values, and fiscal quarters never in a calendar quarter's
column."""

from __future__ import annotations

import os
from pathlib import Path

from tui import cli


def earmark(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def write_call(folder: Path, name: str, opening: str, speech: str) -> Path:
    path = folder / name
    path.write_text(
        f"Operator\n{opening}\n"
        f"Jane Roe - Chief Financial Officer\n{speech}\n"
        "Operator\nWe will now begin the question-and-answer session. Our first question comes from "
        "Sam Lee with UBS.\nSam Lee - Analyst\nHow is demand?\n",
        encoding="utf-8",
    )
    return path


def tag(capsys, path: Path, text: str, *tags: str, note: str = "") -> None:
    args = ["tag", path, "--find", text]
    for t in tags:
        args += ["--tag", t]
    if note:
        args += ["--note", note]
    assert earmark(capsys, *args)[0] == 0


def set_fields(path: Path, **fields) -> None:
    """Give the file's (only) annotation structured fields, as the note
    form of the app would."""
    sidecar = path.with_suffix(".annotations.yaml")
    text = sidecar.read_text(encoding="utf-8")
    body = "\n".join(f"    {k}: {v}" for k, v in fields.items())
    sidecar.write_text(text.rstrip("\n") + "\n  fields:\n" + body + "\n", encoding="utf-8")


def export_md(capsys, *args) -> str:
    code, out, _ = earmark(capsys, "export", *args, "--format", "md")
    assert code == 0
    return out


def test_a_highlight_with_two_tags_is_listed_once(tmp_path, capsys):
    path = write_call(tmp_path, "acme-2024-q3.txt", "Welcome to the Acme third quarter 2024 call.",
                      "We expect revenue of about $90 million next quarter.")
    tag(capsys, path, "We expect revenue of about $90 million", "guidance", "risk")
    md = export_md(capsys, path)
    assert md.count("> We expect revenue of about \\$90 million") == 1
    assert "**Tags:** guidance, risk" in md


def test_tag_guidance_prints_no_metrics_section(tmp_path, capsys):
    path = write_call(tmp_path, "acme-2024-q3.txt", "Welcome to the Acme third quarter 2024 call.",
                      "Revenue was $80 million. We expect revenue of about $90 million next quarter.")
    tag(capsys, path, "Revenue was $80 million", "metric")
    tag(capsys, path, "We expect revenue of about $90 million", "guidance", "metric")
    other = write_call(tmp_path, "acme-2024-q4.txt", "Welcome to the Acme fourth quarter 2024 call.",
                       "Revenue was $90 million. We expect growth.")
    tag(capsys, other, "Revenue was $90 million", "metric")
    tag(capsys, other, "We expect growth", "guidance")
    md = export_md(capsys, tmp_path, "--tag", "guidance")
    assert "Metrics" not in md
    assert "### Guidance" in md and "## Guidance" in md
    assert "Revenue was $80 million" not in md


def test_a_metric_without_a_value_stays_out_of_the_quarter_table(tmp_path, capsys):
    q3 = write_call(tmp_path, "acme-2024-q3.txt", "Welcome to the Acme third quarter 2024 call.",
                    "Revenue was $80 million in the quarter.")
    tag(capsys, q3, "Revenue was $80 million", "metric", note="a long note about revenue that is prose")
    q4 = write_call(tmp_path, "acme-2024-q4.txt", "Welcome to the Acme fourth quarter 2024 call.",
                    "Revenue was $90 million in the quarter.")
    tag(capsys, q4, "Revenue was $90 million", "metric")
    set_fields(q4, metric="revenue", value=90, unit="USD million")
    md = export_md(capsys, tmp_path)
    table = md[md.index("## Metrics by quarter"):md.index("## VeriSign") if "## VeriSign" in md else None]
    table = table[: table.index("\n## ", 5)]
    rows = [ln for ln in table.splitlines() if ln.startswith("| ") and "---" not in ln]
    assert rows[0].split("|")[1:-1] == [" Metric ", " Q3 2024 ", " Q4 2024 "] or "Q4 2024" in rows[0]
    assert len(rows) == 2 and "90 USD million" in rows[1]
    assert "a long note" not in table and "Revenue was $80" not in table
    assert "1 metric highlight without a value is listed under its call below." in table
    assert "a long note about revenue" in md  # still exported, under its call


def test_fiscal_and_calendar_quarters_get_their_own_columns(tmp_path, capsys):
    darden = write_call(
        tmp_path, "DRI_q4_2021.txt",
        "Welcome to the Darden Restaurants fiscal 2021 fourth quarter earnings call.",
        "Sales for the fourth quarter ended May 30, 2021 were $2.3 billion.")
    bank = write_call(
        tmp_path, "firstbank-2021-q4.txt",
        "Welcome to the First Bank fourth quarter 2021 earnings call. Today is January 18, 2022.",
        "Net income for the fourth quarter ended December 31, 2021 was $1 billion.")
    tag(capsys, darden, "were $2.3 billion", "metric")
    set_fields(darden, metric="sales", value=2.3, unit="USD billion")
    tag(capsys, bank, "was $1 billion", "metric")
    set_fields(bank, metric="net income", value=1, unit="USD billion")
    md = export_md(capsys, tmp_path)
    header = next(ln for ln in md.splitlines() if ln.startswith("| Company"))
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert "FY2021 Q4" in cells and "Q4 2021" in cells
    assert "## Darden Restaurants — FY2021 Q4" in md


def test_an_export_never_writes_over_a_transcript(tmp_path, capsys):
    """``-o`` naming one of the calls (directly, or through a link to it)
    is refused and the call is left as it was; a new file is written."""
    call = write_call(tmp_path, "acme-2024-q1.md", "Welcome to the Acme first quarter 2024 call.",
                      "Revenue grew 12% to $40 million.")
    tag(capsys, call, "Revenue grew", "metric")
    before = call.read_bytes()
    link = tmp_path / "elsewhere.md"
    link.symlink_to(call)
    hard = tmp_path / ".elsewhere" / "same-file.md"  # a hidden folder: not walked, not a second call
    hard.parent.mkdir()
    os.link(call, hard)
    for out in (call, link, hard):
        code, _, err = earmark(capsys, "export", tmp_path, "-o", out)
        assert code == 2 and "is one of the transcripts being exported" in err
        assert call.read_bytes() == before
    code, _, _ = earmark(capsys, "export", tmp_path, "-o", tmp_path / "summary.txt")
    assert code == 0 and "Revenue grew" in (tmp_path / "summary.txt").read_text(encoding="utf-8")
