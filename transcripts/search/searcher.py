"""Search over a ``Corpus``: an engine (``backend.SearchBackend``) kept in
step with the corpus, and the people (speaker identity) the ``speaker:``
filter matches aliases of.

The on-disk engine (``disk_engine``) is the default: the index is synced to
``corpus.entries`` by path and content hash, and only calls that are new or
changed are read in full (``corpus.full``), so a search needs no call text
loaded. A build commits about every second, so queries from another thread
answer over what is indexed so far instead of waiting for it. The
in-memory engine (``EARMARK_SEARCH_ENGINE=memory``) is the earlier one,
kept behind the same interface.

``Corpus.search`` delegates here; the app and the command line use
``Searcher`` directly for progress while indexing and for "did you mean".
"""

from __future__ import annotations

import os
import threading
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterable

from transcripts.model import Call, Speaker
from transcripts.search.allowed import CorpusLookup, FilterContext, people_filters
from transcripts.search.backend import MemoryBackend, SearchBackend
from transcripts.search.engine import TagSpans, filter_tables
from transcripts.search.hits import Hit, SearchResult
from transcripts.search.index import Progress, SearchIndex
from transcripts.search.people_table import PeopleTable
from transcripts.search.query import AliasSource, Query, parse_query, refuse_annotation_words
from transcripts.search.store import load_or_build, refresh

if TYPE_CHECKING:
    from transcripts.corpus import Corpus

_ATTRIBUTE = "_earmark_searcher"
_PATH_AND_HASH = attrgetter("path", "sha256")
_ID_AND_HASH = attrgetter("id", "sha256")
ENGINES = ("disk", "memory")
ENGINE_VARIABLE = "EARMARK_SEARCH_ENGINE"
COMMIT_SECONDS = 1.0
"""While a build runs, what it indexed is committed (visible to queries,
and kept if the process is killed) about this often."""


def default_engine() -> str:
    """``disk`` unless ``EARMARK_SEARCH_ENGINE=memory``, or tantivy is not
    installed (its wheels need Python 3.11+: on 3.10 the in-memory engine
    answers, with the same results)."""
    wanted = os.environ.get(ENGINE_VARIABLE, "").strip().casefold()
    if wanted == "memory" or not _tantivy_installed():
        return "memory"
    return "disk"


def _tantivy_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("tantivy") is not None


class Searcher:
    def __init__(self, corpus: "Corpus", use_cache: bool = True, engine: str | None = None) -> None:
        self.corpus = corpus
        self.use_cache = use_cache
        self.engine = engine or default_engine()
        self.index: SearchIndex | None = None
        """The in-memory engine's index (None with the on-disk engine)."""
        self.backend: SearchBackend | None = None
        self.warnings: list[str] = []
        """One line each: a damaged index rebuilt, an index another process
        is writing."""
        self.on_warning: Callable[[str], None] | None = None
        self._people = None
        self._people_for: list | None = None
        self._tables: dict[bool, tuple[list[int], PeopleTable, list]] = {}
        self._lookup: tuple[list[int], CorpusLookup, list] | None = None
        self._lock = threading.Lock()
        self._synced: list[int] | None = None
        self._held: list = []
        """The entries ``_synced`` names: kept alive, so that no new entry can
        take the identity of one it names (``_tables`` and ``_lookup`` keep
        theirs beside their keys the same way)."""
        self._folder = None
        self._opened = threading.Event()

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    # -- keeping the engine in step ----------------------------------------

    def ensure_index(self, progress: Progress | None = None):
        """Build or load the index, or bring it up to date when the corpus's
        calls changed since. Safe to call from a worker thread."""
        if self.engine == "memory":
            return self._ensure_memory(progress)
        with self._lock:
            self._sync(progress)
        return self.backend

    def _ensure_memory(self, progress: Progress | None) -> SearchIndex:
        with self._lock:
            entries = self.corpus.entries  # metadata: asking must not open every call's text
            if self.index is None or self._stale(entries):
                # Opened once into a list: the index holds every call anyway, and
                # a lazy corpus would otherwise open them again on each pass.
                calls = [self.corpus.full(e) for e in entries]
                if self.index is None:
                    self.index = load_or_build(calls, progress, self.use_cache)
                elif self.use_cache:
                    refresh(self.index, calls, progress)
                else:
                    self.index.sync(calls, progress)
            if self.backend is None or self.backend.index is not self.index:  # type: ignore[union-attr]
                self.backend = MemoryBackend(self.index)
            self._opened.set()
            return self.index

    def _stale(self, calls) -> bool:
        live = [c for _, c in self.index.live_segments()]
        if len(live) != len(calls):
            return True
        bound = {(c.path, c.sha256) for c in live}
        replaced = {id(c) for c in live}
        # A whole call in the entries (an eager corpus, or one read again)
        # must be the very object indexed; a catalog entry, the same bytes.
        return any((c.path, c.sha256) not in bound or (isinstance(c, Call) and id(c) not in replaced)
                   for c in calls)

    def _sync(self, progress: Progress | None) -> None:
        """Make the on-disk index describe ``corpus.entries``: remove what
        went away, (re)index what is new or changed, commit as it goes."""
        from transcripts.search.disk_build import index_calls
        from transcripts.search.disk_engine import DiskBackend
        from transcripts.search.disk_index import index_folder, prune

        entries, ids = self._state()
        if ids == self._synced and self.backend is not None:
            return
        key = list(map(_PATH_AND_HASH, entries))
        # Set while a first run hands the corpus over part-loaded: the index
        # is the whole load's, and calls not handed over yet are not gone.
        loading = getattr(self.corpus, "loading", None)
        every_path = list(loading.paths) if loading is not None else [p for p, _ in key]
        folder = index_folder(every_path) if self.use_cache else None
        if self.backend is None or folder != self._folder:
            self.backend, self._folder = DiskBackend(folder, self._warn), folder
            if folder is not None:
                prune(folder)
        self._opened.set()
        backend = self.backend
        indexed = backend.indexed()
        wanted = dict(key)
        try:
            for path in indexed:
                if path not in wanted and loading is None:
                    backend.remove(path)
            todo = [e for e in entries if indexed.get(e.path) != e.sha256]
            index_calls(backend.disk, todo, self.corpus.full, progress, COMMIT_SECONDS)
        except ValueError as exc:  # another process holds the index's writer
            if "lock" not in str(exc).casefold():
                raise
            self._warn(f"{folder}: another Earmark is updating the search index; "
                       "searching what it has indexed so far")
            return
        self._synced, self._held = ids, entries

    def prepare(self, progress: Progress | None = None):
        """Everything a first query would otherwise wait for: the index,
        the filter tables, speaker identity. For a background worker."""
        index = self.ensure_index(progress)
        if self.engine == "memory":
            with self._lock:
                tables = filter_tables(index)
                tables.speaker_mask("", self.aliases())
        return index

    # -- asking ----------------------------------------------------------

    def run(
        self,
        query: Query | str,
        limit: int = 20,
        *,
        tag_spans: TagSpans | None = None,
        scope: Iterable[str] | None = None,
        progress: Progress | None = None,
    ) -> SearchResult:
        q = parse_query(query) if isinstance(query, str) else query
        refuse_annotation_words(q.filters)
        if self.engine == "memory":
            self._ensure_memory(progress)
            with self._lock:  # an update must not resize the index under a running query
                return self.backend.query(q, limit, self._context(q, tag_spans, scope))
        # a build running in another thread: answer over what it committed so far
        if self._lock.acquire(blocking=not self._opened.is_set()):
            try:
                self._sync(progress)
            finally:
                self._lock.release()
        return self.backend.query(q, limit, self._context(q, tag_spans, scope))

    def _state(self) -> tuple[list, list[int]]:
        """The entries, and what says whether they changed since: which
        objects they are. An entry is never changed in path or content (a
        changed file is a new entry, even where the app puts it in place of
        the old one in the same list), and the entries a key names are held
        (``_held``), so no other object can take their identity. Asked at
        every query, of 30,000 entries: made in C, a millisecond or two,
        where each entry's path and hash took ten."""
        entries = list(self.corpus.entries)
        return entries, list(map(id, entries))

    def _context(self, q: Query, tag_spans: TagSpans | None, scope: Iterable[str] | None) -> FilterContext:
        entries, key = self._state()
        aliases = self.aliases() if any(f.key == "speaker" for f in q.filters) else None
        if self._lookup is None or self._lookup[0] != key:
            self._lookup = (key, CorpusLookup.of(entries), entries)
        ctx = FilterContext(entries, q.filters, tag_spans,
                            frozenset(scope) if scope is not None else None, aliases, None, self._lookup[1])
        # The in-memory engine filters by itself: only the on-disk one uses the
        # table, and not for plain roles, which the index holds per sentence
        # (making the table from 30,000 calls' speakers was 5 s of a command).
        if self.engine == "disk" and people_filters(q.filters) and ctx.plain_roles is None:
            ctx.people = self._people_table(entries, key, aliases)
        return ctx

    def _people_table(self, entries: list, key: list[int], aliases: AliasSource | None) -> PeopleTable:
        """The entries' speakers grouped, made once per corpus state (with
        aliases for ``speaker:``, without for role and title filters)."""
        made = self._tables.get(aliases is not None)
        if made is None or made[0] != key:
            made = self._tables[aliases is not None] = (key, PeopleTable(entries, aliases), entries)
        return made[1]

    def search(self, query: Query | str, limit: int = 20, **options) -> list[Hit]:
        return self.run(query, limit, **options).hits

    def aliases(self) -> AliasSource:
        """Other spellings of each speaker across calls (``Gene Muenster`` is
        also ``C. Eugene Munster``)."""
        entries = self.corpus.entries  # identity needs the speakers, not the text
        key = list(map(_ID_AND_HASH, entries))
        if self._people_for != key:
            from transcripts.identity import PeopleIndex  # on first use: most queries have no speaker:

            people = PeopleIndex.from_calls(entries)

            def names(call: Call, speaker: Speaker) -> list[str]:
                person = people.person_for(call.id, speaker.key)
                return person.names if person is not None else []

            self._people, self._people_for = names, key
        return self._people


_MAKING = threading.Lock()


def searcher_for(corpus: "Corpus", use_cache: bool = True, engine: str | None = None) -> Searcher:
    """The corpus's searcher, made on first use and kept with it (one per
    corpus even when two worker threads ask at once)."""
    found = getattr(corpus, _ATTRIBUTE, None)
    if found is None:
        with _MAKING:
            found = getattr(corpus, _ATTRIBUTE, None)
            if found is None:
                found = Searcher(corpus, use_cache, engine)
                setattr(corpus, _ATTRIBUTE, found)
    return found
