"""Re-anchors the user must confirm, and annotation files whose transcript
is missing, in the app.

Installed by ``tui.extensions`` after the annotations (``install(app)``).

- ``Y`` (id ``annotations.confirm``; ``y`` copies, see ``tui.copy_ui``) accepts where re-anchoring put the
  annotation under the cursor (or chosen in the annotations pane): a
  ``fuzzy`` match, or one now in another speaker's turn. Until then the
  file keeps the quote the user tagged (``annotations.anchoring``). The
  palette has ``confirm re-anchor: ...`` per annotation and ``confirm all
  re-anchors``; ``u`` undoes a confirmation.
- Opening a call with re-anchors to confirm says so; loading a folder that
  holds annotation files without their transcript (renamed, moved,
  deleted) says so, and the palette offers ``re-link annotations: X -> Y``
  for each call that looks like the missing transcript.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.session import AnnotationError
from annotations.stray import RelinkError, Stray, find_strays, relink
from transcripts.model import Call
from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.annotations_ui import AnnotationsController
    from tui.app import EarmarkApp


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


class ReanchorController:
    def __init__(self, app: "EarmarkApp", annotations: "AnnotationsController") -> None:
        self.app = app
        self.annotations = annotations
        self._corpus_seen: object | None = None
        self._strays: list[Stray] | None = None
        self._announced: set[str] = set()

    def install(self) -> None:
        app = self.app
        app.bind_key("Y", self.confirm, "Confirm re-anchor", id="annotations.confirm", show=False,
                     tooltip="Keep a re-anchor where it is now")
        app.call_listeners.append(self.on_call)
        if ReanchorCommands not in app.COMMANDS:
            app.COMMANDS = app.COMMANDS | {ReanchorCommands}  # this app only, not the class
        if app.current_call is not None:
            self.on_call(app.current_call)

    # -- announcing --------------------------------------------------------

    def on_call(self, call: Call | None) -> None:
        corpus = self.app.corpus
        if corpus is not self._corpus_seen and not getattr(self.app, "is_loading", False):
            self._corpus_seen, self._strays = corpus, None
            self.app.run_worker(partial(self._look_for_strays, corpus), thread=True, group="strays",
                                exit_on_error=False, description="annotation files without a transcript")
        s = self.annotations.session(call) if call is not None else None
        if s is None or s.read_only or call.path in self._announced:
            return
        self._announced.add(call.path)
        self._announce_waiting(s.to_review)

    def _look_for_strays(self, corpus) -> None:
        """In a worker: matching every annotation file to the calls that
        could own it took 0.6 s of the UI thread at 30,000 calls."""
        strays = corpus.stray_sidecars
        if strays:
            self.app.call_from_thread(self._announce_if_current, corpus, strays)

    def _announce_if_current(self, corpus, strays: list[Path]) -> None:
        if corpus is self._corpus_seen:
            self._announce_strays(strays)

    def _announce_strays(self, strays: list[Path]) -> None:
        if not strays:
            return
        n, more = len(strays), " and more" if len(strays) > 1 else ""
        self.app.notify(
            f"{n} annotation file{'s' if n > 1 else ''} without a transcript (renamed, moved or deleted?): "
            f"{strays[0].name}{more}. ctrl+p \u201cre-link\u201d attaches them to the call they belong to; "
            "nothing is lost meanwhile",
            title="Annotations", severity="warning", timeout=12,
        )

    def _announce_waiting(self, waiting: list) -> None:
        if not waiting:
            return
        n = len(waiting)
        self.app.notify(
            f"{n} annotation{'s were' if n > 1 else ' was'} re-anchored to changed text and "
            f"wait{'' if n > 1 else 's'} for you: {waiting[0].review}. "
            "Y keeps one where it is now (see the annotations pane); the file keeps your quote until then",
            title="Annotations: confirm re-anchors", severity="warning", timeout=12,
        )

    # -- confirming ----------------------------------------------------------

    def confirm(self) -> None:
        s = self.annotations.editable()
        if s is None:
            return
        a = self.annotations.under_cursor()
        if a is None or not a.needs_review:
            waiting = len(s.to_review)
            more = f"; {waiting} wait{'s' if waiting == 1 else ''} in the annotations pane" if waiting else ""
            self.app.notify(f"No re-anchored annotation to confirm here{more}", severity="information", timeout=4)
            return
        self.confirm_one(a.id)

    def confirm_one(self, annotation_id: str) -> None:
        s = self.annotations.editable()
        if s is None:
            return
        try:
            a = s.confirm(annotation_id)
        except AnnotationError as exc:
            self.app.notify(str(exc), severity="warning", timeout=4)
            return
        self.annotations._changed(s, f"confirmed: \u201c{_short(a.quote, 40)}\u201d")
        self.app.notify(f"Kept here: \u201c{_short(a.quote)}\u201d (u to undo)", title="Annotations", timeout=4)

    def confirm_all(self) -> None:
        s = self.annotations.editable()
        if s is None:
            return
        done = s.confirm_all()
        if not done:
            self.app.notify("No re-anchors to confirm in this call", severity="information", timeout=4)
            return
        self.annotations._changed(s, f"confirmed {len(done)} re-anchors")
        self.app.notify(f"Kept {len(done)} re-anchored annotation(s) where they are now (u to undo)",
                        title="Annotations", timeout=5)

    # -- stray annotation files --------------------------------------------

    def strays(self) -> list[Stray]:
        if self._strays is None:
            self._strays = find_strays(self.app.corpus) if self.app.corpus.stray_sidecars else []
        return self._strays

    def relink(self, stray: Stray, call: Call) -> None:
        try:
            done = relink(stray, call)
        except RelinkError as exc:
            self.app.notify(str(exc), title="Not re-linked", severity="error", timeout=12)
            return
        corpus = self.app.corpus
        corpus.sidecar_files[:] = [p for p in corpus.sidecar_files if p != stray.path]
        self._strays = None
        self.annotations.sessions.pop(call.path, None)  # read the file again, with what moved in
        self._announced.discard(call.path)
        self.app.notify(f"{done}: they are now with {call.label}", title="Annotations re-linked", timeout=8)
        current = self.app.current_call
        if current is not None and current.path == call.path:
            self.annotations.on_call(current)
            self.on_call(current)


class ReanchorCommands(EntryListProvider):
    """``confirm re-anchor: <quote>``, ``confirm all re-anchors (N)`` and
    ``re-link annotations: <file> -> <call>``."""

    def entries(self) -> list[Entry]:
        controller: ReanchorController | None = getattr(self.app, "reanchor", None)
        if controller is None:
            return []
        out: list[Entry] = []
        s = controller.annotations.session()
        waiting = s.to_review if s is not None and not s.read_only else []
        for a in waiting:
            out.append((f"confirm re-anchor: {_short(a.quote)}", a.review, partial(controller.confirm_one, a.id)))
        if len(waiting) > 1:
            out.append((f"confirm all re-anchors ({len(waiting)})", "keep every re-anchored annotation of this call "
                        "where it is now", controller.confirm_all))
        for stray in controller.strays():
            for c in stray.candidates:
                out.append((
                    f"re-link annotations: {stray.path.name} \u2192 {c.call.label} ({Path(c.call.path).name})",
                    f"{len(stray.annotations)} annotation(s) whose transcript is missing; {c.reason}",
                    partial(controller.relink, stray, c.call),
                ))
        return out


def install(app: "EarmarkApp") -> ReanchorController:
    controller = ReanchorController(app, app.annotations)  # type: ignore[attr-defined]
    controller.install()
    app.reanchor = controller  # type: ignore[attr-defined]
    return controller
