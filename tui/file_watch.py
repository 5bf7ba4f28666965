"""Watching the open call's files, so a change on disk is seen the moment
it happens, not at the next save.

A ``git checkout`` of an older annotation file under a running app used to
stay unseen until the next save merged it in (correctly, but the user never
saw the file change). Now the transcript and its annotation file are
``stat``-ed every second (two system calls: cheap enough for a timer); when
either changed, a worker reads them again and the app shows the result:

- the annotation file: the annotations are reloaded, and a notification
  says what changed ("acme.annotations.yaml changed on disk: 1 added,
  1 removed");
- the transcript: it is parsed again (and recorded in the catalog), the
  annotations are re-anchored on the new text, the notification says how
  they were placed, and the search index takes the new text at once
  (``app.calls_changed``), so the next search is already current.

The app's own saves are recognised by the file's hash and pass in silence.
Edits that are still pending (a save failed) are never thrown away: the
change is announced, and the next save merges it by annotation id.

Installed by ``tui.extensions`` (``install(app)``), after the annotations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations import store
from annotations.codec import annotation_data
from annotations.session import CallAnnotations
from transcripts.catalog.load import reread_file
from transcripts.model import Call, Problem
from transcripts.reading import TranscriptError
from transcripts.sidecar import sidecar_path
from transcripts.terminal_safe import quote_name

if TYPE_CHECKING:
    from tui.app import EarmarkApp

POLL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Stamp:
    """What ``stat`` says of a file: any change of these is a change."""

    mtime_ns: int
    size: int
    ino: int
    dev: int


def stamp(path: str | Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Stamp(st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)


@dataclass(slots=True)
class Seen:
    """A call's files as last taken in by the app."""

    transcript: Stamp | None
    sidecar: Stamp | None


@dataclass(slots=True)
class Reread:
    """What a worker found after a change (applied on the UI thread)."""

    call: Call
    seen: Seen
    new_call: Call | None = None
    """The transcript parsed again, when its text changed."""
    fresh: CallAnnotations | None = None
    problem: str = ""


def annotation_changes(old: list, new: list, compare_offsets: bool = True) -> tuple[int, int, int]:
    """(added, removed, changed) between two lists of annotations, by id."""
    def content(a) -> dict[str, Any]:
        data = annotation_data(a)
        if not compare_offsets:
            data.pop("start", None)
            data.pop("end", None)
        return data

    before = {a.id: a for a in old}
    after = {a.id: a for a in new}
    added = sum(1 for i in after if i not in before)
    removed = sum(1 for i in before if i not in after)
    changed = sum(1 for i in after if i in before and content(after[i]) != content(before[i]))
    return added, removed, changed


def describe_changes(added: int, removed: int, changed: int) -> str:
    parts = [f"{n} {what}" for n, what in ((added, "added"), (removed, "removed"), (changed, "changed")) if n]
    return ", ".join(parts) if parts else "no annotation changed"


class FileWatch:
    def __init__(self, app: "EarmarkApp", interval: float = POLL_SECONDS) -> None:
        self.app = app
        self.interval = interval
        self._seen: dict[str, Seen] = {}
        self._busy = False
        self.timer = None

    def install(self) -> None:
        self.app.call_listeners.append(self.on_call)
        self.timer = self.app.set_interval(self.interval, self.check, name="file-watch")
        if self.app.current_call is not None:
            self.on_call(self.app.current_call)

    def _now(self, call: Call) -> Seen:
        return Seen(stamp(call.path), stamp(sidecar_path(call.path)))

    def on_call(self, call: Call | None) -> None:
        # A call seen before keeps its old stamps: a change made while
        # another call was open is found on the next tick.
        if call is not None and call.path not in self._seen:
            self._seen[call.path] = self._now(call)

    def check(self) -> None:
        """The timer: two ``stat`` calls; a worker only when something changed."""
        call = self.app.current_call
        if call is None or self._busy:
            return
        now = self._now(call)
        before = self._seen.get(call.path)
        if before is None:
            self._seen[call.path] = now
            return
        if now == before:
            return
        controller = getattr(self.app, "annotations", None)
        session = controller.sessions.get(call.path) if controller is not None else None
        expected = session.disk_sha256 if session is not None else None
        self._busy = True
        self.app.run_worker(partial(self._reread, call, before, now, expected), thread=True,
                            group="file-watch", exit_on_error=False,
                            description=f"read {call.path} again")  # not the repr of a whole call

    # -- in the worker ---------------------------------------------------

    def _reread(self, call: Call, before: Seen, now: Seen, expected: str | None) -> None:
        """``expected``: the annotation file's hash as the app last wrote or
        read it (its own save changes the stat, not the content we know)."""
        result = Reread(call, now)
        try:
            if now.transcript != before.transcript:
                if now.transcript is None:
                    result.problem = (f"{quote_name(call.path)} was removed or renamed on disk; "
                                      "the call stays open as it was read")
                else:
                    new_call = reread_file(call.path)  # and recorded in the catalog, for the next start
                    if isinstance(new_call, Problem):
                        raise TranscriptError(new_call.path, new_call.message, new_call.line)
                    if new_call.sha256 != call.sha256:
                        for name in ("id", "company", "fiscal_year", "quarter", "date", "title"):
                            setattr(new_call, name, getattr(call, name))
                        result.new_call = new_call
            if not result.problem and (result.new_call is not None or not self._is_known(call, expected)):
                result.fresh = CallAnnotations(result.new_call or call)
        except Exception as exc:  # a file mid-write, unreadable: said, and tried again on the next change
            result.problem = f"{quote_name(call.path)} changed on disk but could not be read again: {exc}"
        try:
            self.app.call_from_thread(self._apply, result)
        except Exception:  # the app is closing
            pass

    @staticmethod
    def _is_known(call: Call, expected: str | None) -> bool:
        current = store.read_current(sidecar_path(call.path))
        return (current[1].sha256 if current else None) == expected and expected is not None

    # -- on the UI thread --------------------------------------------------

    def _apply(self, r: Reread) -> None:
        self._busy = False
        self._seen[r.call.path] = r.seen
        if r.problem:
            self.app.notify(r.problem, title="Changed on disk", severity="warning", timeout=10)
            return
        fresh = r.fresh
        if fresh is None:
            return  # only the app's own save
        controller = getattr(self.app, "annotations", None)
        old = controller.sessions.get(r.call.path) if controller is not None else None
        if r.new_call is None and old is not None and fresh.disk_sha256 == old.disk_sha256 \
                and fresh.read_only_reason == old.read_only_reason:
            return  # our own save, or a touch
        if old is not None and old.pending:
            self.app.notify(
                f"{quote_name(fresh.path.name)} changed on disk; your unsaved edits are kept "
                "and will be merged into it by annotation id on the next save",
                title="Changed on disk", severity="warning", timeout=10,
            )
            return
        old_annotations = old.annotations if old is not None else []
        if controller is not None:
            controller.sessions[r.call.path] = fresh
        if r.new_call is not None:
            self._show_new_transcript(r.call, r.new_call, fresh)
        elif controller is not None and self.app.current_call is r.call:
            controller.on_call(r.call)
        self._announce(r, fresh, old_annotations)

    def _show_new_transcript(self, call: Call, new_call: Call, fresh: CallAnnotations) -> None:
        entries = self.app.corpus.entries  # metadata: no call's text is opened to find it
        for i, c in enumerate(entries):
            if c is call or c.path == call.path:
                entries[i] = new_call
        self.app.calls_changed()  # the search index takes the new text now, not at the next query
        if self.app.current_call is call:
            # (While the corpus is still loading, the call on screen is not in
            # it yet; the loaded corpus reads the file afresh anyway.)
            if self.app.corpus.call(new_call.id) is new_call:
                self.app.open_call(new_call.id)

    def _announce(self, r: Reread, fresh: CallAnnotations, old: list) -> None:
        if fresh.read_only:
            self.app.notify(fresh.read_only_reason, title="Changed on disk", severity="error", timeout=12)
            return
        if r.new_call is not None:
            counts: dict[str, int] = {}
            for a in fresh.annotations:
                counts[a.status] = counts.get(a.status, 0) + 1
            placed = ", ".join(f"{n} {status}" for status, n in counts.items()) or "none to place"
            self.app.notify(
                f"{quote_name(Path(r.call.path).name)} changed on disk: read again; annotations {placed}",
                title="Changed on disk", severity="warning" if counts.get("orphaned") else "information",
                timeout=10,
            )
            return
        added, removed, changed = annotation_changes(old, fresh.annotations)
        gone = "" if r.seen.sidecar is not None else " (the file was removed)"
        self.app.notify(
            f"{quote_name(fresh.path.name)} changed on disk{gone}: {describe_changes(added, removed, changed)}",
            title="Changed on disk", severity="warning" if removed else "information", timeout=10,
        )


def install(app: "EarmarkApp") -> FileWatch:
    watch = FileWatch(app)
    watch.install()
    app.file_watch = watch  # type: ignore[attr-defined]
    return watch
