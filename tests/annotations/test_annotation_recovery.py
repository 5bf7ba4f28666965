"""Edits that cannot be saved are never lost: when the annotation file on
disk turned invalid, or the save failed with an OS error, the pending edits
stay in memory, are written to a recovery file beside the transcript (the
invalid file is never touched), and go out with the next save once the file
can be written again, merged by id with what is on disk then."""

from __future__ import annotations

import errno

import yaml

from annotation_helpers import GROWTH, GUIDE, saved_session, sidecar, span_of
from annotations import store
from annotations.session import CallAnnotations, recovery_path

WRAP = "Dana will wrap up with guidance for Q1."
MALFORMED = "version: 1\nannotations:\n- id: a1b2c3\n  tags: [metric\n  start: 4\n"


def _quotes(path):
    return {a["quote"]: a for a in yaml.safe_load(path.read_text(encoding="utf-8"))["annotations"]}


def test_edit_made_after_the_file_turned_invalid_is_kept_and_merged_when_fixed(tmp_path):
    path, call, s = saved_session(tmp_path)
    good = sidecar(path).read_text()
    sidecar(path).write_text(MALFORMED)
    mine = s.add(*span_of(call.text, GROWTH), ["metric"], note="my pending note")
    result = s.save()
    assert not result.ok and ":5:" in result.message
    assert sidecar(path).read_text() == MALFORMED  # never touched
    rescue = recovery_path(path)
    assert str(rescue) in result.message  # the user is told where
    assert set(_quotes(rescue)) == {GUIDE, GROWTH}
    assert _quotes(rescue)[GROWTH]["note"] == "my pending note"
    assert s.read_only and s.dirty and s.pending

    # Still invalid: retrying changes nothing on disk and keeps the edit.
    assert not s.save().ok
    assert sidecar(path).read_text() == MALFORMED

    # Fixed by hand, with an annotation of the fixer's own added meanwhile.
    doc = yaml.safe_load(good)
    w0, w1 = span_of(call.text, WRAP)
    doc["annotations"].append({"id": "bead01", "tags": ["todo"], "start": w0, "end": w1, "quote": WRAP})
    sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))
    result = s.save()
    assert result.ok, result.message
    assert not s.read_only and not s.pending
    saved = _quotes(sidecar(path))
    assert set(saved) == {GUIDE, GROWTH, WRAP}
    assert saved[GROWTH]["id"] == mine.id and saved[GROWTH]["note"] == "my pending note"
    assert not rescue.exists()  # saved for real: the recovery copy is gone


def test_restoring_the_exact_old_file_also_resumes_with_the_pending_edit(tmp_path):
    path, call, s = saved_session(tmp_path)
    good = sidecar(path).read_bytes()
    sidecar(path).write_text(MALFORMED)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    assert not s.save().ok
    sidecar(path).write_bytes(good)  # e.g. git checkout of the file
    assert s.save().ok
    assert set(_quotes(sidecar(path))) == {GUIDE, GROWTH}


def test_os_error_while_saving_keeps_the_edit_in_a_recovery_file_and_retries(tmp_path, monkeypatch):
    path, call, s = saved_session(tmp_path)
    before = sidecar(path).read_bytes()
    real = store.write_atomic

    def disk_full(target, data, *args, **kwargs):
        if target == sidecar(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data, *args, **kwargs)

    monkeypatch.setattr(store, "write_atomic", disk_full)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert result.state == "error" and "No space left on device" in result.message
    assert sidecar(path).read_bytes() == before
    assert str(recovery_path(path)) in result.message
    assert set(_quotes(recovery_path(path))) == {GUIDE, GROWTH}
    assert not s.read_only  # nothing wrong with the file: keep editing
    s.add(*span_of(call.text, WRAP), ["guidance"])
    assert not s.save().ok
    monkeypatch.setattr(store, "write_atomic", real)
    s.add_tags(s.annotations[0].id, ["later"])
    assert s.save().ok
    assert set(_quotes(sidecar(path))) == {GUIDE, GROWTH, WRAP}
    assert not recovery_path(path).exists()


def test_when_the_folder_cannot_be_written_the_recovery_goes_to_the_data_folder(tmp_path, monkeypatch, earmark_home):
    path, call, s = saved_session(tmp_path)

    real = store.write_atomic

    def read_only_folder(target, data, *args, **kwargs):
        if target.parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(target, data, *args, **kwargs)

    monkeypatch.setattr(store, "write_atomic", read_only_folder)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert not result.ok and "Permission denied" in result.message
    kept = list((earmark_home / "data" / "recovered").glob("*.annotations.recovered.yaml"))
    assert len(kept) == 1 and str(kept[0]) in result.message
    assert GROWTH in _quotes(kept[0])
    assert CallAnnotations(call).leftover_recoveries() == kept  # pointed out at the next opening


def test_a_recovery_file_from_an_earlier_run_is_never_overwritten(tmp_path):
    path, call, s = saved_session(tmp_path)
    earlier = recovery_path(path)
    earlier.write_text("left by an earlier run\n")
    sidecar(path).write_text(MALFORMED)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    result = s.save()
    assert earlier.read_text() == "left by an earlier run\n"
    others = [p for p in tmp_path.glob("*.recovered*.yaml") if p != earlier]
    assert len(others) == 1 and str(others[0]) in result.message
    assert GROWTH in _quotes(others[0])


def test_the_file_changing_just_before_the_replace_is_merged_not_overwritten(tmp_path, monkeypatch):
    """The window between the did-it-change check and ``os.replace``: a hand
    edit landing there is noticed right before the replace and merged."""
    path, call, s = saved_session(tmp_path)
    s.add(*span_of(call.text, GROWTH), ["metric"])
    real_fsync = store.os.fsync
    done = []

    def edit_during_fsync(fd):
        real_fsync(fd)
        if not done:
            done.append(1)
            doc = yaml.safe_load(sidecar(path).read_text())
            w0, w1 = span_of(call.text, WRAP)
            doc["annotations"].append({"id": "bead01", "tags": ["todo"], "start": w0, "end": w1, "quote": WRAP})
            sidecar(path).write_text(yaml.safe_dump(doc, sort_keys=False))

    monkeypatch.setattr(store.os, "fsync", edit_during_fsync)
    result = s.save()
    assert result.ok and result.state == "merged"
    assert set(_quotes(sidecar(path))) == {GUIDE, GROWTH, WRAP}
