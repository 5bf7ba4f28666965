"""Search over a ``Corpus``: the index kept with the corpus and in the cache,
and the people (speaker identity) the ``speaker:`` filter matches aliases of.

``Corpus.search`` delegates here; the app and the command line use
``Searcher`` directly for progress while indexing and for "did you mean".
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Iterable

from transcripts.model import Call, Speaker
from transcripts.search.engine import TagSpans, filter_tables, search_index
from transcripts.search.hits import Hit, SearchResult
from transcripts.search.index import Progress, SearchIndex
from transcripts.search.query import AliasSource, Query, parse_query
from transcripts.search.store import load_or_build, refresh

if TYPE_CHECKING:
    from transcripts.corpus import Corpus

_ATTRIBUTE = "_earmark_searcher"


class Searcher:
    def __init__(self, corpus: "Corpus", use_cache: bool = True) -> None:
        self.corpus = corpus
        self.use_cache = use_cache
        self.index: SearchIndex | None = None
        self._people = None
        self._people_for: tuple | None = None
        self._lock = threading.Lock()

    def ensure_index(self, progress: Progress | None = None) -> SearchIndex:
        """Build or load the index (once), or bring it up to date when the
        corpus's calls changed since. Safe to call from a worker thread."""
        with self._lock:
            # Opened once into a list: the index holds every call anyway, and
            # a lazy corpus would otherwise open them again on each pass.
            if self.index is None:
                self.index = load_or_build(list(self.corpus.calls), progress, self.use_cache)
            elif self._stale():
                if self.use_cache:
                    refresh(self.index, list(self.corpus.calls), progress)
                else:
                    self.index.sync(list(self.corpus.calls), progress)
            return self.index

    def prepare(self, progress: Progress | None = None) -> SearchIndex:
        """Everything a first query would otherwise wait for: the index,
        the filter tables, speaker identity. For a background worker."""
        index = self.ensure_index(progress)
        with self._lock:
            tables = filter_tables(index)
            tables.speaker_mask("", self.aliases())
        return index

    def _stale(self) -> bool:
        index = self.index
        live = [c for _, c in index.live_segments()]
        calls = self.corpus.entries  # metadata: asking must not open every call's text
        if len(live) != len(calls):
            return True
        bound = {(c.path, c.sha256) for c in live}
        replaced = {id(c) for c in live}
        # A whole call in the entries (an eager corpus, or one read again)
        # must be the very object indexed; a catalog entry, the same bytes.
        return any((c.path, c.sha256) not in bound or (isinstance(c, Call) and id(c) not in replaced)
                   for c in calls)

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
        index = self.ensure_index(progress)
        with self._lock:  # an update must not resize the index under a running query
            aliases = self.aliases() if any(f.key == "speaker" for f in q.filters) else None
            return search_index(index, q, limit, tag_spans=tag_spans, scope=scope, aliases=aliases)

    def search(self, query: Query | str, limit: int = 20, **options) -> list[Hit]:
        return self.run(query, limit, **options).hits

    def aliases(self) -> AliasSource:
        """Other spellings of each speaker across calls (``Gene Muenster`` is
        also ``C. Eugene Munster``)."""
        calls = self.corpus.entries  # identity needs the speakers, not the text
        key = tuple((c.id, c.sha256) for c in calls)
        if self._people_for != key:
            from transcripts.identity import PeopleIndex  # on first use: most queries have no speaker:

            people = PeopleIndex.from_calls(calls)

            def names(call: Call, speaker: Speaker) -> list[str]:
                person = people.person_for(call.id, speaker.key)
                return person.names if person is not None else []

            self._people, self._people_for = names, key
        return self._people


_MAKING = threading.Lock()


def searcher_for(corpus: "Corpus", use_cache: bool = True) -> Searcher:
    """The corpus's searcher, made on first use and kept with it (one per
    corpus even when two worker threads ask at once)."""
    found = getattr(corpus, _ATTRIBUTE, None)
    if found is None:
        with _MAKING:
            found = getattr(corpus, _ATTRIBUTE, None)
            if found is None:
                found = Searcher(corpus, use_cache)
                setattr(corpus, _ATTRIBUTE, found)
    return found
