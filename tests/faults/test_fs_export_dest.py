"""Issue 13 item 8: ``export -o`` never replaces what is at the path by a
regular file. Only FIFOs, sockets and symlinks in temporary folders stand
for devices here (the "not a regular file" branch); no real device is
touched.

Attacks: a FIFO with a reader, a symlink to a FIFO (like /dev/stdout to a
pipe), a symlink to a regular file in another folder, a broken symlink, a
socket, a symlink to a socket, a symlink to the annotation file, a symlink
to a transcript being exported, a symlink loop."""

from __future__ import annotations

import os
import socket
import stat
import tempfile
import threading
from pathlib import Path

import pytest

from fs_fault_helpers import GUIDE, sample
from transcripts.sidecar import sidecar_path
from tui.cli import main


@pytest.fixture
def tagged(tmp_path):
    t = sample(tmp_path / "calls", "call.txt")
    assert main(["tag", str(t), "--find", GUIDE, "--tag", "guidance"]) == 0
    return t


def read_fifo_in_background(path: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def reader() -> None:
        with open(path, "rb") as f:
            got.append(f.read())

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    return th, got


def test_a_fifo_is_written_into_not_replaced(tagged, tmp_path, capsys):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    th, got = read_fifo_in_background(fifo)
    assert main(["export", str(tagged), "-o", str(fifo)]) == 0
    th.join(timeout=30)
    assert "1 highlight" in got[0].decode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_symlink_to_a_fifo_is_written_through_like_dev_stdout(tagged, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    th, got = read_fifo_in_background(fifo)
    assert main(["export", str(tagged), "-o", str(link), "--format", "csv"]) == 0
    th.join(timeout=30)
    assert GUIDE in got[0].decode("utf-8-sig")
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_file_updates_the_target_and_stays_a_link(tagged, tmp_path):
    target = tmp_path / "reports" / "summary.md"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert main(["export", str(tagged), "-o", str(link)]) == 0
    assert link.is_symlink() and "1 highlight" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_broken_symlink_creates_its_target(tagged, tmp_path):
    target = tmp_path / "reports" / "new.md"
    target.parent.mkdir()
    link = tmp_path / "new.md"
    link.symlink_to(target)
    assert main(["export", str(tagged), "-o", str(link)]) == 0
    assert link.is_symlink() and "1 highlight" in target.read_text()


@pytest.fixture
def unix_socket():
    folder = tempfile.mkdtemp(prefix="em-")  # short: socket paths are limited to ~100 bytes
    path = Path(folder) / "s.md"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    yield path
    sock.close()
    path.unlink()
    os.rmdir(folder)


def test_a_socket_is_refused_with_a_clear_message(tagged, unix_socket, capsys):
    capsys.readouterr()
    assert main(["export", str(tagged), "-o", str(unix_socket)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"earmark export: {unix_socket}: is a socket; an export writes only to a file, a pipe or a terminal"]
    assert stat.S_ISSOCK(os.lstat(unix_socket).st_mode)


def test_a_symlink_to_a_socket_is_refused_and_both_stay(tagged, unix_socket, tmp_path, capsys):
    link = tmp_path / "sock.md"
    link.symlink_to(unix_socket)
    assert main(["export", str(tagged), "-o", str(link)]) == 1
    assert "is a socket" in capsys.readouterr().err
    assert link.is_symlink() and stat.S_ISSOCK(os.lstat(unix_socket).st_mode)


def test_a_symlink_to_the_annotation_file_is_refused(tagged, tmp_path, capsys):
    side = sidecar_path(tagged)
    before = side.read_bytes()
    link = tmp_path / "out.md"
    link.symlink_to(side)
    assert main(["export", str(tagged), "-o", str(link)]) == 2
    assert "annotation file" in capsys.readouterr().err
    assert side.read_bytes() == before


def test_a_symlink_to_an_exported_transcript_is_refused(tagged, tmp_path, capsys):
    before = tagged.read_bytes()
    link = tmp_path / "out.md"
    link.symlink_to(tagged)
    assert main(["export", str(tagged), "-o", str(link)]) == 2
    assert "one of the transcripts" in capsys.readouterr().err
    assert tagged.read_bytes() == before


def test_a_symlink_loop_is_one_line_exit_1(tagged, tmp_path, capsys):
    link = tmp_path / "loop.md"
    link.symlink_to(link.name)
    capsys.readouterr()
    assert main(["export", str(tagged), "-o", str(link)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(link) in err[0]
    assert link.is_symlink()
