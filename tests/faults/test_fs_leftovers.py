"""What Earmark leaves on disk: issue 13's "also seen" (temporary files of a
killed save, recovery files piling up) and issue 9 item 17 (a file left
holding only ``annotations: []``).

Attacks: old and fresh temporary files of ours, someone else's old
``.tmp``, two sessions failing to save at once (one recovery file, both
edits in it, the second's kept when the first saves), removing the last
annotation with and without a ``call:`` block, hand keys, comments, a
symlinked file."""

from __future__ import annotations

import errno
import os
import time

import pytest
import yaml

from annotations import store
from annotations.session import CallAnnotations, existing_recoveries, recovery_path
from fs_fault_helpers import GROWTH, GUIDE, quotes, sample
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path
from tui.cli import main


def age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_are_removed_on_start_only_ours_only_old(tmp_path):
    t = sample(tmp_path, "call.txt")
    side = sidecar_path(t)
    old_ours = tmp_path / f".{side.name}.earmark-k2x9a0qz.tmp"
    legacy = tmp_path / f".{side.name}.a1b2c3d4.tmp"
    fresh = tmp_path / f".{side.name}.earmark-zzzz1111.tmp"
    theirs = tmp_path / ".report.docx.a1b2c3d4.tmp"
    other_tool = tmp_path / f".{side.name}.swp"
    for p in (old_ours, legacy, fresh, theirs, other_tool):
        p.write_text("x")
    for p in (old_ours, legacy, theirs, other_tool):
        age(p, 3600)
    CallAnnotations(parse_file(t))  # opening the call, no save yet
    assert not old_ours.exists() and not legacy.exists()
    assert fresh.exists() and theirs.exists() and other_tool.exists()


def _failing_sidecar(monkeypatch, side):
    real = store.write_atomic

    def full(target, data, *args, **kwargs):
        if target == side:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data, *args, **kwargs)

    monkeypatch.setattr(store, "write_atomic", full)
    return real


def _session_with(t, text, tag):
    s = CallAnnotations(parse_file(t))
    i = s.call.text.index(text)
    s.add(i, i + len(text), [tag])
    return s


def test_failed_saves_of_two_sessions_share_one_recovery_file(tmp_path, monkeypatch):
    t = sample(tmp_path, "call.txt")
    real = _failing_sidecar(monkeypatch, sidecar_path(t))
    a = _session_with(t, GUIDE, "guidance")
    b = _session_with(t, GROWTH, "metric")
    assert not a.save().ok and not b.save().ok
    assert not a.save().ok  # again: still one file
    assert existing_recoveries(t) == [recovery_path(t)]
    assert sorted(quotes(recovery_path(t))) == sorted([GUIDE, GROWTH])
    monkeypatch.setattr(store, "write_atomic", real)
    assert a.save().ok
    assert quotes(recovery_path(t)) == [GROWTH]  # b's edit is still kept
    assert b.save().ok
    assert not recovery_path(t).exists()
    assert sorted(quotes(sidecar_path(t))) == sorted([GUIDE, GROWTH])


def test_an_unreadable_recovery_file_is_never_written_over(tmp_path, monkeypatch):
    t = sample(tmp_path, "call.txt")
    _failing_sidecar(monkeypatch, sidecar_path(t))
    recovery_path(t).write_text("annotations: [broken\n")
    a = _session_with(t, GUIDE, "guidance")
    result = a.save()
    assert not result.ok and result.kept_in is not None and result.kept_in != recovery_path(t)
    assert recovery_path(t).read_text() == "annotations: [broken\n"
    assert quotes(result.kept_in) == [GUIDE]


def _remove_all(t):
    s = CallAnnotations(parse_file(t))
    for a in list(s.annotations):
        s.remove(a.id)
    return s.save()


def test_removing_the_last_annotation_removes_the_file(tmp_path):
    t = sample(tmp_path, "call.txt")
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert main(["tag", str(t), "--find", GROWTH, "--tag", "metric"]) == 0
    assert _remove_all(t).ok
    assert not sidecar_path(t).exists()
    assert [p.name for p in tmp_path.iterdir()] == ["call.txt"]


@pytest.mark.parametrize("written", [
    "call:\n  company: Acme\n",
    "reviewer: dana\n",
    "# keep: reviewed by Dana on 2026-11-30\n",
])
def test_a_file_holding_what_a_user_wrote_is_kept(tmp_path, written):
    t = sample(tmp_path, "call.txt")
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    side = sidecar_path(t)
    side.write_text(written + side.read_text())
    assert _remove_all(t).ok
    assert side.exists()
    text = side.read_text()
    assert written.strip().splitlines()[0] in text
    assert yaml.safe_load(text)["annotations"] == []


def test_a_symlinked_file_is_emptied_not_unlinked(tmp_path):
    t = sample(tmp_path / "calls", "call.txt")
    shared = tmp_path / "shared.yaml"
    shared.write_text("")
    sidecar_path(t).symlink_to(shared)
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert _remove_all(t).ok
    assert sidecar_path(t).is_symlink() and quotes(shared) == []


def test_a_recovery_holding_another_version_of_the_same_annotation_is_kept_apart(tmp_path, monkeypatch):
    t = sample(tmp_path, "call.txt")
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    _failing_sidecar(monkeypatch, sidecar_path(t))
    a = CallAnnotations(parse_file(t))
    b = CallAnnotations(parse_file(t))
    (x,) = a.annotations
    a.set_note(x.id, "note from a")
    b.set_note(x.id, "note from b")
    assert not a.save().ok and not b.save().ok
    notes = sorted(
        item["note"] for p in existing_recoveries(t)
        for item in yaml.safe_load(p.read_text())["annotations"]
    )
    assert notes == ["note from a", "note from b"]  # neither edit written over
