"""The git merge driver for annotation files: a real `git merge` of two
branches that annotate one call, and a property over any three versions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.merge_driver import merge_three
from annotations.session import CallAnnotations
from tests.conftest import Q4_2003, SAMPLES
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path
from tui.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def _sentence(call, i):
    return call.sentence_starts[i], call.sentence_ends[i]


def _annotate(repo: Path, edits) -> None:
    call = parse_file(repo / Q4_2003)
    session = CallAnnotations(call)
    edits(session, call)
    assert session.save().ok


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "calls"
    repo.mkdir()
    shutil.copy(SAMPLES / Q4_2003, repo / Q4_2003)
    for args in (("init", "-q", "-b", "main"), ("config", "user.email", "a@example.com"), ("config", "user.name", "A")):
        assert git(repo, *args).returncode == 0
    (repo / ".gitattributes").write_text("*.annotations.yaml merge=earmark\n", encoding="utf-8")
    driver = f"{sys.executable} -m tui merge-annotations %O %A %B --name %P"
    assert git(repo, "config", "merge.earmark.driver", driver).returncode == 0
    _annotate(repo, lambda s, c: (s.add(*_sentence(c, 10), ["metric"], note="base note"),
                                  s.add(*_sentence(c, 20), ["guidance"])))
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "base").returncode == 0
    return repo


def test_git_merge_keeps_every_annotation_and_marks_the_overlap(repo, capsys):
    sidecar = sidecar_path(repo / Q4_2003)
    base = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["annotations"]
    first, second = base[0]["id"], base[1]["id"]

    git(repo, "checkout", "-qb", "alice")
    _annotate(repo, lambda s, c: (s.add(*_sentence(c, 30), ["metric"]), s.set_note(first, "alice's note")))
    git(repo, "commit", "-qam", "alice")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "bob")
    _annotate(repo, lambda s, c: (s.add(*_sentence(c, 40), ["guidance"]), s.set_note(first, "bob's note"),
                                  s.set_note(second, "bob on the second")))
    git(repo, "commit", "-qam", "bob")

    merged = git(repo, "merge", "alice", "-m", "merge")
    assert merged.returncode != 0, "an overlapping edit is reported as a conflict"
    text = sidecar.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    doc = yaml.safe_load(text)
    items = doc["annotations"]
    notes = sorted(a.get("note", "") for a in items)
    assert "alice's note" in notes and "bob's note" in notes and "bob on the second" in notes
    assert len(items) == 5  # base 2, one added on each side, and the second version of the overlap
    marked = [a for a in items if "conflict" in a]
    assert len(marked) == 2 and {a["conflict"] for a in marked} == {a["id"] for a in marked}
    call = parse_file(repo / Q4_2003)
    for a in items:
        assert call.text[a["start"] : a["end"]] == a["quote"]

    assert main(["check", str(repo)]) == 1
    assert capsys.readouterr().out.count("merge conflict") == 2

    # Resolving: removing one version clears the other's mark.
    session = CallAnnotations(call)
    session.remove(next(a["id"] for a in marked if a.get("note") == "alice's note"))
    assert session.save().ok
    assert main(["check", str(repo)]) == 0
    capsys.readouterr()
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "resolved").returncode == 0


def test_a_clean_merge_exits_0_and_needs_no_resolution(repo):
    git(repo, "checkout", "-qb", "alice")
    _annotate(repo, lambda s, c: s.add(*_sentence(c, 30), ["metric"]))
    git(repo, "commit", "-qam", "alice")
    git(repo, "checkout", "-q", "main")
    _annotate(repo, lambda s, c: s.add(*_sentence(c, 31), ["metric"]))
    git(repo, "commit", "-qam", "main")
    assert git(repo, "merge", "alice", "-m", "merge").returncode == 0
    doc = yaml.safe_load(sidecar_path(repo / Q4_2003).read_text(encoding="utf-8"))
    assert len(doc["annotations"]) == 4 and not any("conflict" in a for a in doc["annotations"])


def test_a_broken_version_is_not_merged_and_ours_is_left_as_it_was(tmp_path, capsys):
    ours = tmp_path / "ours.yaml"
    ours.write_text("version: 1\ntranscript: a.txt\nannotations: []\n", encoding="utf-8")
    broken = tmp_path / "theirs.yaml"
    broken.write_text("annotations: [unclosed\n", encoding="utf-8")
    base = tmp_path / "base.yaml"
    base.write_text("", encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge-annotations", str(base), str(ours), str(broken), "--name", "calls/a.annotations.yaml"]) == 2
    assert ours.read_bytes() == before
    assert "calls/a.annotations.yaml" in capsys.readouterr().err


ID = st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6"])
VERSION = st.dictionaries(ID, st.sampled_from(["one", "two", "three"]), max_size=6)


def _write(path: Path, notes: dict[str, str]) -> None:
    items = [
        {"id": aid, "tags": ["metric"], "start": i * 10, "end": i * 10 + 5, "quote": "hello", "note": note}
        for i, (aid, note) in enumerate(sorted(notes.items()))
    ]
    path.write_text(yaml.safe_dump({"version": 1, "transcript": "a.txt", "annotations": items}), encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(VERSION, VERSION, VERSION)
def test_the_merge_keeps_every_id_either_side_kept(tmp_path, base, ours, theirs):
    paths = [tmp_path / n for n in ("base.yaml", "ours.yaml", "theirs.yaml")]
    for path, notes in zip(paths, (base, ours, theirs)):
        _write(path, notes)
    result = merge_three(*paths)
    assert not result.problems
    merged = yaml.safe_load(result.text)["annotations"] or []
    ids = {a["id"] for a in merged}
    notes = [a.get("note") for a in merged]
    for aid in set(ours) | set(theirs):
        present = [v for v in (ours, theirs) if aid in v]
        deleted_untouched = aid in base and len(present) == 1 and present[0][aid] == base[aid]
        if not deleted_untouched:
            assert aid in ids, f"{aid} was kept by a side but is gone"
        for side in present:
            if aid not in base or side[aid] != base[aid]:
                assert side[aid] in notes, f"an edit of {aid} is lost"
