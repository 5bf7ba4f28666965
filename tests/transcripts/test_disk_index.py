"""The on-disk (tantivy) index as a user meets it: one edited file updates
that call alone, a build killed half-way leaves an index that answers and
is completed by the next run, a damaged index is rebuilt with one warning."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("tantivy")  # its wheels need Python 3.11+

from transcripts import load_corpus  # noqa: E402
from transcripts.search import searcher_for  # noqa: E402
from transcripts.search.allowed import FilterContext  # noqa: E402
from transcripts.search.disk_engine import DiskBackend  # noqa: E402
from transcripts.search.disk_index import DiskIndex, index_folder  # noqa: E402
from transcripts.search.query import parse_query  # noqa: E402
from transcripts.search.searcher import Searcher  # noqa: E402

from tests.conftest import Q4_2003, REPO  # noqa: E402

CALL = """Operator
Good day and welcome to the {name} Corp fourth quarter 2004 earnings call.
Jane Doe - CFO
Thank you. Revenue for {name} grew nicely and our {word} business did well.
"""


def write_calls(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"Co{i:03d}"
        (folder / f"{name.lower()}-2004-q4.txt").write_text(CALL.format(name=name, word=f"zebra{i:03d}"),
                                                          encoding="utf-8")


def disk_searcher(corpus) -> Searcher:
    return searcher_for(corpus, engine="disk")


def test_one_edited_file_is_reindexed_in_place(samples_copy, monkeypatch):
    corpus = load_corpus([samples_copy])
    disk_searcher(corpus).ensure_index()
    folder = index_folder([c.path for c in corpus.calls])
    before = DiskIndex(folder).indexed()
    assert len(before) == 2

    path = samples_copy / Q4_2003
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Translating into a 22% operating margin.", "Translating into a 22% zebra margin."), encoding="utf-8")
    added: list[str] = []
    real = DiskIndex.add
    monkeypatch.setattr(DiskIndex, "add", lambda self, call: added.append(call.path) or real(self, call))
    changed = load_corpus([samples_copy])
    hits = disk_searcher(changed).run("zebra ", 20).hits
    assert added == [str(path)]  # only the edited call was read into the index
    assert [h.text for h in hits] == ["Translating into a 22% zebra margin."]
    after = DiskIndex(folder).indexed()
    assert after[str(path)] != before[str(path)]
    assert {p: s for p, s in after.items() if p != str(path)} == {p: s for p, s in before.items() if p != str(path)}


CHILD = """
import sys, time
sys.path.insert(0, {repo!r})
from transcripts import load_corpus
from transcripts.search import disk_build, searcher
searcher.COMMIT_SECONDS = 0  # commit after every call: the kill lands between commits
disk_build.COMMIT_SHARE = 0
disk_build.COMMIT_GROWTH = 0
corpus = load_corpus([{folder!r}])
def progress(done, total):
    print(done, total, flush=True)
    time.sleep(0.05)
searcher.searcher_for(corpus, engine="disk").ensure_index(progress)
print("finished", flush=True)
"""


def test_a_build_killed_half_way_answers_and_the_next_run_completes_it(tmp_path):
    folder = tmp_path / "calls"
    write_calls(folder, 40)
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(repo=str(REPO), folder=str(folder))],
                             stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    seen = 0
    deadline = time.monotonic() + 60
    while seen < 8 and time.monotonic() < deadline:
        line = child.stdout.readline()
        assert line and "finished" not in line, "the build ended before it could be killed"
        seen = int(line.split()[0])
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()

    corpus = load_corpus([folder])
    index_dir = index_folder([c.path for c in corpus.calls])
    partial = DiskBackend(index_dir)
    done = partial.indexed()
    assert seen - 1 <= len(done) < 40  # what was committed before the kill (progress comes first)
    first = sorted(done)[0]
    entry = corpus.by_path(first)
    word = entry.text.split("our ")[1].split()[0]
    hits = partial.query(parse_query(word), 5, FilterContext(corpus.entries)).hits
    assert [h.path for h in hits] == [first]
    del partial

    seen_progress: list[tuple[int, int]] = []
    searcher = disk_searcher(corpus)
    searcher.ensure_index(lambda d, t: seen_progress.append((d, t)))
    assert seen_progress[-1] == (40 - len(done), 40 - len(done))  # only the rest was indexed
    assert len(DiskIndex(index_dir).indexed()) == 40
    assert {h.call for h in searcher.run("zebra039 ", 5).hits} == {"co039-2004-q4"}


def test_a_damaged_index_is_rebuilt_with_one_warning(samples_copy):
    corpus = load_corpus([samples_copy])
    assert disk_searcher(corpus).run("defered revnue", 5).hits
    folder = index_folder([c.path for c in corpus.calls])
    (folder / "meta.json").write_text("{ this is not an index", encoding="utf-8")

    again = load_corpus([samples_copy])
    searcher = disk_searcher(again)
    seen: list[tuple[int, int]] = []
    searcher.ensure_index(lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)  # rebuilt
    assert len(searcher.warnings) == 1 and "\n" not in searcher.warnings[0]
    assert "search index" in searcher.warnings[0] and "rebuilding" in searcher.warnings[0]
    assert searcher.run("defered revnue", 5).hits


def test_queries_answer_over_what_is_indexed_while_a_build_runs(tmp_path, monkeypatch):
    import threading

    from transcripts.search import disk_build
    from transcripts.search import searcher as searcher_module

    monkeypatch.setattr(searcher_module, "COMMIT_SECONDS", 0)
    monkeypatch.setattr(disk_build, "COMMIT_SHARE", 0)  # a commit after every call
    monkeypatch.setattr(disk_build, "COMMIT_GROWTH", 0)
    folder = tmp_path / "calls"
    write_calls(folder, 12)
    corpus = load_corpus([folder])
    searcher = disk_searcher(corpus)
    halfway, go_on = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 6:
            halfway.set()
            assert go_on.wait(30)

    build = threading.Thread(target=searcher.ensure_index, args=(progress,))
    build.start()
    try:
        assert halfway.wait(30)
        time.sleep(0.2)  # the commit after the fifth call is visible by now
        result = searcher.run("revenue ", 50)  # must not wait for the build
        assert 5 <= len({h.call for h in result.hits}) < 12
    finally:
        go_on.set()
        build.join(30)
    assert len({h.call for h in searcher.run("revenue ", 50).hits}) == 12


def test_indexes_of_other_folders_are_pruned_beyond_a_few(tmp_path, monkeypatch):
    from transcripts.search import disk_index

    monkeypatch.setattr(disk_index, "KEEP_INDEXES", 2)
    folders = []
    for n in range(4):
        folder = tmp_path / f"calls{n}"
        write_calls(folder, 1)
        corpus = load_corpus([folder])
        assert disk_searcher(corpus).run("revenue ", 5).hits
        folders.append(index_folder([c.path for c in corpus.calls]))
        time.sleep(0.02)  # distinct modification times
    assert [f.exists() for f in folders] == [False, False, True, True]


def test_what_is_indexed_is_known_from_the_manifest_without_reading_the_index(tmp_path, monkeypatch):
    write_calls(tmp_path / "calls", 5)
    corpus = load_corpus([tmp_path / "calls"])
    disk_searcher(corpus).ensure_index()
    folder = index_folder([e.path for e in corpus.entries])
    truth = {e.path: e.sha256 for e in corpus.entries}

    def no_reading(self):
        raise AssertionError("read the index's documents")

    with monkeypatch.context() as m:
        m.setattr(DiskIndex, "_from_documents", no_reading)
        assert DiskIndex(folder).indexed() == truth


def test_a_manifest_that_no_longer_describes_the_index_is_not_believed(tmp_path):
    write_calls(tmp_path / "calls", 3)
    corpus = load_corpus([tmp_path / "calls"])
    disk_searcher(corpus).ensure_index()
    folder = index_folder([e.path for e in corpus.entries])
    other = DiskIndex(folder)  # another process removes a call, and is killed before it writes the manifest
    other.remove(corpus.entries[0].path)
    other.commit(final=False)
    assert DiskIndex(folder).indexed() == {e.path: e.sha256 for e in corpus.entries[1:]}

    (folder / "earmark-manifest.json").write_text("{not json", encoding="utf-8")
    assert DiskIndex(folder).indexed() == {e.path: e.sha256 for e in corpus.entries[1:]}


def test_a_part_loaded_corpus_builds_into_the_whole_loads_index_and_removes_nothing(tmp_path):
    from transcripts.corpus import Corpus, Loading

    write_calls(tmp_path / "calls" / "a", 3)
    write_calls(tmp_path / "calls" / "b", 3)
    whole = load_corpus([tmp_path / "calls"])
    disk_searcher(whole).ensure_index()  # an earlier run indexed everything
    every = [e.path for e in whole.entries]
    first_batch = [e for e in whole.entries if "/a/" in e.path]  # one subfolder handed over so far

    part = Corpus(entries=first_batch, opener=whole.opener, loading=Loading(3, 6, tuple(every)))
    searcher = disk_searcher(part)
    searcher.ensure_index()
    assert searcher._folder == index_folder(every)  # not the index of folder a alone
    assert set(searcher.backend.indexed()) == set(every)  # b's calls, not handed over yet, stay


def test_a_long_build_commits_less_and_less_often(monkeypatch):
    """Each commit makes a segment that tantivy merges again and again:
    a first run of 30,000 calls committing every second spent most of its
    time merging. The first calls are searchable within seconds; later
    commits come as the build grows, never more than a minute apart."""
    from transcripts.search import disk_build

    clock = [0.0]
    monkeypatch.setattr(disk_build.time, "monotonic", lambda: clock[0])
    commits: list[float] = []

    class Disk:
        def commit(self, final: bool = True) -> None:
            commits.append(clock[0])

    build = disk_build._Build(Disk(), 3000, None, commit_seconds=1.0)  # type: ignore[arg-type]
    for _ in range(3000):  # a call a second for 50 minutes
        clock[0] += 1.0
        build.one_done()
    gaps = [b - a for a, b in zip([0.0, *commits], commits)]
    assert commits[0] <= 2 and commits[1] <= 4
    assert all(later >= earlier for earlier, later in zip(gaps, gaps[1:]))
    assert max(gaps) <= disk_build.MAX_COMMIT_SECONDS
    assert 3000 - commits[-1] <= disk_build.MAX_COMMIT_SECONDS  # a kill loses at most a minute
    assert len(commits) < 80
    # however slow commits grow, a minute is the most a kill can lose
    clock[0], commits[:] = 0.0, []
    slow = disk_build._Build(Disk(), 100, None, commit_seconds=1.0)  # type: ignore[arg-type]
    slow.commit_cost = 30.0  # eight times that would be four minutes
    for _ in range(100):
        clock[0] += 1.0
        slow.one_done()
    assert commits and commits[0] <= disk_build.MAX_COMMIT_SECONDS


def test_a_call_put_in_place_of_its_old_entry_is_searched_at_once(tmp_path):
    """The app puts a changed call where its old entry was, in the same
    list: the next query finds the new text and no longer the old."""
    from transcripts.catalog.load import reread_file

    folder = tmp_path / "calls"
    write_calls(folder, 4)
    corpus = load_corpus([folder])
    searcher = disk_searcher(corpus)
    assert {h.call for h in searcher.run("zebra002", 5).hits} == {"co002-2004-q4"}
    path = folder / "co002-2004-q4.txt"
    path.write_text(CALL.format(name="Co002", word="quokka"), encoding="utf-8")
    entries = corpus.entries
    at = next(i for i, e in enumerate(entries) if e.path == str(path))
    entries[at] = reread_file(path)
    assert {h.call for h in searcher.run("quokka", 5).hits} == {"co002-2004-q4"}
    assert not searcher.run('"zebra002"', 5).hits
