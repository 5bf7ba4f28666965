"""Issue 13 items 3 and 17: one transcript, one annotation file, and one
mapping between them used by every command.

Attacks: foo.txt + foo.md tagged both; an old shared file kept for the
transcript it names; an export written as foo.md beside foo.txt; every pair
of suffixes (txt, md, pdf, html, json, vtt); the mapping and its inverse on
every layout; removing the twin later; `tag`, `show`, `annotations`,
`check`, `export` given an annotation file."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from fs_fault_helpers import GROWTH, GUIDE, Q1_2003, on_disk, quotes, sample
from transcripts.sidecar import SIDECAR_SUFFIX, sidecar_path, transcript_of_sidecar
from tui.cli import main


def test_foo_txt_and_foo_md_get_one_annotation_file_each(tmp_path, capsys):
    txt = sample(tmp_path, "foo.txt")
    md = sample(tmp_path, "foo.md")
    assert main(["tag", str(txt), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert main(["tag", str(md), "--find", GROWTH, "--tag", "metric"]) == 0
    assert sidecar_path(txt) != sidecar_path(md)
    assert on_disk(txt) == [GUIDE] and on_disk(md) == [GROWTH]
    for t in (txt, md):
        doc = yaml.safe_load(sidecar_path(t).read_text())
        assert doc["transcript"] == t.name
    capsys.readouterr()
    assert main(["annotations", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["annotations"]
    assert sorted((r["path"].rsplit("/", 1)[1], r["quote"]) for r in rows) == sorted(
        [(sidecar_path(txt).name, GUIDE), (sidecar_path(md).name, GROWTH)]
    )


def test_an_old_shared_file_stays_with_the_transcript_it_names(tmp_path):
    txt = sample(tmp_path, "foo.txt")
    assert main(["tag", str(txt), "--find", GUIDE, "--tag", "guidance"]) == 0
    old = tmp_path / f"foo{SIDECAR_SUFFIX}"
    assert sidecar_path(txt) == old  # the contract, while foo.txt is alone
    before = old.read_bytes()
    md = sample(tmp_path, "foo.md")  # e.g. `earmark export -o foo.md`
    assert sidecar_path(txt) == old and on_disk(txt) == [GUIDE]
    assert main(["tag", str(md), "--find", GROWTH, "--tag", "metric"]) == 0
    assert old.read_bytes() == before  # foo.md never writes foo.txt's file
    assert sidecar_path(md).name == f"foo.md{SIDECAR_SUFFIX}" and on_disk(md) == [GROWTH]


def test_a_short_file_naming_neither_twin_goes_to_the_first_suffix(tmp_path):
    txt, md = sample(tmp_path, "foo.txt"), sample(tmp_path, "foo.md")
    (tmp_path / f"foo{SIDECAR_SUFFIX}").write_text("version: 1\nannotations: []\n")
    assert sidecar_path(txt) == tmp_path / f"foo{SIDECAR_SUFFIX}"
    assert sidecar_path(md) == tmp_path / f"foo.md{SIDECAR_SUFFIX}"


SUFFIXES = [".txt", ".md", ".pdf", ".html", ".json", ".vtt"]


@pytest.mark.parametrize("first,second", [(a, b) for a in SUFFIXES for b in SUFFIXES if a != b])
def test_any_two_sources_with_one_stem_never_share_a_file(tmp_path, first, second):
    a, b = tmp_path / f"acme-q3{first}", tmp_path / f"acme-q3{second}"
    a.write_text("x")
    assert sidecar_path(a) == tmp_path / "acme-q3.annotations.yaml"  # alone: the contract
    b.write_text("x")
    assert sidecar_path(a) != sidecar_path(b)
    for t in (a, b):
        assert transcript_of_sidecar(sidecar_path(t)) == t
    # Once a's file exists under its name, it stays a's, whoever comes or goes.
    sidecar_path(a).write_text(f"version: 1\ntranscript: {a.name}\nannotations: []\n")
    kept = sidecar_path(a)
    b.unlink()
    assert sidecar_path(a) == kept and transcript_of_sidecar(kept) == a


def test_the_twin_removed_later_does_not_hide_the_annotations(tmp_path):
    txt, md = sample(tmp_path, "foo.txt"), sample(tmp_path, "foo.md")
    assert main(["tag", str(txt), "--find", GUIDE, "--tag", "guidance"]) == 0
    md.unlink()
    assert on_disk(txt) == [GUIDE]
    assert main(["tag", str(txt), "--find", GROWTH, "--tag", "metric"]) == 0
    assert sorted(on_disk(txt)) == sorted([GUIDE, GROWTH])
    assert not (tmp_path / f"foo{SIDECAR_SUFFIX}").exists()


# -- item 17: an annotation file given to a command means its transcript --


def test_tag_on_an_annotation_file_tags_its_transcript(tmp_path, capsys):
    t = sample(tmp_path, "acme-2024-q3.txt")
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    side = sidecar_path(t)
    assert main(["tag", str(side), "--find", GROWTH, "--tag", "metric"]) == 0
    assert sorted(quotes(side)) == sorted([GUIDE, GROWTH])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme-2024-q3.annotations.yaml", "acme-2024-q3.txt"]


def test_tag_on_an_annotation_file_without_transcript_is_one_line_exit_1(tmp_path, capsys):
    side = tmp_path / f"gone{SIDECAR_SUFFIX}"
    side.write_text("version: 1\nannotations: []\n")
    assert main(["tag", str(side), "--find", GUIDE, "--tag", "guidance"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{side}: annotation file whose transcript is missing"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [side.name]


def test_every_command_maps_a_whole_name_annotation_file_to_its_transcript(tmp_path, capsys):
    txt = sample(tmp_path, "foo.txt")
    md = sample(tmp_path, "foo.md", Q1_2003)
    q1_sentence = "revenue"  # a word the Q1 sample has
    assert main(["tag", str(md), "--find", q1_sentence, "--tag", "metric"]) == 0
    side = sidecar_path(md)
    assert side.name == f"foo.md{SIDECAR_SUFFIX}"
    capsys.readouterr()
    assert main(["show", str(side), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(md)
    assert main(["annotations", str(side), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["annotations"]
    assert row["path"] == str(side)
    assert main(["check", str(side), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["calls"] == 1
    assert main(["export", str(side), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert str(md) in json.dumps(doc) and str(txt) not in json.dumps(doc)
    assert main(["tag", str(side), "--find", "quarter", "--tag", "metric"]) == 0
    assert len(quotes(side)) == 2 and not sidecar_path(txt).exists()


def test_a_folder_of_twins_lists_each_call_with_its_own_count(tmp_path, capsys):
    txt, md = sample(tmp_path, "foo.txt"), sample(tmp_path, "foo.md")
    shutil.copy(txt, tmp_path / "bar.txt")
    assert main(["tag", str(txt), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert main(["tag", str(txt), "--find", GROWTH, "--tag", "metric"]) == 0
    capsys.readouterr()
    assert main(["calls", str(tmp_path), "--json"]) == 0
    counts = {c["path"].rsplit("/", 1)[1]: c["annotations"] for c in json.loads(capsys.readouterr().out)["calls"]}
    assert counts == {"foo.txt": 2, "foo.md": 0, "bar.txt": 0}
