"""The search pane (``/``): fuzzy search across every loaded call while the
user types.

Typing restarts a short timer (debounce); when it fires, the query runs in a
thread worker (exclusive, so a newer query cancels the older one, and a
result that arrives for a stale query is dropped). The index is built (or
loaded from the cache) in a worker as soon as the corpus is loaded, with
progress in the pane and the status bar. On a first run the corpus arrives
in batches while the files are parsed: the on-disk index is built over
each batch as it comes (``index_while_loading``), and a query answers over
the calls indexed so far. Hits are grouped by call in period order or
ranked by score (``ctrl+g``), each showing company, quarter, speaker and the
sentence with the matched words highlighted; the scope can be narrowed to
the open call (``ctrl+t``). ``enter`` opens the call at the hit and closes
the pane; ``n``/``N`` then step through the hits in the reader.

The reader marks the matched words of the CURRENT query's hits
(``SearchMarks``): a new answer re-marks it at once, an emptied query
unmarks it (also when escape closes the pane before the typing pause ran
the empty query). Closing the pane keeps the marks, to step with ``n``/``N``;
escape in the transcript, once nothing is selected, hides them until the
next hit is opened.

All the searching is ``transcripts.search``; this module only asks and shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from transcripts.search import Hit, QueryError, SearchResult, parse_query, searcher_for
from transcripts.terminal_safe import one_line
from tui.widgets.search_history import QueryHistory, remember, saved_queries
from tui.widgets.search_index_ui import IndexBuilding, one_line_of

DEBOUNCE_SECONDS = 0.15
LIMIT = 100
"""Hits asked for per query, and how many more each ``ctrl+l`` loads: enough
to step through with n/N, few enough to draw at once."""
HIGHLIGHT = "bold reverse"
WATCH_SECONDS = 0.5
"""How often the pane looks for calls to index (a first run's batches); the
whole corpus, once in, is indexed at once (``look_for_calls``)."""


@dataclass(frozen=True, slots=True)
class _Shown:
    """The answer on screen: for which query text and scope."""

    text: str
    scope: str | None
    result: SearchResult | None
    error: str | None = None


class SearchPane(IndexBuilding, Vertical):
    """Query line, one status line, and the hits."""

    DEFAULT_CSS = """
    SearchPane {
        height: 18;
        border: round $accent;
        border-title-color: $text;
        display: none;
    }
    SearchPane > Input, SearchPane > Input:focus { border: none; height: 1; padding: 0 1; }
    SearchPane > #search-status { height: 1; padding: 0 1; color: $text-muted; }
    SearchPane > OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close (empty query: unmark words)", id="search.close"),
        Binding("ctrl+g", "toggle_order", "Group by call / rank by score", id="search.order"),
        Binding("ctrl+t", "toggle_scope", "This call / all calls", id="search.scope"),
        Binding("ctrl+l", "load_more", "Load more hits", id="search.more"),
        Binding("down", "move(1)", "Next hit", id="search.down", show=False),
        Binding("up", "move(-1)", "Previous hit", id="search.up", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Search"
        self.grouped = True
        """Group hits by call in period order (else rank by score)."""
        self.this_call_only = False
        self.hits: list[Hit] = []
        """The hits in the order shown (n/N follow it)."""
        self.current = -1
        """Index in ``hits`` of the hit the reader was last sent to."""
        self.shown: _Shown | None = None
        self._timer: Timer | None = None
        self._asked = 0
        self._index_ready = False
        self._indexing_for = None
        self._indexed_entries: list | None = None
        """The entries list the last build was started on (a batch of a
        first run replaces the list: the next build takes the new calls)."""
        self._building = False
        self._part_ok_for = None
        """The part-loaded corpus found fit to index (see ``index_while_loading``)."""
        self._open_when_answered = False
        self.limit = LIMIT
        """Hits asked for: LIMIT for a new query, more after ``ctrl+l``."""
        self._limit_for: tuple[str, str | None] | None = None
        self._keep_highlight: tuple[str, int] | None = None
        """The hit (call, start) to keep highlighted when more are loaded."""
        self.marks_hidden = False
        """Escape in the transcript hid the marks (until a hit is opened or
        a new answer comes)."""
        self.history = QueryHistory(lambda: saved_queries(self.app))

    def compose(self) -> ComposeResult:
        yield Input(placeholder='words (typos ok), "a phrase", speaker:evan year:2003 q:4 section:qa tag:guidance',
                    id="search-input")
        yield Static("", id="search-status")
        yield OptionList(id="search-hits")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def hit_list(self) -> OptionList:
        return self.query_one("#search-hits", OptionList)

    def on_mount(self) -> None:
        self.set_interval(WATCH_SECONDS, self._watch_corpus)

    # -- opening and closing -------------------------------------------

    def open(self) -> None:
        self.display = True
        self.input.focus()
        self._watch_corpus()
        if not self.input.value:
            self._status(self._idle_text())

    def action_close(self) -> None:
        if self._timer is not None:  # typed, but the pause has not run it yet
            self._timer.stop()
            self._ask()
        remember(self.app, self.input.value)
        self.display = False
        self.app.reader.focus()

    def marked_hits(self) -> list[Hit] | tuple:
        """What the reader marks (``SearchMarks`` follows this)."""
        return () if self.marks_hidden else self.hits

    def hide_marks(self) -> None:
        """Escape in the transcript: unmark the words; ``n``/``N`` still step
        through the hits (and mark them again)."""
        if self.marks_hidden or not self.hits:
            raise SkipAction()  # nothing to hide: let escape mean something else
        self.marks_hidden = True
        self.app.reader.refresh_decorations()
        self._show_position()

    def _show_position(self) -> None:
        """The status bar holds the active search while there is one: the
        hit the reader is on (``hit 5/23``) and the query; nothing once the
        query is emptied or escape put the search away."""
        status = getattr(self.app, "status", None)
        if status is None:
            return
        query = self.shown.text.strip() if self.shown is not None else ""
        if not self.hits or self.marks_hidden or not query:
            status.set_search("")
            return
        if len(query) > 30:
            query = query[:29] + "\u2026"
        n = len(self.hits)
        where = f"hit {self.current + 1}/{n}" if self.current >= 0 else f"{n} hit{'s' if n != 1 else ''}"
        status.set_search(f"{where} \u00b7 /{query}")

    # -- asking ---------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.history.edited(event.value)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._ask)

    def _scope(self) -> str | None:
        call = self.app.current_call
        return call.id if self.this_call_only and call is not None else None

    def _ask(self) -> None:
        self._timer = None
        text = self.input.value
        app = self.app
        if not text.strip():
            self._show(_Shown(text, None, None))
            return
        if not app.corpus.entries or (app.corpus.loading is not None and self._indexing_for is not app.corpus):
            self._status("loading calls\u2026 (the search runs as soon as some are indexed)")
            return
        scope = self._scope()
        if self._limit_for != (text, scope):  # a new query starts with the first LIMIT hits
            self._limit_for, self.limit = (text, scope), LIMIT
        self._asked += 1
        self._search(app.corpus, text, scope, self._asked, self.limit)

    def action_load_more(self) -> None:
        """``ctrl+l``: ask the same query for LIMIT more hits."""
        result = self.shown.result if self.shown is not None else None
        if result is None or not result.more:
            shown = f"all {len(result.hits)} hits are shown" if result is not None and result.hits else "no more hits"
            self.app.notify(shown, timeout=2)
            return
        self.limit += LIMIT
        option = self.hit_list.highlighted_option
        if option is not None and option.id and option.id.startswith("hit-"):
            hit = self.hits[int(option.id[4:])]
            self._keep_highlight = (hit.call, hit.start)
        self._asked += 1
        self._search(self.app.corpus, self.shown.text, self.shown.scope, self._asked, self.limit)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, corpus, text: str, scope: str | None, asked: int, limit: int = LIMIT) -> None:
        worker = get_current_worker()
        tag_spans = None
        try:
            query = parse_query(text)
            if any(f.key == "tag" for f in query.filters):
                from annotations.tag_spans import tag_spans_for

                tag_spans = tag_spans_for(corpus)
            if worker.is_cancelled:
                return
            result = searcher_for(corpus).run(
                query, limit, tag_spans=tag_spans, scope=[scope] if scope else None
            )
            shown = _Shown(text, scope, result)
        except QueryError as exc:
            shown = _Shown(text, scope, None, str(exc))
        except Exception as exc:  # a bug or a broken cache must not close the app
            shown = _Shown(text, scope, None, f"search failed: {one_line_of(exc)}")
        if not worker.is_cancelled:
            self.app.call_from_thread(self._answer, asked, shown)

    def _answer(self, asked: int, shown: _Shown) -> None:
        if asked != self._asked:  # a newer query was asked meanwhile
            return
        self._show(shown)
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_highlighted()

    # -- showing ----------------------------------------------------------

    def _idle_text(self) -> str:
        if not self._index_ready:
            return "preparing the search index\u2026"
        return 'type to search all calls \u00b7 "phrase" \u00b7 speaker:evan role:analyst year:2003 section:qa'

    def _status(self, text: str) -> None:
        """The pane's line of status. The index's worker reports from its
        thread, and a report can arrive while the app closes, after the
        pane's widgets are gone: it is dropped, never an error (one such
        report failed the worker, and the app with it, at exit)."""
        try:
            status = self.query_one("#search-status", Static)
        except NoMatches:
            return
        status.update(Text(one_line(text)))

    def _show(self, shown: _Shown) -> None:
        self.shown = shown
        options: list[Option] = []
        self.hits = []
        self.current = -1
        self.marks_hidden = False
        if shown.error:
            self._status(shown.error)
        elif shown.result is None:
            self._status(self._idle_text())
        else:
            result = shown.result
            # (the engine decides what a match is, for the command line too)
            hits = self._ordered(result.hits)
            self.hits = hits
            last_call = None
            for i, h in enumerate(hits):
                if self.grouped and h.call != last_call:
                    options.append(Option(Text(one_line(f"{h.company or '?'} {h.period} \u00b7 {h.call}"), style="bold"),
                                          disabled=True))
                    last_call = h.call
                options.append(Option(self._prompt(h), id=f"hit-{i}"))
            loading = self.app.corpus.loading
            where = ("this call" if shown.scope else
                     f"the {len(self.app.corpus.entries):,} calls loaded so far" if loading is not None else "all calls")
            order = "by call" if self.grouped else "by score"
            more = "ctrl+l more \u00b7 " if result.more else ""
            self._status(f"{result.message} \u00b7 {where} \u00b7 {order} \u00b7 {result.elapsed_ms:.0f} ms"
                         f"   {more}ctrl+g order \u00b7 ctrl+t scope \u00b7 enter open")
        hit_list = self.hit_list
        hit_list.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        keep, self._keep_highlight = self._keep_highlight, None
        kept = next((i for i, o in enumerate(options) if o.id and o.id.startswith("hit-")
                     and (self.hits[int(o.id[4:])].call, self.hits[int(o.id[4:])].start) == keep), None)
        if kept is not None:
            hit_list.highlighted = kept  # loading more keeps the place in the list
        elif first is not None:
            hit_list.highlighted = first
        self.app.reader.refresh_decorations()  # the marks follow the new hits
        self._show_position()

    def _ordered(self, hits: list[Hit]) -> list[Hit]:
        if not self.grouped:
            return list(hits)
        order = {c.id: i for i, c in enumerate(self.app.corpus.entries)}
        return sorted(hits, key=lambda h: (order.get(h.call, len(order)), h.start))

    def _prompt(self, hit: Hit) -> Text:
        head = Text()
        if not self.grouped:
            head.append(one_line(f"{hit.company or '?'} {hit.period} "), style="bold")
        head.append(one_line(hit.speaker), style="italic")
        head.append(f" \u00b7 {hit.score}  ", style="dim")
        sentence = Text(one_line(hit.text.replace("\n", " ")))
        for s, e in hit.local_spans():
            sentence.stylize(HIGHLIGHT, s, e)
        return head + sentence

    # -- toggles and moving ------------------------------------------------

    def action_toggle_order(self) -> None:
        self.grouped = not self.grouped
        if self.shown is not None:
            self._show(self.shown)

    def action_toggle_scope(self) -> None:
        self.this_call_only = not self.this_call_only
        self.border_title = "Search \u00b7 this call" if self.this_call_only else "Search"
        self._ask()

    def action_move(self, delta: int) -> None:
        """Down / up through the hits, and past the first hit up into the
        earlier queries (``tui.widgets.search_history``)."""
        hit_list, history = self.hit_list, self.history
        first = next((i for i, o in enumerate(hit_list.options) if not o.disabled), None)
        on_first = first is None or hit_list.highlighted is None or hit_list.highlighted <= first
        if history.browsing or (delta < 0 and on_first):
            text = history.older(self.input.value) if delta < 0 else history.newer()
            if text is None:
                self._status("no earlier search" if delta < 0 else "")
                return
            self.input.value = text
            self.input.cursor_position = len(text)
            return
        if delta > 0:
            hit_list.action_cursor_down()
        else:
            hit_list.action_cursor_up()

    # -- opening a hit -----------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None or (self.shown is None or self.shown.text != self.input.value):
            self._ask_now_then_open()
            return
        self._open_highlighted()

    def _ask_now_then_open(self) -> None:
        """Enter before the debounce fired: ask now; the first hit opens when
        the answer comes."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._open_when_answered = True
        self._ask()

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_option(event.option)

    def _open_highlighted(self) -> None:
        option = self.hit_list.highlighted_option
        if option is None:
            if self.hits:
                self.open_hit(0)
            return
        self._open_option(option)

    def _open_option(self, option: Option) -> None:
        if option.id and option.id.startswith("hit-"):
            self.open_hit(int(option.id[4:]))

    def open_hit(self, i: int) -> None:
        if not 0 <= i < len(self.hits):
            return
        self.current = i
        hit = self.hits[i]
        self.marks_hidden = False
        if self.display:  # chosen in the pane (not n/N): a query worth keeping
            remember(self.app, self.input.value)
        self.display = False
        self.app.goto_offset(hit.call, hit.start)
        self.app.reader.refresh_decorations()  # the matched words (SearchMarks)
        self.app.reader.focus()
        self._show_position()

    def step(self, delta: int) -> None:
        """``n``/``N``: the next or previous hit, wrapping around."""
        if not self.hits:
            self.app.notify("No search hits: press / to search", severity="warning", timeout=3)
            return
        n = len(self.hits)
        i = (self.current + delta) % n if self.current >= 0 else (0 if delta > 0 else n - 1)
        self.open_hit(i)
        self._sync_highlight()

    def _sync_highlight(self) -> None:
        hit_list = self.hit_list
        wanted = f"hit-{self.current}"
        for idx in range(hit_list.option_count):
            if hit_list.get_option_at_index(idx).id == wanted:
                hit_list.highlighted = idx
                break


def install(app) -> None:
    """Mount the pane above the status bar; bind ``/`` (open), ``n``/``N``
    (step through hits in the reader), escape (hide the marks).

    Escape is bound after the other features' installers ran
    (``call_after_refresh``): an app-wide escape that has nothing to do
    steps aside (``SkipAction``), so a selection is cancelled first and the
    marks go on the next escape."""
    pane = SearchPane(id="search")
    app.mount(pane, before=app.query_one("#status"))
    from tui.widgets.search_marks import SearchMarks

    app.reader.add_decorations(SearchMarks(pane.marked_hits), key="search")
    listeners = getattr(app, "corpus_listeners", None)
    if listeners is not None:
        listeners.append(pane.kick_index)
    loaded = getattr(app, "loaded_listeners", None)
    if loaded is not None:
        loaded.append(pane.look_for_calls)
    app.bind_key("slash", pane.open, "Search", id="search.open", key_display="/")
    app.bind_key("n", lambda: pane.step(1), "Next hit (its words marked)", id="search.next", show=False)
    app.bind_key("N", lambda: pane.step(-1), "Previous hit (its words marked)", id="search.prev", show=False)
    app.call_after_refresh(
        app.bind_key, "escape", pane.hide_marks, "Unmark the words (nothing selected)",
        id="search.unmark", show=False,
    )
