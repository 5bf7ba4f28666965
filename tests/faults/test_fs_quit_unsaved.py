"""Issue 13 item 5: edits that could not be saved anywhere (the folder is
read-only and the data folder is not writable) are not lost on ``q``: the
app asks first and writes them to a path the user types."""

from __future__ import annotations

import errno

import yaml

from annotations import store
from tests.conftest import Q4_2003
from transcripts.sidecar import sidecar_path
from tui.app import EarmarkApp
from tui.config import Config
from tui.screens.unsaved_quit import UnsavedQuitScreen
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


def make_app(samples_copy) -> EarmarkApp:
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    return app


def nowhere_writable(monkeypatch, *blocked):
    """Every write under ``blocked`` fails as on a read-only disk."""
    real = store.write_atomic

    def read_only_disk(target, data, *args, **kwargs):
        if any(str(target).startswith(str(b)) for b in blocked):
            raise OSError(errno.EROFS, "Read-only file system")
        return real(target, data, *args, **kwargs)

    monkeypatch.setattr(store, "write_atomic", read_only_disk)


async def tagged_but_unsaved(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()
    await pilot.press("j", "1")
    await pilot.pause()
    assert "NOT SAVED" in app.status.part("save").upper()


async def test_q_with_unsaved_edits_asks_and_writes_them_where_the_user_says(
    samples_copy, tmp_path, earmark_home, monkeypatch
):
    nowhere_writable(monkeypatch, samples_copy, earmark_home)
    keep = tmp_path / "elsewhere" / "kept.yaml"
    keep.parent.mkdir()
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await tagged_but_unsaved(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitScreen)  # asked, not quit
        field = app.screen.query_one("#path")
        field.value = str(keep)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    doc = yaml.safe_load(keep.read_text(encoding="utf-8"))
    assert [a["tags"] for a in doc["annotations"]] == [["metric"]]
    assert not sidecar_path(samples_copy / Q4_2003).exists()


async def test_escape_goes_back_to_the_app_and_ctrl_x_quits_without_them(
    samples_copy, earmark_home, monkeypatch
):
    nowhere_writable(monkeypatch, samples_copy, earmark_home)
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await tagged_but_unsaved(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UnsavedQuitScreen) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitScreen)
        await pilot.press("ctrl+x")
        await pilot.pause()
    assert not app.is_running


async def test_a_path_that_exists_is_never_overwritten_and_the_question_stays(
    samples_copy, tmp_path, earmark_home, monkeypatch
):
    nowhere_writable(monkeypatch, samples_copy, earmark_home)
    taken = tmp_path / "taken.yaml"
    taken.write_text("someone's file\n")
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await tagged_but_unsaved(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        app.screen.query_one("#path").value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitScreen)
        assert "exists already" in str(app.screen.query_one("#problem").render())
    assert taken.read_text() == "someone's file\n"


async def test_q_quits_at_once_when_everything_is_saved(samples_copy):
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        await pilot.press("j", "1", "q")
        await pilot.pause()
    assert not app.is_running
    assert sidecar_path(samples_copy / Q4_2003).exists()


async def test_q_saves_pending_edits_when_the_disk_can_take_them_again(
    samples_copy, earmark_home, monkeypatch
):
    real = store.write_atomic
    nowhere_writable(monkeypatch, samples_copy, earmark_home)
    app = make_app(samples_copy)
    async with app.run_test(size=SIZE) as pilot:
        await tagged_but_unsaved(app, pilot)
        monkeypatch.setattr(store, "write_atomic", real)  # room again
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    doc = yaml.safe_load(sidecar_path(samples_copy / Q4_2003).read_text(encoding="utf-8"))
    assert [a["tags"] for a in doc["annotations"]] == [["metric"]]


async def test_unsaved_edits_of_several_calls_go_to_a_folder_one_file_each(
    samples_copy, tmp_path, earmark_home, monkeypatch
):
    nowhere_writable(monkeypatch, samples_copy, earmark_home)
    app = EarmarkApp([str(samples_copy)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    keep = tmp_path / "kept"
    async with app.run_test(size=SIZE) as pilot:
        await tagged_but_unsaved(app, pilot)
        first = app.current_call
        other = next(c for c in app.corpus.calls if c.path != first.path)
        assert app.open_call(other.id)
        await pilot.pause()
        assert app.current_call.path == other.path
        await pilot.press("j", "2")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        app.screen.query_one("#path").value = str(keep)
        await pilot.press("enter")
        await pilot.pause()
    files = sorted(keep.iterdir())
    assert [p.name for p in files] == sorted(sidecar_path(p).name for p in samples_copy.glob("*.txt"))
    tags = sorted(a["tags"][0] for p in files for a in yaml.safe_load(p.read_text())["annotations"])
    assert tags == ["guidance", "metric"]
