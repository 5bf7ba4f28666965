"""Who wrote it: the author of a new annotation (config, else a real ``git
config user.name``, no failure without git), ``author:`` and ``reviewed:``
in the YAML file (old files load, new keys written in a fixed order), and
``author:`` / ``reviewed:`` as filter words in exports and ``earmark
annotations``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import authors, codec
from annotations.model import Annotation, AnnotationFile
from annotations.session import CallAnnotations
from transcripts import load_corpus
from transcripts.sidecar import sidecar_path
from tui.cli import main
from tui.config import load_config

from tests.annotations.test_annotation_roundtrip import NAME, SCALAR, TEXT, annotations
from tests.panes.team_calls import write_team_call

HAS_GIT = shutil.which("git") is not None


def session_for(transcript: Path) -> CallAnnotations:
    return CallAnnotations(load_corpus([transcript]).calls[0])


def add_first_sentence(s: CallAnnotations):
    find = "Revenue was $220 million"
    start = s.call.text.index(find)
    a = s.add(start, start + len(find), ["metric"])
    assert s.save().ok
    return a


@pytest.mark.skipif(not HAS_GIT, reason="needs git")
def test_author_from_a_real_git_config_in_a_temporary_repository(tmp_path):
    repo = tmp_path / "calls"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.name", "Robin  Repo"], check=True)
    transcript = write_team_call(repo, "Acme", 2024, 3)
    a = add_first_sentence(session_for(transcript))
    assert a.author == "Robin Repo"
    text = sidecar_path(transcript).read_text(encoding="utf-8")
    assert "author: Robin Repo\n" in text


def test_no_git_name_means_no_author_key_and_no_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))  # git cannot be found at all
    authors.forget()
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    a = add_first_sentence(session_for(transcript))
    assert a.author == ""
    assert "author:" not in sidecar_path(transcript).read_text(encoding="utf-8")


def test_the_config_author_wins_over_git(tmp_path, monkeypatch):
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "config.yaml").write_text("author: Kim Config\n", encoding="utf-8")
    monkeypatch.setenv("EARMARK_CONFIG_DIR", str(config_dir))
    assert load_config().author == "Kim Config"
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    assert main(["tag", str(transcript), "--find", "Revenue was $220 million", "--tag", "metric"]) == 0
    assert "author: Kim Config\n" in sidecar_path(transcript).read_text(encoding="utf-8")


def test_a_bad_config_author_is_one_line_and_left_out(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("author: [not, a, name]\n", encoding="utf-8")
    config = load_config(path)
    assert config.author is None
    (problem,) = config.problems
    assert f"{path}:1:" in problem and "author" in problem and "\n" not in problem


OLD_FILE = """\
version: 1
transcript: acme-2024-q3.txt
sha256: {sha}
annotations:
- id: a1b2c3
  tags: [metric]
  start: 10
  end: 20
  quote: some words
  reviewed: yes          # a team's own convention, from before Earmark knew the key
  created: 2026-11-21T10:00:00Z
"""


def test_an_old_file_loads_and_is_written_back_as_it_was():
    path = Path("/nowhere/acme-2024-q3.annotations.yaml")
    text = OLD_FILE.format(sha="ab" * 32)
    af, problems = codec.read_text(text, path, "acme-2024-q3.txt")
    assert problems == []
    (a,) = af.annotations
    assert a.author == "" and a.reviewed is None and a.extra == {"reviewed": True}
    assert authors.review_of(a) == "", "a hand-written 'reviewed: yes' counts as reviewed"
    again, _ = codec.read_text(codec.to_text(af), path, "acme-2024-q3.txt")
    assert again.annotations[0].extra == {"reviewed": True}


def test_new_keys_are_written_in_a_fixed_place():
    a = Annotation("a1b2c3", 10, 20, "some words", ["metric"], note="n", created="2026-11-21T10:00:00Z",
                   author="Dana Evan", reviewed={"at": "2026-11-22T09:00:00Z", "by": "Kim Lee", "why": "ok"})
    a.extra = {"team": "x"}
    af = AnnotationFile(path=Path("/nowhere/x.annotations.yaml"), transcript="x.txt", sha256="ab" * 32,
                        annotations=[a])
    text = codec.to_text(af)
    keys = [line.split(":")[0].strip("- ") for line in text.split("annotations:\n")[1].splitlines()]
    assert keys == ["id", "tags", "start", "end", "quote", "note", "author", "created", "reviewed", "team"]
    assert "reviewed: {by: Kim Lee, at: '2026-11-22T09:00:00Z', why: ok}" in text or \
        "reviewed: {by: Kim Lee, at: 2026-11-22T09:00:00Z, why: ok}" in text


REVIEW = st.one_of(st.none(), st.dictionaries(st.sampled_from(["by", "at", "why"]), st.one_of(TEXT, st.none()), max_size=3))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=annotations(), who=st.lists(st.tuples(st.one_of(st.just(""), NAME, TEXT), REVIEW), min_size=6, max_size=6))
def test_author_and_review_survive_save_and_load(items, who):
    for a, (author, reviewed) in zip(items, who):
        a.author, a.reviewed = author, reviewed
    path = Path("/nowhere/x.annotations.yaml")
    af = AnnotationFile(path=path, transcript="x.txt", sha256="ab" * 32, annotations=items)
    text = codec.to_text(af)
    back, problems = codec.read_text(text, path, "x.txt")
    assert problems == []
    want = sorted(items, key=lambda a: (a.start, a.end, a.id))
    assert [(a.id, a.author, a.reviewed) for a in back.annotations] == [(a.id, a.author, a.reviewed) for a in want]
    assert codec.to_text(back) == text


def test_reviewed_toggles_and_undoes_in_the_session(tmp_path):
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    s = session_for(transcript)
    a = add_first_sentence(s)
    s.toggle_reviewed(a.id, by="Kim Lee")
    assert s.get(a.id).reviewed["by"] == "Kim Lee"
    assert s.undo() and s.get(a.id).reviewed is None
    s.toggle_reviewed(a.id, by="Kim Lee")
    s.toggle_reviewed(a.id)
    assert s.get(a.id).reviewed is None


def annotated_folder(tmp_path) -> Path:
    transcript = write_team_call(tmp_path, "Acme", 2024, 3)
    s = session_for(transcript)
    for find, author in (("Revenue was $220 million", "Dana Evan"), ("Revenue grew strongly", "Kim Lee"),
                         ("Revenue per store rose", "Kim Lee")):
        s._author = author
        start = s.call.text.index(find)
        s.add(start, start + len(find), ["metric"])
    kim = [a for a in s.annotations if a.author == "Kim Lee"][0]
    s.toggle_reviewed(kim.id, by="Dana Evan")
    assert s.save().ok
    return transcript


def test_export_filters_by_author_and_review(tmp_path, capsys):
    transcript = annotated_folder(tmp_path)
    out = tmp_path / "out.json"
    assert main(["export", str(transcript), "-o", str(out), "--filter", "author:kim"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8-sig"))
    assert sorted(r["quote"] for r in doc["annotations"]) == ["Revenue grew strongly", "Revenue per store rose"]
    assert all(r["author"] == "Kim Lee" for r in doc["annotations"])
    assert main(["export", str(transcript), "-o", str(out), "--filter", "reviewed:yes"]) == 0
    (rec,) = json.loads(out.read_text(encoding="utf-8-sig"))["annotations"]
    assert rec["reviewed"]["by"] == "Dana Evan" and rec["author"] == "Kim Lee"
    assert main(["export", str(transcript), "-o", str(out), "--filter", "reviewed:no author:kim role:coo"]) == 0
    (rec,) = json.loads(out.read_text(encoding="utf-8-sig"))["annotations"]
    assert rec["quote"] == "Revenue per store rose"


def test_annotations_command_filters_with_the_same_words(tmp_path, capsys):
    transcript = annotated_folder(tmp_path)
    assert main(["annotations", str(transcript), "--json", "--filter", "author:dana"]) == 0
    rows = json.loads(capsys.readouterr().out)["annotations"]
    assert [r["quote"] for r in rows] == ["Revenue was $220 million"] and rows[0]["author"] == "Dana Evan"
    assert main(["annotations", str(transcript), "--json", "--filter", "reviewed:dana title:ceo"]) == 0
    rows = json.loads(capsys.readouterr().out)["annotations"]
    assert [r["quote"] for r in rows] == ["Revenue grew strongly"]
    assert main(["annotations", str(transcript), "--filter", "autor:x"]) == 2
    err = capsys.readouterr().err
    assert "unknown filter 'autor:'" in err and err.count("\n") == 1
    assert main(["annotations", str(transcript)]) == 0
    table = capsys.readouterr().out
    assert "Author" in table and "Kim Lee" in table
