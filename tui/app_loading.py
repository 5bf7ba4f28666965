"""The app's load of the folders: one call on the screen as soon as it is
read, the rest listed as a first run parses them (in batches) and the whole
corpus handed over once it is in.

A mixin of ``EarmarkApp`` (``tui.app``), kept apart because the load is one
story, told across a worker thread and the UI thread: the worker shows the
early call, waits for it to reach the screen, then loads; the UI thread
lists the batches, and once the corpus is in, opens the call the user should
see (the early one, unless it is untouched and another should come first)
and tells the listeners.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from transcripts.corpus import Corpus, load_corpus, read_call
from transcripts.discovery import find_transcripts
from transcripts.model import Call, Problem
from tui.first_call import first_call, first_path, resumed_file

if TYPE_CHECKING:
    from tui.app import EarmarkApp

MAX_ERROR_NOTIFICATIONS = 3


class CorpusLoaded(Message):
    """Every call is loaded (``corpus`` is also ``app.corpus`` by now)."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class CorpusLoading:
    """``EarmarkApp``'s loading (its attributes are the app's)."""

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_calls(self, paths: list[str]) -> None:
        """Show one call as soon as it is parsed, then load the rest."""
        worker = get_current_worker()
        try:
            found: list[Problem] = []
            first_file = resumed_file(paths, self.resume_path) or first_path(
                find_transcripts(paths, found, follow_links=self.follow_links), self.resume_path)
            if first_file is not None:
                try:
                    first = read_call(first_file)
                except Exception:  # reported with the full load below
                    first = None
                if first is not None and not worker.is_cancelled:
                    self.call_from_thread(self._show_early_call, first)
                    # Let the first call reach the screen before the bulk load
                    # competes with the UI thread for the interpreter.
                    self.first_paint.wait(timeout=1.0)
            if worker.is_cancelled:
                return
            corpus = self._load_corpus_with_progress(paths)
        except Exception as exc:  # never let a bad input take the app down
            self.call_from_thread(self._load_failed, exc)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._corpus_ready, corpus)

    def _load_corpus_with_progress(self, paths: list[str]) -> Corpus:
        last = [0.0]
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] < 0.1:
                return
            last[0] = now
            try:
                self.call_from_thread(self.show_progress, load=f"loading {done:,}/{total:,} calls")
            except Exception:  # the app is closing; loading carries on quietly
                pass

        def growing(corpus: Corpus) -> None:
            if worker.is_cancelled:
                return
            try:
                self.call_from_thread(self._calls_arrived, corpus)
            except Exception:  # the app is closing
                pass

        return load_corpus(paths, progress=progress, follow_links=self.follow_links, growing=growing)

    def _calls_arrived(self, corpus: Corpus) -> None:
        """A batch of a first run's calls (the loader hands over the same,
        growing corpus about every half second): list them, openable at
        once; the search pane indexes them as they come."""
        if not self.is_loading or corpus.loading is None:
            return  # the whole corpus is in already
        self.corpus = corpus
        self.calls_pane.set_calls(corpus.entries, corpus.errors)
        current = self.current_call
        if current is not None:
            self.calls_pane.mark_current(current.id)
            return
        entry = first_call(corpus.entries, self.resume_path)  # the first call could not be shown early
        if entry is None:
            return
        try:
            call = corpus.full(entry)
        except Exception:  # its file went away meanwhile: the next batch or the whole corpus says so
            return
        self._open(call)
        self._early_call = call
        self.call_after_refresh(self.first_paint.set)

    def _show_early_call(self, call: Call) -> None:
        if self.corpus.entries:  # the full corpus won the race
            return
        self._open(call)
        self._early_call = call
        self.call_after_refresh(self.first_paint.set)

    def _untouched_early_call(self, current: Call | None) -> bool:
        """The call shown while loading is still as it opened (the user
        has not moved in it): it may give way to the latest call."""
        reader = self.reader
        return (
            current is not None and current is self._early_call and reader.cursor == 0
            and reader.selection is None and reader.speaker_filter is None
        )

    def _load_failed(self, exc: Exception) -> None:
        self.is_loading = False
        self.show_progress(load="")
        self.notify(f"Could not load the calls: {exc}", title="Earmark", severity="error", timeout=10)

    def _corpus_ready(self, corpus: Corpus) -> None:
        self.is_loading = False
        self.corpus = corpus
        current = self.current_call
        keep: Call | None = None
        if current is not None:
            keep = corpus.by_path(current.path)
        calls_pane = self.calls_pane
        calls_pane.set_calls(corpus.entries, corpus.errors)
        self.show_call_count()
        for problem in corpus.errors[:MAX_ERROR_NOTIFICATIONS]:
            warning = problem.severity == "warning"  # e.g. a link out of the folder, skipped
            self.notify(str(problem), title="Skipped" if warning else "Could not read",
                        severity="warning" if warning else "error", timeout=8)
        if len(corpus.errors) > MAX_ERROR_NOTIFICATIONS:
            more = len(corpus.errors) - MAX_ERROR_NOTIFICATIONS
            self.notify(f"{more} more problem(s): see the calls pane", severity="error", timeout=8)
        if keep is not None and self._untouched_early_call(current):
            keep = None  # nothing read yet: the latest call, once all are known
        if keep is not None:
            cursor = self.reader.cursor
            self._positions[keep.id] = cursor
            self._open(keep, cursor=cursor, speaker_filter=self.reader.speaker_filter)
        elif corpus.entries:
            entry = first_call(corpus.entries, self.resume_path)
            self._open(corpus.full(entry) if entry is not None else None)
        else:
            self._open(None)
            if not corpus.errors:
                self.notify("No transcripts found in " + ", ".join(self.paths), severity="warning")
        if corpus.entries and not self.first_paint.is_set():
            self.call_after_refresh(self.first_paint.set)
        self.post_message(CorpusLoaded(corpus))
        for listener in self.loaded_listeners:
            listener()
