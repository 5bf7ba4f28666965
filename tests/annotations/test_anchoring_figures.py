"""A figure never moves to a different statement (issue 13, item 4).

Two sentences that differ only in their numbers read alike to a fuzzy
matcher; to an analyst they are two facts. A re-anchor whose figures differ
from the quote's is orphaned (or, when its stored context pins it to the
same place, a fuzzy re-anchor the user must confirm), and no re-anchor
overwrites the stored quote before the user has confirmed it.
"""

from __future__ import annotations

import json

import yaml

from annotation_helpers import sidecar
from annotations.figures import figures, same_figures
from annotations.session import CallAnnotations
from transcripts.corpus import parse_file
from tui.cli import main

Q3 = "Third quarter revenue grew 12% to $540 million, driven by strong demand for our naming services."
Q4 = "Fourth quarter revenue grew 10% to $550 million, driven by strong demand for our naming services."
CALL = (
    "Operator\nGood afternoon and welcome to the Acme earnings call.\n"
    "Dana Evan - CFO\n"
    "Thanks everyone for joining us today. " + Q3 + " " + Q4 + " We will now take your questions on the results.\n"
    "Operator\nThank you.\n"
)


def _tagged(tmp_path, capsys, quote=Q4, note="Q4 revenue, record"):
    path = tmp_path / "acme-2003-q4.txt"
    path.write_text(CALL, encoding="utf-8")
    assert main(["tag", str(path), "--find", quote, "--tag", "metric", "--note", note]) == 0
    return path, capsys.readouterr().out.strip()


def _rows(path, capsys):
    main(["annotations", str(path), "--json"])
    return {r["id"]: r for r in json.loads(capsys.readouterr().out)["annotations"]}


def _stored(path):
    return {a["id"]: a for a in yaml.safe_load(sidecar(path).read_text())["annotations"]}


def test_deleting_the_tagged_sentence_does_not_attach_it_to_its_neighbour(tmp_path, capsys):
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace(" " + Q4, ""), encoding="utf-8")
    row = _rows(path, capsys)[aid]
    assert row["status"] == "orphaned"
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"annotation {aid}: quote not found" in out and "10%, $550 million" in out


def test_a_save_after_that_keeps_the_stored_quote(tmp_path, capsys):
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace(" " + Q4, ""), encoding="utf-8")
    s = CallAnnotations(parse_file(path))
    s.add(*_span(s.call.text, "Thanks everyone"), ["other"])
    assert s.save().ok
    assert _stored(path)[aid]["quote"] == Q4


def test_export_does_not_show_the_q3_sentence_with_the_q4_note(tmp_path, capsys):
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace(" " + Q4, ""), encoding="utf-8")
    main(["export", str(path), "--format", "json"])
    [rec] = json.loads(capsys.readouterr().out)["annotations"]
    assert rec["status"] == "orphaned" and rec["quote"] == Q4 and "12%" not in rec["quote"]


def test_figures_corrected_in_place_wait_for_confirmation(tmp_path, capsys):
    """The transcript was corrected (10% became 11%) where the sentence
    stood: the same place, so a fuzzy re-anchor, but one the user confirms;
    until then the file keeps the figure the user tagged."""
    path, aid = _tagged(tmp_path, capsys)
    corrected = Q4.replace("10%", "11%")
    path.write_text(CALL.replace(Q4, corrected), encoding="utf-8")
    row = _rows(path, capsys)[aid]
    assert row["status"] == "fuzzy" and "figures changed" in row["review"]
    assert "10%, $550 million \u2192 11%, $550 million" in row["review"]
    s = CallAnnotations(parse_file(path))
    s.add(*_span(s.call.text, "Thanks everyone"), ["other"])
    assert s.save().ok
    assert _stored(path)[aid]["quote"] == Q4
    s.confirm(aid)
    assert s.save().ok
    assert _stored(path)[aid]["quote"] == corrected
    assert _rows(path, capsys)[aid]["status"] == "anchored"


def test_confirming_can_be_undone(tmp_path, capsys):
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace("10%", "11%"), encoding="utf-8")
    s = CallAnnotations(parse_file(path))
    s.confirm(aid)
    assert not s.get(aid).needs_review
    assert s.undo()
    assert s.get(aid).needs_review and s.get(aid).quote == Q4


def test_every_fuzzy_re_anchor_is_listed_by_check(tmp_path, capsys):
    """A fixed typo is fuzzy too: shown, listed, stored quote kept."""
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace("Fourth quarter revenue grew", "Fourth-quarter revenue grew"), encoding="utf-8")
    assert _rows(path, capsys)[aid]["status"] == "fuzzy"
    assert main(["check", "--strict", str(path)]) == 1
    assert f"annotation {aid}: re-anchored fuzzy" in capsys.readouterr().out


def _span(text, needle):
    i = text.index(needle)
    return i, i + len(needle)


def test_figures_are_read_the_way_an_analyst_reads_them():
    assert figures("revenue grew 10% to $550 million") == ["10%", "$550 million"]
    assert same_figures("10 percent", "10%")
    assert same_figures("approximately $220 million", "about $220 million")
    assert same_figures("$1,200.50", "$1200.5")
    assert not same_figures("$550 million", "$550 billion")
    assert not same_figures("10%", "10 basis points")
    assert not same_figures("Q4 revenue of $5 million", "Q4 revenue of $6 million")
    assert figures("Q4 and H1") == []  # names, not figures


def test_export_of_an_unconfirmed_re_anchor_shows_the_quote_tagged(tmp_path, capsys):
    path, aid = _tagged(tmp_path, capsys)
    path.write_text(CALL.replace("10%", "11%"), encoding="utf-8")
    main(["export", str(path), "--format", "json"])
    [rec] = json.loads(capsys.readouterr().out)["annotations"]
    assert rec["status"] == "fuzzy" and rec["quote"] == Q4
