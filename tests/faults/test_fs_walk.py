"""Issue 13 item 9: a folder walk stays inside the folder given, skips
special files, and stops with a clear message at its limits.

Attacks: `up -> ..`, `all -> /`, a link to a folder inside (followed once,
under its real path), a link loop, `--follow-links` on the commands and the
app launcher, a FIFO named like a transcript, a socket, too many files, too
deep a tree, too many bytes."""

from __future__ import annotations

import json
import os
import socket
import tempfile
from pathlib import Path

import pytest

import transcripts.discovery as discovery
from fs_fault_helpers import sample
from tui.cli import main


def listed(capsys, *args) -> tuple[int, list[str], str]:
    capsys.readouterr()
    code = main(["calls", *args, "--json"])
    out, err = capsys.readouterr()
    return code, sorted(c["path"] for c in json.loads(out)["calls"]), err


def test_a_link_up_out_of_the_folder_is_not_followed(tmp_path, capsys):
    inside = sample(tmp_path / "calls", "inside.txt")
    sample(tmp_path, "outside.txt")
    (tmp_path / "calls" / "up").symlink_to("..")
    code, paths, err = listed(capsys, str(tmp_path / "calls"))
    assert code == 0 and paths == [str(inside)]
    assert f"{tmp_path / 'calls' / 'up'}: warning: link to a folder outside" in err
    assert "--follow-links" in err


def test_a_link_to_the_root_is_not_walked(tmp_path, capsys):
    inside = sample(tmp_path / "calls", "inside.txt")
    (tmp_path / "calls" / "all").symlink_to("/")
    code, paths, _ = listed(capsys, str(tmp_path / "calls"))
    assert code == 0 and paths == [str(inside)]


def test_follow_links_follows_them_on_request(tmp_path, capsys):
    inside = sample(tmp_path / "calls", "inside.txt")
    other = sample(tmp_path / "other", "outside.txt")
    (tmp_path / "calls" / "more").symlink_to(other.parent)
    code, paths, _ = listed(capsys, "--follow-links", str(tmp_path / "calls"))
    assert code == 0 and paths == sorted([str(inside), str(tmp_path / "calls" / "more" / "outside.txt")])


@pytest.mark.parametrize("command", ["speakers", "search", "annotations", "check", "export"])
def test_every_folder_command_takes_follow_links(tmp_path, capsys, command):
    sample(tmp_path / "other", "outside.txt")
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "more").symlink_to(tmp_path / "other")
    args = [command, "revenue"] if command == "search" else [command]
    capsys.readouterr()
    main([*args, str(tmp_path / "calls")])
    assert "not followed" in "".join(capsys.readouterr())  # check reports on stdout
    main([*args, "--follow-links", str(tmp_path / "calls")])
    assert "not followed" not in "".join(capsys.readouterr())


def test_the_app_launcher_takes_follow_links(tmp_path, monkeypatch):
    import tui.launch

    seen = {}
    monkeypatch.setattr(tui.launch, "launch_app", lambda paths, follow_links=False: seen.update(
        paths=paths, follow_links=follow_links) or 0)
    sample(tmp_path, "a.txt")
    assert main(["--follow-links", str(tmp_path)]) == 0
    assert seen == {"paths": [str(tmp_path)], "follow_links": True}
    from tui.app import EarmarkApp

    assert EarmarkApp([str(tmp_path)], follow_links=True).follow_links


def test_a_link_inside_is_followed_once_under_the_real_path(tmp_path, capsys):
    real = sample(tmp_path / "calls" / "2003", "q4.txt")
    (tmp_path / "calls" / "latest").symlink_to("2003")
    (tmp_path / "calls" / "2003" / "loop").symlink_to("..")
    code, paths, err = listed(capsys, str(tmp_path / "calls"))
    assert code == 0 and paths == [str(real)]


def test_special_files_are_skipped_with_a_warning(tmp_path, capsys):
    calls = tmp_path / "calls"
    good = sample(calls, "good.txt")
    os.mkfifo(calls / "pipe.txt")
    folder = tempfile.mkdtemp(prefix="em-")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(os.path.join(folder, "s.txt"))
        (calls / "sock.txt").symlink_to(os.path.join(folder, "s.txt"))
        code, paths, err = listed(capsys, str(calls))
    finally:
        sock.close()
        os.unlink(os.path.join(folder, "s.txt"))
        os.rmdir(folder)
    assert code == 0 and paths == [str(good)]  # returned: never blocked on the pipe
    assert f"{calls / 'pipe.txt'}: warning: not a regular file" in err
    assert f"{calls / 'sock.txt'}: warning: not a regular file" in err


def test_the_walk_stops_at_the_file_limit_with_a_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(discovery, "MAX_WALK_FILES", 3)
    for n in range(5):
        sample(tmp_path / "calls", f"c{n}.txt")
    code, paths, err = listed(capsys, str(tmp_path / "calls"))
    assert len(paths) == 3 and code == 1
    assert "stopped reading folders here: more than 3 transcripts" in err


def test_the_walk_stops_at_the_byte_limit_with_a_message(tmp_path, capsys, monkeypatch):
    size = sample(tmp_path / "calls", "c0.txt").stat().st_size
    sample(tmp_path / "calls", "c1.txt")
    monkeypatch.setattr(discovery, "MAX_WALK_BYTES", size + 10)
    code, paths, err = listed(capsys, str(tmp_path / "calls"))
    assert len(paths) == 1 and code == 1
    assert "GB of transcripts" in err


def test_a_tree_deeper_than_the_limit_is_cut_with_a_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(discovery, "MAX_WALK_DEPTH", 3)
    deep = tmp_path / "calls"
    for n in range(6):
        deep = deep / f"d{n}"
        sample(deep, f"level{n}.txt")
    code, paths, err = listed(capsys, str(tmp_path / "calls"))
    assert sorted(Path(p).name for p in paths) == ["level0.txt", "level1.txt", "level2.txt"]
    assert "more than 3 folders deep; not read" in err
