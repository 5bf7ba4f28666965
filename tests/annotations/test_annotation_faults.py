"""Nothing a user wrote is ever lost: interrupted saves, malformed files,
edits made on disk while a call is open, hostile YAML."""

from __future__ import annotations

import os

import pytest
import yaml

from annotation_helpers import GROWTH, GUIDE, sample_call, saved_session, sidecar, span_of
from annotations import store
from annotations.session import CallAnnotations, ReadOnlyError
from tui.cli import main



def test_save_interrupted_before_replace_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path, call, s = saved_session(tmp_path)
    before = sidecar(path).read_bytes()
    s.add(*span_of(call.text, GROWTH), ["metric"])

    def crash(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    result = s.save()
    assert result.state == "error" and "not saved" in result.message
    assert sidecar(path).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, sidecar(path).name])
    monkeypatch.undo()
    assert s.save().ok  # the change was kept in memory and goes out next time
    assert len(yaml.safe_load(sidecar(path).read_text())["annotations"]) == 2


def test_a_kill_during_write_leaves_old_file(tmp_path, monkeypatch):
    """Simulate dying while the temporary file is half written."""
    path, call, s = saved_session(tmp_path)
    before = sidecar(path).read_bytes()
    s.add(*span_of(call.text, GROWTH), ["metric"])
    real_fsync = os.fsync

    def die(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", die)
    with pytest.raises(KeyboardInterrupt):
        s.save()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert sidecar(path).read_bytes() == before


MALFORMED = "version: 1\nannotations:\n- id: a1b2c3\n  tags: [metric\n  start: 4\n"


def test_malformed_yaml_is_never_overwritten(tmp_path):
    path, call = sample_call(tmp_path)
    sidecar(path).write_text(MALFORMED, encoding="utf-8")
    original = sidecar(path).read_bytes()
    s = CallAnnotations(call)
    assert s.read_only
    assert str(sidecar(path)) in s.read_only_reason and ":5:" in s.read_only_reason
    with pytest.raises(ReadOnlyError):
        s.add(*span_of(call.text, GUIDE), ["guidance"])
    assert s.save().state == "read-only"
    assert main(["tag", str(path), "--find", GROWTH, "--tag", "metric"]) == 1
    assert sidecar(path).read_bytes() == original


def test_invalid_file_stays_read_only_until_fixed(tmp_path):
    path, call = sample_call(tmp_path)
    sidecar(path).write_text("version: 1\nannotations:\n- {id: aaa111, start: 9, end: 2, quote: x}\n")
    assert CallAnnotations(call).read_only
    sidecar(path).write_text("version: 1\nannotations: []\n")
    fixed = CallAnnotations(call)
    assert not fixed.read_only
    fixed.add(*span_of(call.text, GUIDE), ["guidance"])
    assert fixed.save().ok


def test_hand_edit_while_open_is_merged_not_lost(tmp_path):
    path, call, s = saved_session(tmp_path)
    doc = yaml.safe_load(sidecar(path).read_text())
    # Someone edits the file by hand: a note on the existing annotation, and
    # a new annotation of their own.
    doc["annotations"][0]["note"] = "written by hand"
    g0, g1 = span_of(call.text, "Dana will wrap up with guidance for Q1.")
    doc["annotations"].append({"id": "bead01", "tags": ["todo"], "start": g0, "end": g1,
                               "quote": call.text[g0:g1]})
    sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))
    # Meanwhile the app adds one.
    mine = s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert result.state == "merged"
    assert "1 added" in result.message and "1 changed" in result.message
    saved = {a["id"]: a for a in yaml.safe_load(sidecar(path).read_text())["annotations"]}
    assert set(saved) == {doc["annotations"][0]["id"], "bead01", mine.id}
    assert saved[doc["annotations"][0]["id"]]["note"] == "written by hand"


def test_deletions_we_made_stay_deleted_and_conflicts_keep_ours(tmp_path):
    path, call, s = saved_session(tmp_path)
    other = s.add(*span_of(call.text, GROWTH), ["metric"])
    s.save()
    first = s.annotations[1] if s.annotations[0].id == other.id else s.annotations[0]
    doc = yaml.safe_load(sidecar(path).read_text())
    for item in doc["annotations"]:
        item["note"] = "disk note"
    sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))
    s.remove(other.id)
    s.set_note(first.id, "my note")
    result = s.save()
    assert result.state == "merged" and first.id in result.message
    saved = yaml.safe_load(sidecar(path).read_text())["annotations"]
    assert [a["id"] for a in saved] == [first.id]
    assert saved[0]["note"] == "my note"


def test_disk_file_turned_invalid_meanwhile_is_not_overwritten(tmp_path):
    path, call, s = saved_session(tmp_path)
    sidecar(path).write_text(MALFORMED)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert result.state == "error" and ":5:" in result.message
    assert sidecar(path).read_text() == MALFORMED
    assert s.read_only


BILLION_LAUGHS = """version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
annotations: []
"""


def test_billion_laughs_is_refused_with_a_message(tmp_path):
    path, call = sample_call(tmp_path)
    sidecar(path).write_text(BILLION_LAUGHS)
    s = CallAnnotations(call)
    assert s.read_only
    assert "aliases expand to more than" in s.read_only_reason
    assert s.read_only_reason.startswith(f"{sidecar(path)}:")


def test_recursive_alias_is_refused(tmp_path):
    path, call = sample_call(tmp_path)
    sidecar(path).write_text("version: 1\nloop: &x [*x]\nannotations: []\n")
    loaded = store.load(sidecar(path), path.name)
    assert "recursive alias refused" in str(loaded.errors[0])


def test_python_object_tag_is_refused(tmp_path):
    path, call = sample_call(tmp_path)
    marker = tmp_path / "pwned"
    sidecar(path).write_text(
        "version: 1\nannotations:\n"
        f"- !!python/object/apply:os.system ['touch {marker}']\n"
    )
    s = CallAnnotations(call)
    assert s.read_only
    assert f"{sidecar(path)}:3: YAML tag !!python/object/apply:os.system is not allowed" in s.read_only_reason
    assert not marker.exists()


def test_not_utf8_is_reported_with_line(tmp_path):
    path, call = sample_call(tmp_path)
    sidecar(path).write_bytes(b"version: 1\nannotations: []\nnote: caf\xe9\n")
    loaded = store.load(sidecar(path), path.name)
    assert str(loaded.errors[0]) == f"{sidecar(path)}:3: not valid UTF-8 text"


def test_file_removed_on_disk_is_written_again(tmp_path):
    path, call, s = saved_session(tmp_path)
    sidecar(path).unlink()
    s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert result.ok and "removed on disk" in result.message
    assert len(yaml.safe_load(sidecar(path).read_text())["annotations"]) == 2


def test_permissions_of_existing_file_are_kept(tmp_path):
    path, call, s = saved_session(tmp_path)
    os.chmod(sidecar(path), 0o640)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    s.save()
    assert sidecar(path).stat().st_mode & 0o777 == 0o640


def test_undo_never_reaches_back_past_edits_merged_from_disk(tmp_path):
    path, call, s = saved_session(tmp_path)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    doc = yaml.safe_load(sidecar(path).read_text())
    g0, g1 = span_of(call.text, "Dana will wrap up with guidance for Q1.")
    doc["annotations"].append({"id": "bead01", "tags": ["todo"], "start": g0, "end": g1, "quote": call.text[g0:g1]})
    sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))
    assert s.save().state == "merged"
    while s.undo():
        s.save()
    ids = [a["id"] for a in yaml.safe_load(sidecar(path).read_text())["annotations"]]
    assert "bead01" in ids


def test_temporary_files_left_by_a_killed_save_are_cleaned_up_later(tmp_path):
    path, call, s = saved_session(tmp_path)
    old = tmp_path / f".{sidecar(path).name}.abc123.tmp"
    fresh = tmp_path / f".{sidecar(path).name}.def456.tmp"
    old.write_text("half a file")
    fresh.write_text("another writer, right now")
    long_ago = os.path.getmtime(old) - 3600
    os.utime(old, (long_ago, long_ago))
    s.add(*span_of(call.text, GROWTH), ["metric"])
    assert s.save().ok
    assert not old.exists() and fresh.exists()


def test_deeply_nested_yaml_is_refused_not_a_crash(tmp_path):
    """libyaml's composer recurses on the C stack: a few hundred thousand
    nested brackets used to kill the process with a segmentation fault."""
    import subprocess
    import sys

    from annotation_helpers import REPO

    path, call = sample_call(tmp_path)
    sidecar(path).write_text("version: 1\nx: " + "[" * 200_000 + "]" * 200_000 + "\nannotations: []\n")
    probe = (
        "import sys; from pathlib import Path; from annotations import store\n"
        "loaded = store.load(Path(sys.argv[1]), 'x.txt')\n"
        "print(loaded.errors[0])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(sidecar(path))], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == f"{sidecar(path)}:2: nests more than 100 levels deep; refused (not an annotation file)"


def test_an_unpaired_surrogate_escape_is_refused_on_load_not_a_crash_on_save(tmp_path):
    """``"\\ud800"`` is valid YAML but not valid Unicode: such a file used to
    load, then crash the save (UnicodeEncodeError) on the next edit."""
    path, call = sample_call(tmp_path)
    quote = call.text[10:20]
    sidecar(path).write_text(
        "version: 1\nannotations:\n- id: abc123\n  start: 10\n  end: 20\n"
        f"  quote: {quote!r}\n  note: \"bad \\ud800 here\"\n",
    )
    s = CallAnnotations(call)
    assert s.read_only and s.read_only_reason.startswith(f"{sidecar(path)}:7: ")


def test_save_of_text_that_is_not_unicode_reports_instead_of_crashing(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(*span_of(call.text, GUIDE), ["guidance"], note="from argv: \udcff")
    result = s.save()
    assert result.state == "error" and "not saved" in result.message
    assert s.pending and not sidecar(path).exists()


def test_tag_command_refuses_arguments_that_are_not_utf8(tmp_path, capsys):
    path, call = sample_call(tmp_path)
    assert main(["tag", str(path), "--find", GUIDE, "--tag", "metric", "--note", "caf\udce9"]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err
    assert not sidecar(path).exists()
