"""Issue 13 item 6: how an annotation file is written.

Attacks: a read-only file (CLI `tag`, a session, the app), a file made
read-only while a call is open, a symlinked file (shared target in another
folder, a chain of links, a broken link, a link loop), the file's mode,
owner and group, a hard-linked file, a FIFO in place of the file."""

from __future__ import annotations

import os
import stat

import pytest
import yaml

from annotations.session import CallAnnotations, ReadOnlyError, recovery_path
from fs_fault_helpers import GROWTH, GUIDE, on_disk, quotes, sample
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path
from tui.cli import main
from benchmarks.harness import settle as workers_idle


def tagged(tmp_path, name="call.txt"):
    t = sample(tmp_path / "calls", name)
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    return t, sidecar_path(t)


def leftovers(*folders):
    return [p.name for f in folders for p in f.iterdir() if p.name.endswith((".tmp", ".lock"))]


# -- read-only ------------------------------------------------------------


def test_tag_respects_a_read_only_file_and_says_why(tmp_path, capsys):
    t, side = tagged(tmp_path)
    side.chmod(0o444)
    before = side.read_bytes()
    capsys.readouterr()
    assert main(["tag", str(t), "--find", GROWTH, "--tag", "metric"]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and str(side) in err and "Traceback" not in err
    assert side.read_bytes() == before
    assert stat.S_IMODE(side.stat().st_mode) == 0o444


def test_a_read_only_file_is_still_read_and_listed(tmp_path, capsys):
    t, side = tagged(tmp_path)
    side.chmod(0o444)
    s = CallAnnotations(parse_file(t))
    assert s.read_only and "read-only" in s.read_only_reason
    assert [a.quote for a in s.placed] == [GUIDE]
    with pytest.raises(ReadOnlyError):
        s.add(0, 10, ["metric"])
    capsys.readouterr()
    assert main(["annotations", str(t), "--json"]) == 0
    assert "guidance" in capsys.readouterr().out
    assert main(["check", str(t)]) == 0  # not a broken file


def test_a_file_made_read_only_while_open_is_not_written_and_the_edit_is_kept(tmp_path):
    t, side = tagged(tmp_path)
    s = CallAnnotations(parse_file(t))
    side.chmod(0o444)
    before = side.read_bytes()
    start = s.call.text.index(GROWTH)
    s.add(start, start + len(GROWTH), ["metric"])
    result = s.save()
    assert not result.ok and "read-only" in result.message
    assert side.read_bytes() == before
    assert GROWTH in quotes(recovery_path(t))  # the edit is kept on disk
    side.chmod(0o644)
    assert s.save().ok  # writable again: the pending edit goes in
    assert sorted(on_disk(t)) == sorted([GUIDE, GROWTH])
    assert not recovery_path(t).exists()


async def test_the_app_shows_a_read_only_file_as_read_only_with_the_reason(tmp_path):
    from tui.app import EarmarkApp
    from tui.config import Config

    t, side = tagged(tmp_path)
    side.chmod(0o444)
    before = side.read_bytes()
    app = EarmarkApp([str(t)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        assert app.status.part("save") == "read-only"
        assert any("read-only" in str(n.message) for n in app._notifications)
        await pilot.press("j", "j", "1")
        await pilot.pause()
    assert side.read_bytes() == before


# -- symlinks ----------------------------------------------------------------


def test_a_symlinked_file_is_written_through_to_its_target(tmp_path):
    t = sample(tmp_path / "calls", "call.txt")
    shared = tmp_path / "team" / "shared.annotations.yaml"
    shared.parent.mkdir()
    shared.write_text("")
    side = sidecar_path(t)
    side.symlink_to(os.path.relpath(shared, side.parent))
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert main(["tag", str(t), "--find", GROWTH, "--tag", "metric"]) == 0
    assert side.is_symlink()  # still a link, not a copy
    assert sorted(quotes(shared)) == sorted([GUIDE, GROWTH])
    assert leftovers(side.parent, shared.parent) == []


def test_a_chain_of_links_and_a_broken_link(tmp_path):
    t = sample(tmp_path / "calls", "call.txt")
    real = tmp_path / "store" / "real.yaml"
    real.parent.mkdir()
    middle = tmp_path / "middle.yaml"
    middle.symlink_to(real)  # real does not exist yet: a broken link
    sidecar_path(t).symlink_to(middle)
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    assert middle.is_symlink() and sidecar_path(t).is_symlink()
    assert quotes(real) == [GUIDE]


def test_a_link_loop_is_one_line_and_nothing_is_written(tmp_path, capsys):
    t = sample(tmp_path / "calls", "call.txt")
    side = sidecar_path(t)
    side.symlink_to(side.name)
    capsys.readouterr()
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) >= 1 and all(str(side) in line for line in err) and "Traceback" not in "".join(err)
    assert side.is_symlink() and os.readlink(side) == side.name


def test_a_fifo_in_place_of_the_file_is_never_read_nor_replaced(tmp_path, capsys):
    t = sample(tmp_path / "calls", "call.txt")
    side = sidecar_path(t)
    os.mkfifo(side)
    capsys.readouterr()
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 1  # returns: never blocks on the pipe
    assert "pipe" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(side).st_mode)


# -- mode, owner, group, hard links ------------------------------------------


def test_mode_and_group_are_kept(tmp_path):
    t, side = tagged(tmp_path)
    os.chmod(side, 0o640)
    groups = [g for g in os.getgroups() if g != side.stat().st_gid] if os.geteuid() != 0 else [4242]
    if not groups:
        pytest.skip("this user is in one group only")
    os.chown(side, -1, groups[0])
    owner = side.stat().st_uid
    assert main(["tag", str(t), "--find", GROWTH, "--tag", "metric"]) == 0
    st = side.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_gid == groups[0] and st.st_uid == owner
    assert sorted(on_disk(t)) == sorted([GUIDE, GROWTH])


def test_a_hard_linked_file_is_saved_with_a_warning(tmp_path, capsys):
    t, side = tagged(tmp_path)
    twin = tmp_path / "twin.yaml"
    os.link(side, twin)
    capsys.readouterr()
    assert main(["tag", str(t), "--find", GROWTH, "--tag", "metric"]) == 0
    err = capsys.readouterr().err
    assert "hard link" in err and str(side) in err
    assert sorted(on_disk(t)) == sorted([GUIDE, GROWTH])
    assert yaml.safe_load(twin.read_text())["annotations"]  # the other name is still whole


FOLDER_COMMANDS = [["calls"], ["annotations"], ["check"], ["export"], ["speakers"], ["search", "revenue"]]


@pytest.mark.parametrize("command", FOLDER_COMMANDS, ids=lambda c: c[0])
def test_a_fifo_annotation_file_never_blocks_a_folder_command(tmp_path, command):
    import subprocess
    import sys

    from fs_fault_helpers import REPO

    t = sample(tmp_path / "calls", "call.txt")
    sample(tmp_path / "calls", "call.md")  # a twin: the short name's owner is looked up too
    os.mkfifo(tmp_path / "calls" / "call.annotations.yaml")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "tui", *command, str(t.parent)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.returncode in (0, 1)
