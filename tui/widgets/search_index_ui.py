"""The search pane's index: built as soon as the whole corpus is in (or,
with the on-disk engine, batch by batch while a first run parses), brought
up to date when a file changes on disk, its progress in the status bar, and
the query typed meanwhile asked once it is ready.

A mixin of ``SearchPane`` (``tui.widgets.search_pane``); the build runs in a
thread worker, so the UI never waits for it.
"""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from transcripts.search import searcher_for


class IndexBuilding:
    """``SearchPane``'s index (its attributes are the pane's)."""

    def look_for_calls(self) -> None:
        """The whole corpus is in: index it now (nothing if it already is)."""
        self._watch_corpus()

    def _watch_corpus(self) -> None:
        app = self.app
        corpus = app.corpus
        if not corpus.entries:
            return
        if self._indexing_for is corpus and self._indexed_entries is corpus.entries:
            return
        if corpus.loading is not None and not self._fit_while_loading(corpus):
            return
        if self._building and self._indexing_for is corpus:
            return  # a batch came while the last one is indexed: the next tick takes it
        if self._indexing_for is not corpus:
            self._index_ready = False
        self._indexing_for, self._indexed_entries = corpus, corpus.entries
        self._building = True
        self._build_index(corpus)

    def _fit_while_loading(self, corpus) -> bool:
        if self._part_ok_for is not corpus and index_while_loading(corpus):
            self._part_ok_for = corpus
        return self._part_ok_for is corpus

    def kick_index(self) -> None:
        """Bring the index up to date with ``app.corpus`` now (a file
        changed on disk): the next search need not wait for it."""
        self._indexed_entries = None
        self._watch_corpus()

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self, corpus) -> None:
        worker = get_current_worker()
        entries = corpus.entries  # what this build covers (a batch may replace the list meanwhile)
        calls = len(entries)

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._index_progress, calls - total + done, calls)

        searcher = searcher_for(corpus)
        searcher.on_warning = lambda message: self.app.call_from_thread(
            self.app.notify, message, title="Search index", severity="warning", timeout=8)
        try:
            searcher.prepare(progress)
        except Exception as exc:  # the first query tries again; the app stays up
            if not worker.is_cancelled:
                self.app.call_from_thread(self._index_failed, f"search index failed: {one_line_of(exc)}")
            return
        _return_freed_memory()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._index_built, corpus, entries)

    def _index_progress(self, indexed: int, calls: int) -> None:
        # Hits on screen keep their summary (what they were found over);
        # the status bar shows the build's progress either way.
        if self.shown is None or self.shown.result is None:
            self._status(f"indexing {indexed:,}/{calls:,} calls\u2026")
        self._show_index_progress(f"indexed {indexed:,}/{calls:,}")

    def _show_index_progress(self, text: str) -> None:
        show = getattr(self.app, "show_progress", None)
        if show is not None:
            show(index=text)

    def _index_failed(self, text: str) -> None:
        self._building = False
        self._status(text)
        self._show_index_progress("")

    def _index_built(self, corpus, entries: list) -> None:
        self._building = False
        self._index_ready = True
        partial = corpus.loading is not None or entries is not corpus.entries  # more calls came meanwhile
        self._show_index_progress(f"indexed {len(entries):,}/{len(corpus.entries):,}" if partial else "")
        text = self.input.value
        # While calls still arrive, a query already answered is not asked
        # again after every batch (the hits would jump under the user).
        if text.strip() and not (partial and self.shown is not None and self.shown.text == text):
            self._ask()
        elif not text.strip():
            self._status(self._idle_text())
        self._watch_corpus()  # a batch that came meanwhile


def index_while_loading(corpus) -> bool:
    """Whether a part-loaded corpus can be indexed before the rest is in:
    only the on-disk engine answers over what it has committed while a
    build runs (it builds into the index of the whole load's folder,
    ``corpus.loading.paths``, and removes nothing not handed over yet)."""
    return searcher_for(corpus).engine == "disk"


def one_line_of(exc: Exception) -> str:
    """An error as one line of the pane's status (also the search's)."""
    return " ".join(str(exc).split()) or type(exc).__name__


def _return_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc only).

    Building the index frees many large temporaries between blocks that
    stay; glibc keeps those pages, about 12 MB resident with 1,000 calls on
    a first run. Elsewhere (macOS, musl) there is no ``malloc_trim``: nothing
    to do."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
