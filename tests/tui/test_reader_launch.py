"""``earmark`` with no path: a writable copy of the samples in the user data
directory, made on first use, never overwriting what the user changed."""

from __future__ import annotations

from tests.conftest import SAMPLES
from transcripts.locations import user_samples_dir
from tui.launch import build_app, ensure_user_samples


def test_first_use_copies_the_samples(earmark_home):
    dest = ensure_user_samples()
    assert dest == user_samples_dir()
    assert str(dest).startswith(str(earmark_home))
    bundled = sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert sorted(p.name for p in dest.glob("*.txt")) == bundled
    for name in bundled:
        assert (dest / name).read_bytes() == (SAMPLES / name).read_bytes()


def test_user_edits_are_never_overwritten_and_missing_files_come_back(earmark_home):
    dest = ensure_user_samples()
    first, second = sorted(dest.glob("*.txt"))
    first.write_text("my own edit\n")
    (dest / "notes.annotations.yaml").write_text("version: 1\n")
    second.unlink()
    ensure_user_samples()
    assert first.read_text() == "my own edit\n"
    assert (dest / "notes.annotations.yaml").read_text() == "version: 1\n"
    assert second.read_bytes() == (SAMPLES / second.name).read_bytes()


def test_no_path_app_opens_the_copy_and_says_where(earmark_home):
    app = build_app([])
    assert app.samples_dir == user_samples_dir()
    assert app.paths == [str(user_samples_dir())]


def test_paths_are_passed_through(samples_copy):
    app = build_app([str(samples_copy)])
    assert app.paths == [str(samples_copy)] and app.samples_dir is None
