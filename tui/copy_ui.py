"""Copy with a citation: ``y`` (id ``copy.quote``) puts a quote and the line
that says where it is from on the clipboard.

What is copied, first that applies:

1. in the search pane's hit list: the highlighted hit;
2. in the annotations pane: the annotation highlighted there;
3. a selection (``v`` and moves, a word span, a mouse drag): its text;
4. an annotation on the cursor's sentence: its text (``v`` then ``y``
   copies the whole sentence instead);
5. the cursor's sentence.

The form and the citation come from the config (``copy:``, see
``tui.config_copy`` and ``annotations.citation``); the palette also offers
each form once ("copy: as Markdown", "copy: as plain text"). The clipboard is
the terminal's (``tui.clipboard``: OSC 52, with tmux and screen handled).
The status bar says what was copied.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from annotations.citation import Quote, quote_of_span, render
from transcripts.terminal_safe import one_line
from tui.clipboard import TerminalClipboard
from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.app import EarmarkApp

SHOWN = 40
"""Characters of the quote the status bar repeats."""


class CopyController:
    def __init__(self, app: "EarmarkApp", clipboard: TerminalClipboard | None = None) -> None:
        self.app = app
        self.clipboard = clipboard or TerminalClipboard(app)
        self.last: str | None = None
        """The last text copied (as it went to the clipboard)."""

    def install(self) -> None:
        self.app.bind_key(
            "y", self.copy, "Copy", id="copy.quote", show=False,
            tooltip="Copy quote + citation",
        )
        if CopyCommands not in self.app.COMMANDS:
            self.app.COMMANDS = self.app.COMMANDS | {CopyCommands}  # this app only, not the class

    # -- what to copy --------------------------------------------------------

    def target(self) -> tuple[Quote, str] | None:
        """The quote ``y`` copies now and a word for what it is."""
        hit = self._search_hit()
        if hit is not None:
            return hit
        reader = self.app.reader
        call = reader.call
        annotations = getattr(self.app, "annotations", None)
        if annotations is not None and annotations.pane.has_focus:
            a = annotations.under_cursor()
            if a is not None:
                return self._annotation(a), "the annotation"
        if call is None or call.sentence_count == 0:
            return None
        if annotations is not None:
            if annotations.anchor is not None or annotations.fine is not None:
                span = annotations.target_span()
                if span is not None:
                    return quote_of_span(call, *span), "the selection"
            a = annotations.under_cursor()
            if a is not None:
                return self._annotation(a), "the annotation"
        elif reader.selection is not None:
            lo, hi = reader.selection
            return quote_of_span(call, call.sentence_starts[lo], call.sentence_ends[hi]), "the selection"
        i = reader.cursor
        return quote_of_span(call, call.sentence_starts[i], call.sentence_ends[i]), "the sentence"

    def _annotation(self, a) -> Quote:
        call = self.app.reader.call
        assert call is not None
        if a.placed:
            base = quote_of_span(call, a.start, a.end)  # the text as the reader shows it now
            return Quote(base.text, call, base.turn, tags=tuple(a.tags), note=a.note)
        return Quote(a.quote, call, None, speaker_name=a.speaker, tags=tuple(a.tags), note=a.note)

    def _search_hit(self) -> tuple[Quote, str] | None:
        pane = next(iter(self.app.query("#search")), None)
        hit_list = getattr(pane, "hit_list", None) if pane is not None else None
        if hit_list is None or not hit_list.has_focus:
            return None
        option = hit_list.highlighted_option
        if option is None or not (option.id or "").startswith("hit-"):
            return None
        index = int(option.id[4:])
        hits = pane.hits  # type: ignore[union-attr]
        if not 0 <= index < len(hits):
            return None
        hit = hits[index]
        corpus = self.app.corpus
        entry = next((e for e in corpus.entries if e.id == hit.call), None)
        if entry is None:
            return None
        return quote_of_span(corpus.full(entry), hit.start, hit.end), "the search hit"

    # -- copying ---------------------------------------------------------------

    def copy(self, fmt: str | None = None) -> None:
        found = self.target()
        if found is None:
            self.app.status.flash("nothing to copy: no call is open")
            return
        quote, what = found
        settings = self.app.config.copy
        text = render(quote, settings, fmt)
        self.clipboard.copy(text)
        self.last = text
        words = " ".join(one_line(quote.text).split())
        short = words if len(words) <= SHOWN else words[: SHOWN - 1].rstrip() + "\u2026"
        form = " as Markdown" if (fmt or settings.format) == "markdown" else ""
        self.app.status.flash(f"copied {what} with its citation{form}: \u201c{short}\u201d")


class CopyCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        controller = getattr(self.app, "copier", None)
        if controller is None or self.app.current_call is None:
            return []
        return [
            ("copy: with citation", "y: the sentence, selection or annotation, as the config says",
             controller.copy),
            ("copy: as Markdown", "a blockquote with the citation as its last line",
             partial(controller.copy, "markdown")),
            ("copy: as plain text", "\"quote\" \u2014 citation, on one line", partial(controller.copy, "plain")),
        ]


def install(app: "EarmarkApp") -> CopyController:
    controller = CopyController(app)
    controller.install()
    app.copier = controller  # type: ignore[attr-defined]
    return controller
