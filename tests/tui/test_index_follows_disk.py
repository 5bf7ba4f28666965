"""A transcript changed, added or removed on disk reaches the search index
as soon as the app notices it (issue 14), not when the next search runs:
the app tells the index itself, and records the file in the catalog."""

from __future__ import annotations

import os

import pytest

from tests.catalog.catalog_kit import write_calls
from tests.conftest import Q4_2003
from transcripts.catalog.store import Catalog
from transcripts.search import searcher as searcher_module
from transcripts.search import searcher_for
from tui import folder_watch
from tests.tui.waiting import until
from tui.app import EarmarkApp

pytest.importorskip("tantivy")

SIZE = (140, 40)
INDEX_WAIT = 3.0
"""The index has the change this soon after the app noticed it (a second
is the goal; the rest is room for a busy test machine)."""
MARK = "quokkanomics"




@pytest.fixture
def no_queries(monkeypatch) -> list:
    """Every search asked from now on (none must be: the index is kept
    current by the app, not by a query)."""
    asked: list = []
    real = searcher_module.Searcher.run
    monkeypatch.setattr(searcher_module.Searcher, "run",
                        lambda self, query, *a, **k: asked.append(query) or real(self, query, *a, **k))
    return asked


def indexed(app) -> dict[str, str]:
    """What the index holds (asked only while no build runs: the engine's
    own bookkeeping is not meant to be read from a second thread)."""
    backend = searcher_for(app.corpus).backend
    return backend.indexed() if backend is not None else {}


def index_idle(app) -> bool:
    """The search pane's index build has caught up with ``app.corpus``."""
    pane = app.query_one("#search")
    return not pane._building and pane._indexing_for is app.corpus and pane._indexed_entries is app.corpus.entries


def disk_notes(app, title: str) -> list[str]:
    return [n.message for n in app._notifications if n.title == title]


async def loaded_and_indexed(app, folder) -> None:
    await until(lambda: not app.is_loading and app.corpus.entries, "the calls")
    await until(lambda: index_idle(app), "the first index build")
    assert len(indexed(app)) == len(app.corpus.entries)


async def test_the_open_calls_changed_text_is_indexed_without_a_search(samples_copy, no_queries):
    transcript = samples_copy / Q4_2003
    app = EarmarkApp([str(samples_copy)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded_and_indexed(app, samples_copy)
        app.open_call(app.corpus.entry_by_path(transcript).id)
        await pilot.pause(1.2)  # the watcher has seen the file as it is
        before = indexed(app)[str(transcript)]

        transcript.write_text(transcript.read_text(encoding="utf-8")
                              + f"\nOperator\nThe {MARK} segment grew again.\n", encoding="utf-8")
        await until(lambda: disk_notes(app, "Changed on disk"), "the change to be noticed")
        assert not index_idle(app)  # told at once: catching up already
        await until(lambda: index_idle(app), "the index to have the new text", INDEX_WAIT)
        assert indexed(app).get(str(transcript)) not in (None, before)
        assert no_queries == []  # no search asked for it
        entry = app.corpus.entry_by_path(transcript)
        assert indexed(app)[str(transcript)] == entry.sha256 and MARK in app.current_call.text
        row = Catalog().rows([os.path.abspath(transcript)])[os.path.abspath(transcript)]
        assert row.sha256 == entry.sha256  # the next start takes it from the catalog
        await pilot.pause()


async def test_files_added_and_removed_in_the_folder_are_listed_and_indexed(tmp_path, monkeypatch, no_queries):
    monkeypatch.setattr(folder_watch, "RESCAN_SECONDS", 0.3)
    folder = tmp_path / "calls"
    paths = sorted(write_calls(folder, 4, words=200))
    later = paths[-1].with_name("zeta-2019-q1.txt")
    app = EarmarkApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded_and_indexed(app, folder)
        current = app.current_call.path
        gone = next(p for p in paths if str(p) != current)

        later.write_text(paths[0].read_text(encoding="utf-8") + f"\nOperator\nThe {MARK} line is new.\n",
                         encoding="utf-8")
        gone.unlink()
        await until(lambda: disk_notes(app, "Calls"), "the folder's changes to be noticed")
        listed = {c.path for c in app.calls_pane.shown_calls}
        assert str(later) in listed and str(gone) not in listed
        assert app.corpus.entry_by_path(later) is not None and app.corpus.entry_by_path(gone) is None
        assert not index_idle(app)  # told at once: catching up already
        await until(lambda: index_idle(app), "the index to follow the folder", INDEX_WAIT)
        assert str(later) in indexed(app) and str(gone) not in indexed(app)
        assert no_queries == []
        assert f"{len(paths)} calls" in app.status.text  # one added, one removed
        assert disk_notes(app, "Calls") == ["Transcripts changed on disk: 1 added, 1 removed"]
        await pilot.pause()


async def test_the_folder_is_not_walked_again_right_after_the_load_walked_it(tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    write_calls(folder, 3, words=200)
    walks: list = []
    monkeypatch.setattr(folder_watch, "rescan", lambda *a, **k: walks.append(a) or folder_watch.FolderChanges())
    app = EarmarkApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: not app.is_loading and app.corpus.entries, "the calls")
        watch = folder_watch.FolderWatch(app, interval=3600)
        watch.check()
        await pilot.pause(0.2)
        assert walks == []  # the load has just walked it
        watch.check()
        await until(lambda: walks, "the next look to walk the folder")
        await pilot.pause()
