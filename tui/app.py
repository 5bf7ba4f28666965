"""The Earmark app: calls on the left, the transcript in the middle, the
speakers and the Q&A outline on the right, a status bar below.

Extension points for other features (see the reader's module docstring too):
- ``app.corpus`` (a ``Corpus``), ``app.current_call``, ``app.reader``;
- ``app.open_call(call_id)``, ``app.goto_offset(call_id, offset)``;
- ``app.add_side_pane(widget)`` mounts a pane under the speakers/outline;
- ``app.set_save_state(text)`` fills the status bar's save slot;
- ``app.config`` (``tui.config.Config``: keymap, theme, user tags 3-9);
- ``app.corpus_listeners``: told when calls changed on disk (``calls_changed``);
- ``app.loaded_listeners``: told once the whole corpus is in, as
  ``CorpusLoaded`` is posted (to the app);
  before that, on a first run, ``app.corpus`` grows in batches while the
  files are parsed (``corpus.loading`` is set and ``app.is_loading`` true
  until it is complete; see ``transcripts.catalog.handoff``);
- ``app.resume_path`` and ``app.position_providers``: where a folder and a
  call open (``tui.resume_ui``); ``reader.jump_listeners`` (``tui.jumps_ui``).
"""

from __future__ import annotations

import importlib
import inspect
import threading
from pathlib import Path
from typing import Callable, Iterable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from transcripts.corpus import Corpus
from transcripts.model import Call
from transcripts.terminal_safe import one_line, printable
from tui.app_loading import CorpusLoaded, CorpusLoading
from tui.app_panes import NARROW_WIDTH, SidePanes
from tui.app_people import SpeakerFollowing
from tui.config import Config, load_config
from tui.config_save import remember_theme
from tui.extensions import INSTALLERS
from tui.keymap_check import keymap_problems
from tui.palette import EarmarkCommands
from tui.screens.help import HelpScreen, binding_table
from tui.widgets.calls_pane import CallsPane
from tui.widgets.key_line import KeyLine
from tui.widgets.outline import QAOutline
from tui.widgets.reader import Reader
from tui.widgets.speakers_pane import SpeakersPane
from tui.widgets.status_bar import StatusBar

__all__ = ["NARROW_WIDTH", "CorpusLoaded", "EarmarkApp"]


class EarmarkApp(CorpusLoading, SidePanes, SpeakerFollowing, App):
    TITLE = "Earmark"
    COMMANDS = App.COMMANDS | {EarmarkCommands}

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("f1", "help", "Help", id="app.help_f1", show=False),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False,
                tooltip="Command palette"),
        Binding("greater_than_sign", "next_call", "Next call", id="app.next_call", key_display=">", show=False),
        Binding("less_than_sign", "prev_call", "Previous call", id="app.prev_call", key_display="<", show=False),
        Binding("c", "toggle_pane('calls')", "Calls pane", id="app.toggle_calls", show=False),
        Binding("p", "toggle_pane('speakers')", "Speakers pane", id="app.toggle_speakers", show=False),
        Binding("o", "toggle_pane('outline')", "Q&A outline", id="app.toggle_outline", show=False),
        Binding("w", "toggle_wide", "Full width / side panes", id="app.wide", show=False),
    ]

    CSS = """
    #main { height: 1fr; }
    #reader { width: 1fr; border: round $panel; border-title-color: $text; }
    #reader:focus { border: round $accent; }
    /* Side panes give way on narrow terminals: the transcript keeps half the width. */
    #side { width: 30%; min-width: 24; max-width: 40; }
    /* Notifications above the status bar and footer: never over the save state. */
    ToastRack { margin-bottom: 2; }
    """

    def __init__(
        self,
        paths: Iterable[str | Path] = (),
        *,
        config: Config | None = None,
        samples_dir: Path | None = None,
        installers: list[str] | None = None,
        follow_links: bool = False,
    ) -> None:
        super().__init__()
        self.paths: list[str] = [str(p) for p in paths]
        self.follow_links = follow_links
        """Follow links to folders out of the folders given (``--follow-links``)."""
        self.config: Config = config if config is not None else load_config()
        self.samples_dir = samples_dir
        """Set when the app shows the user's copy of the bundled samples."""
        self.corpus: Corpus = Corpus()
        self.is_loading = False
        self._progress: dict[str, str] = {"load": "", "index": ""}
        """The status bar's progress slot: the load's and the search index's."""
        self._positions: dict[str, int] = {}
        self._call_filters: dict[str, str | None] = {}
        self._last_turn: tuple[str, int] | None = None
        self._early_call: Call | None = None
        self._narrow: bool | None = None
        """Whether the terminal is under ``NARROW_WIDTH`` (None: not yet known)."""
        self._shown_before_narrow: list[bool] | None = None
        """The call shown before the whole corpus was in (see ``load_calls``)."""
        self._widgets: dict[str, Widget] = {}
        self.first_paint = threading.Event()
        """Set once a call is on screen (the loader waits for it; benchmarks time it)."""
        self._key_handlers: dict[str, Callable[[], object]] = {}
        self._feature_bindings: list[Binding] = []
        """What features bound with ``bind_key`` (as bound, before the keymap)."""
        self.cursor_listeners: list[Callable[[Call | None, int], object]] = []
        """Called with (call, sentence) on every cursor move (keep them cheap)."""
        self.call_listeners: list[Callable[[Call | None], object]] = []
        """Called with the newly opened call (or None) on every call switch."""
        self.resume_path: str | None = None
        """The call to open first (where the user left off; see ``tui.resume_ui``)."""
        self.position_providers: list[Callable[[Call], int | None]] = []
        """Asked for a call's cursor (a sentence) when it opens with none in memory."""
        self.corpus_listeners: list[Callable[[], object]] = []
        """Called (on the UI thread) when calls of ``app.corpus`` changed on
        disk and were read again, added or removed (``calls_changed``)."""
        self.loaded_listeners: list[Callable[[], object]] = []
        """Called (on the UI thread) once the whole corpus is in: the search
        index starts on it then, not at the pane's next look."""
        self.quit_guards: list[Callable[[], bool]] = []
        """Asked on quit; one that returns True holds work not saved anywhere
        and takes over (it asks the user, and exits the app itself)."""
        self.installers: list[str] = list(INSTALLERS if installers is None else installers)
        """``module:function`` features installed on mount (``installers=[]``:
        the bare reader, as the reader's own tests use it)."""

    # -- building ------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield CallsPane(id="calls")
            yield Reader(id="reader")
            with Vertical(id="side"):
                yield SpeakersPane(id="speakers")
                yield QAOutline(id="outline")
        yield StatusBar(id="status")
        yield KeyLine(id="keys")

    @property
    def reader(self) -> Reader:
        return self._widgets["reader"]  # type: ignore[return-value]

    @property
    def status(self) -> StatusBar:
        return self._widgets["status"]  # type: ignore[return-value]

    @property
    def calls_pane(self) -> CallsPane:
        return self._widgets["calls"]  # type: ignore[return-value]

    @property
    def speakers_pane(self) -> SpeakersPane:
        return self._widgets["speakers"]  # type: ignore[return-value]

    @property
    def outline(self) -> QAOutline:
        return self._widgets["outline"]  # type: ignore[return-value]

    @property
    def current_call(self) -> Call | None:
        return self.reader.call

    def on_mount(self) -> None:
        # Kept by reference: queries go to the active screen (a modal may be
        # on top) and cost time on every key.
        for name, cls in (("reader", Reader), ("status", StatusBar), ("calls", CallsPane),
                          ("speakers", SpeakersPane), ("outline", QAOutline), ("side", Vertical)):
            self._widgets[name] = self.query_one(f"#{name}", cls)
        self.reader.cursor_listeners.append(self._cursor_moved)
        self._fit_panes(self.size.width)
        self._apply_config()
        remember_theme(self)
        self.reader.focus()
        self._install_extensions()
        self._report_keymap_problems()
        if self.samples_dir is not None:
            self.calls_pane.border_subtitle = one_line(str(self.samples_dir))
            self.notify(f"Sample calls (a writable copy) in {self.samples_dir}", title="Earmark")
        if self.paths:
            self.is_loading = True
            self.show_progress(load="loading\u2026")
            self.load_calls(self.paths)
        else:
            self.show_progress(load="no files given")

    def _apply_config(self) -> None:
        config = self.config
        if config.theme in self.available_themes:
            self.theme = config.theme
        else:
            config.problems.append(f"{config.where(config.theme_line)}: theme: {one_line(config.theme)!r} "
                                   f"is not a theme (ctrl+p, \"theme\", lists them); using {self.theme}")
        if config.keymap:
            self.set_keymap(config.keymap)
        for problem in config.problems:
            self.notify(problem, title="Config", severity="warning")

    def _install_extensions(self) -> None:
        for spec in self.installers:
            try:
                module_name, _, func_name = spec.partition(":")
                install = getattr(importlib.import_module(module_name), func_name or "install")
                install(self)
            except Exception as exc:  # a broken feature must not stop reading
                self.notify(f"Feature {spec} not available: {exc}", title="Earmark", severity="error", timeout=10)

    def _report_keymap_problems(self) -> None:
        """Keymap entries Textual would apply in silence: an id no binding
        has (a typo), a key taken from another binding (see
        ``tui.keymap_check``)."""
        if not self.config.keymap:
            return
        for line in keymap_problems(self.config.keymap, self._feature_bindings, self.config.where()):
            self.notify(line, title="Config", severity="warning", timeout=12)

    def bind_key(
        self,
        keys: str,
        handler: Callable[[], object],
        description: str,
        *,
        id: str,
        show: bool = True,
        key_display: str | None = None,
        priority: bool = False,
        tooltip: str = "",
    ) -> None:
        """Bind ``keys`` (comma separated) app-wide to ``handler()``.

        ``id`` makes it remappable from the config's keymap and the binding
        appears in the help screen and the footer (``show``). ``tooltip``: a
        longer description for the help screen (and the footer's hover),
        when ``description`` is cut short to fit the footer."""
        self._key_handlers[id] = handler
        binding = Binding(
            keys, f"run_key_handler({id!r})", description, id=id, show=show,
            key_display=key_display, priority=priority, tooltip=tooltip,
        )
        self._feature_bindings.append(binding)
        for b in Binding.make_bindings([binding]):
            self._bindings.key_to_bindings.setdefault(b.key, []).append(b)
        self.refresh_bindings()

    async def action_run_key_handler(self, binding_id: str) -> None:
        handler = self._key_handlers.get(binding_id)
        if handler is not None:
            result = handler()
            if inspect.isawaitable(result):
                await result

    def add_side_pane(self, widget: Widget) -> None:
        """Mount a pane in the right column (e.g. annotations, search hits)."""
        self._widgets["side"].mount(widget)

    def set_save_state(self, text: str) -> None:
        self.status.set_save_state(text)

    def show_call_count(self) -> None:
        """The status bar's load figure once every call is in: how many."""
        corpus = self.corpus
        n = len(corpus.entries)
        self.show_progress(load=f"{n:,} call{'s' if n != 1 else ''}"
                           + (f", {len(corpus.errors)} problem(s)" if corpus.errors else ""))

    def calls_changed(self) -> None:
        """Calls of ``app.corpus`` changed on disk and the corpus has them
        as they are now: the listeners (the search index) catch up."""
        for listener in self.corpus_listeners:
            listener()

    def show_progress(self, *, load: str | None = None, index: str | None = None) -> None:
        """The status bar's progress: the load (``loading 1,200/30,000
        calls``, then how many are in) and the search index's (``indexed
        800``), side by side while both run."""
        if load is not None:
            self._progress["load"] = load
        if index is not None:
            self._progress["index"] = index
        self.status.set_progress(" \u00b7 ".join(t for t in self._progress.values() if t))

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast of the app and its features (widgets' ``notify``
        comes here too): file names and messages made terminal-safe."""
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(printable(str(message)), title=one_line(str(title)), severity=severity,
                       markup=markup, **kwargs)

    # -- opening calls ---------------------------------------------------

    def open_call(self, call_id: str) -> bool:
        """Open a call by id, at its last reading position; False if unknown."""
        call = self.corpus.call(call_id)
        if call is None:
            current = self.current_call
            if current is not None and current.id == call_id:
                return True
            self.notify(f"No call {call_id!r} is loaded", severity="warning")
            return False
        if self.current_call is call:
            return True
        self._open(call)
        return True

    def goto_offset(self, call_id: str, offset: int) -> bool:
        """Open ``call_id`` with the cursor on the sentence at ``offset``."""
        if not self.open_call(call_id):
            return False
        self.reader.goto_offset(offset)
        return True

    def _open(self, call: Call | None, cursor: int | None = None, speaker_filter: str | None = None) -> None:
        reader = self.reader
        if reader.call is not None:
            self._positions[reader.call.id] = reader.cursor
            self._call_filters[reader.call.id] = reader.speaker_filter
        if call is not None:
            if cursor is None:
                cursor = self._positions.get(call.id)
            for provider in self.position_providers if cursor is None else ():
                cursor = provider(call)
                if cursor is not None:
                    break
            if speaker_filter is None:
                speaker_filter = self._call_filters.get(call.id)
        self._last_turn = None
        reader.show_call(call, cursor=cursor or 0, speaker_filter=speaker_filter)
        self.speakers_pane.set_call(call, reader.speaker_filter)
        self.outline.set_call(call)
        if call is not None:
            self.calls_pane.mark_current(call.id)
        self._show_filter(reader.speaker_filter)
        for listener in self.call_listeners:
            listener(call)

    # -- reacting to the reader and panes --------------------------------

    def _cursor_moved(self, call: Call | None, sentence: int) -> None:
        self.status.set_position(call, sentence)
        for listener in self.cursor_listeners:
            listener(call, sentence)
        if call is None or call.sentence_count == 0:
            return
        turn_index = call.turn_index_of_sentence(sentence)
        if self._last_turn == (call.id, turn_index):
            return
        self._last_turn = (call.id, turn_index)
        turn = call.turns[min(turn_index, len(call.turns) - 1)]
        self.speakers_pane.mark_speaker(turn.speaker.key)
        self.outline.mark_turn(turn.index)

    @on(Reader.FilterChanged)
    def _filter_changed(self, event: Reader.FilterChanged) -> None:
        call = self.current_call
        if call is not None:
            self._call_filters[call.id] = event.speaker_key
        self.speakers_pane.set_filter(event.speaker_key)
        self._show_filter(event.speaker_key)

    def _show_filter(self, speaker_key: str | None) -> None:
        call = self.current_call
        name = None
        if speaker_key and call is not None:
            sp = call.speaker(speaker_key)
            name = sp.name if sp else speaker_key
        self.status.set_filter(name)

    @on(Reader.Notice)
    def _reader_notice(self, event: Reader.Notice) -> None:
        self.status.flash(event.text)

    @on(CallsPane.CallChosen)
    def _call_chosen(self, event: CallsPane.CallChosen) -> None:
        if self.open_call(event.call_id):
            self.reader.focus()

    @on(SpeakersPane.SpeakerAction)
    def _speaker_action(self, event: SpeakersPane.SpeakerAction) -> None:
        if event.action == "jump":
            self.jump_to_speaker(event.speaker_key)
            self.reader.focus()
        elif event.action == "filter":
            reader = self.reader
            reader.set_speaker_filter(None if reader.speaker_filter == event.speaker_key else event.speaker_key)
            if reader.speaker_filter:
                turn = reader.current_turn
                if turn is None or turn.speaker.key != event.speaker_key:
                    self.jump_to_speaker(event.speaker_key)
        elif event.action == "across":
            self.show_person_turns(event.speaker_key)

    @on(QAOutline.QuestionChosen)
    def _question_chosen(self, event: QAOutline.QuestionChosen) -> None:
        reader = self.reader
        layout = reader.layout_info
        if layout is not None and event.turn_index not in layout.visible_turns:
            reader.set_speaker_filter(None)
        reader.goto_turn(event.turn_index)
        reader.focus()

    # -- actions -----------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, unless something the user did is not saved anywhere yet:
        then a guard asks first (see ``quit_guards``)."""
        for guard in self.quit_guards:
            if guard():
                return
        self.exit()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        nodes = [self, self.reader, *self.screen.query("CallsPane, SpeakersPane, QAOutline")]
        nodes += [w for w in self.screen.query("*") if w not in nodes and w._bindings.key_to_bindings]
        groups = binding_table(self, nodes)
        # The transcript's keys right after the app's own, before the features'.
        transcript = [g for g in groups if g[0] == "Transcript"]
        groups = [g for g in groups if g[0] != "Transcript"]
        groups[1:1] = [("Moving around", [("tab, shift+tab", "Move focus between panes", "")]), *transcript]
        self.push_screen(HelpScreen(groups, self.config.path))

    def action_next_call(self) -> None:
        self._call_step(+1)

    def action_prev_call(self) -> None:
        self._call_step(-1)

    def _call_step(self, delta: int) -> None:
        calls = self.corpus.entries  # metadata: stepping opens only the call stepped to
        current = self.current_call
        if not calls or current is None:
            return
        index = next((i for i, c in enumerate(calls) if c is current or c.path == current.path), None)
        if index is None:
            return
        target = index + delta
        if 0 <= target < len(calls):
            self._open(self.corpus.full(calls[target]))
        else:
            self.status.flash("this is the last call" if delta > 0 else "this is the first call")
