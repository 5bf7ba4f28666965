"""The search index on disk (tantivy): one document per sentence, kept
under ``cache_dir()/search``, memory-mapped, updated per file.

Why tantivy (measured in ``benchmarks/compare_search.py``, issue 14): its
queries stay fast as the corpus grows (the postings are on disk and mapped,
not Python sets), it needs tens of megabytes where the in-memory index needs
gigabytes at 30,000 calls, and one changed call is a delete by path plus an
add and a commit (milliseconds), never a rewrite of the whole index.

Each sentence document holds the sentence's words as our own tokeniser
normalises them (``tokens.words``, split on spaces by tantivy, so a word
found by tantivy is found again in its sentence), and, stored, what a hit
shows (text, offsets, speaker, turn, section), so a query never loads a call.
Each call also has one manifest document (path, content hash), committed
with its sentences: what is indexed is whatever a commit made durable, so a
build killed half-way leaves an index that opens and answers over the calls
committed, and the next run indexes the rest.

A damaged index (a file cut short, garbage in its meta file) is removed and
rebuilt with one warning; the cache is an accelerator, never a failure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

import tantivy

from transcripts import cache as call_cache
from transcripts import locations
from transcripts.search import disk_manifest, disk_rows, disk_vocabulary
from transcripts.model import Call
from transcripts.search.disk_rows import as_term, decode_hit, from_term, sentence_docs, who_term

__all__ = ["DiskIndex", "KIND_CALL", "as_term", "decode_hit", "from_term", "index_folder",
           "prune", "schema", "who_term"]

FORMAT = 5
"""Bump when the schema, the stored hit (``disk_rows``) or the tokeniser
changes: older indexes are rebuilt."""
WRITER_HEAP = 200_000_000
"""Bytes the writer buffers before it writes a segment by itself. Fewer,
larger segments mean fewer merges, which is most of a big build: a
10,000-call first run took 348 s with 50 MB and 267 s with 200 MB (peak
2.3 -> 1.9 GB), one run each at load 4-5. The memory is taken as it is
used: one changed file peaks the same either way."""
KIND_CALL = "c"
"""The ``kind`` of a call's manifest document (its path in ``call``, not in
``path``, so no sentence query ever matches one: sentences need no kind
term of their own, which is one field less to index per sentence)."""
Warn = Callable[[str], None]


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("words", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("path", tokenizer_name="raw", stored=True, index_option="basic")
    sb.add_text_field("call", tokenizer_name="raw", stored=True, index_option="basic")
    sb.add_text_field("who", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("section", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("role", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("person", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("sha", tokenizer_name="raw", stored=True, index_option="basic")
    # fast fields only: ordered by and filtered on by range, never looked up
    sb.add_integer_field("sentence", indexed=False, fast=True)
    sb.add_integer_field("start", indexed=False, fast=True)
    sb.add_integer_field("end", indexed=False, fast=True)
    sb.add_bytes_field("hit", stored=True)
    return sb.build()


def index_folder(entries_paths: list[str]) -> Path:
    """The index of a set of calls: one per folder the calls share (their
    common parent), so adding, changing or removing a file in a folder
    updates that folder's index, and per parser, search code and format,
    so an index cut into sentences by an older parser is never reused."""
    distinct = set(entries_paths)
    if len(distinct) > 1:  # two files have the folders of both in common: the folders are fewer
        distinct = {p[: p.rfind(os.sep) + 1] or "." for p in distinct}  # "a/b.txt" -> "a/"
    try:
        common = os.path.commonpath([os.path.abspath(p) for p in distinct]) if distinct else ""
    except ValueError:  # paths on different drives
        common = "\n".join(sorted(entries_paths))
    key = hashlib.sha256(common.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    parser = call_cache.code_fingerprint("search")[:12]
    return locations.cache_dir() / "search" / f"tantivy-{FORMAT}-{parser}" / key


KEEP_INDEXES = 8
"""Index folders kept (the least recently used go, and every index of an
older format or parser)."""


def prune(current: Path) -> None:
    """Remove indexes nobody will open again; never fails a search."""
    try:
        os.utime(current)
        root = current.parent.parent
        for family in root.glob("tantivy-*"):
            if family != current.parent:
                shutil.rmtree(family, ignore_errors=True)
        folders = sorted((p for p in current.parent.iterdir() if p.is_dir()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in folders[KEEP_INDEXES:]:
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass


class DiskIndex:
    """A tantivy index in a folder (or in memory, with no folder)."""

    def __init__(self, folder: Path | None, warn: Warn | None = None) -> None:
        self.folder = folder
        self.schema = schema()
        self._warn = warn or (lambda message: None)
        self._writer: tantivy.IndexWriter | None = None
        self._view: dict[str, str] | None = None
        """What the index holds as this process knows it (after ``indexed``,
        with the changes since), for the manifest file."""
        self._view_state: str | None = None
        """The state of the index (``disk_manifest.stamp``) the view was
        read in, before the changes since."""
        self._changes: dict[str, str | None] = {}
        """The calls set (path -> hash) or removed (None) since the view was read."""
        self._new_words: set[str] | None = set()
        """The words of the sentences added since the view was read (None
        once too many calls were added to be worth keeping them)."""
        self.vocabularies: dict[tuple, object] = {}
        """The words of the index for "did you mean" and for a query word's
        variants (``disk_query``), by state of the index."""
        self.index = self._open()

    def _open(self) -> tantivy.Index:
        if self.folder is None:
            return tantivy.Index(self.schema)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
            index.searcher().search(tantivy.Query.term_query(self.schema, "kind", KIND_CALL), 1)
            return index
        except (ValueError, OSError, RuntimeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self._warn(f"{self.folder}: the search index was damaged ({first[:120]}); rebuilding it")
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            return tantivy.Index(self.schema, path=str(self.folder), reuse=False)

    # -- reading ---------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()

    def indexed(self) -> dict[str, str]:
        """Path -> content hash of every call a commit made durable: from
        the manifest file when it describes the index as it is, else from
        the index's own documents (and the file is written again)."""
        if self.folder is not None:
            got = disk_manifest.read_with_state(self.folder)
            if got is not None:
                self._know(*got)
                return got[0]
        meta = disk_manifest.stamp(self.folder) if self.folder is not None else None
        out = self._from_documents()
        self._know(out, meta)
        if self.folder is not None:
            disk_manifest.write(self.folder, meta, out)
        return out

    def _know(self, committed: dict[str, str], state: str | None) -> None:
        """Take what a commit made durable as this process's view, unless
        changes not yet committed are pending (a build in another thread):
        the view already holds them, and the committed state does not."""
        if self._writer is None:
            self._view, self._view_state = dict(committed), state
            self._changes, self._new_words = {}, set()

    def _from_documents(self) -> dict[str, str]:
        s = self.searcher()
        q = tantivy.Query.term_query(self.schema, "kind", KIND_CALL)
        n = s.search(q, 1, count=True).count
        out: dict[str, str] = {}
        if n:
            for _, addr in s.search(q, n, count=False).hits:
                doc = s.doc(addr)
                out[from_term(doc["call"][0])] = doc["sha"][0]
        return out

    # -- writing ---------------------------------------------------------

    def _writing(self) -> tantivy.IndexWriter:
        """The writer, opened on the first change (it locks the index
        against other processes' writers, so it is dropped at each commit:
        a second process that only reads never waits for it)."""
        if self._writer is None:
            self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        return self._writer

    def remove(self, path: str) -> None:
        w, term = self._writing(), as_term(path)
        w.delete_documents_by_term("path", term)
        w.delete_documents_by_term("call", term)
        if self._view is not None:
            self._view.pop(path, None)
        self._changes[path] = None

    def add(self, call: Call) -> None:
        """Index ``call``'s sentences, replacing any earlier version."""
        self.add_docs(call.path, call.sha256, sentence_docs(call))

    def add_docs(self, path: str, sha256: str, docs: list[str]) -> None:
        """Index a call's sentences as ``disk_rows`` wrote them (here or in
        a worker process), replacing any earlier version."""
        w = self._writing()
        term = as_term(path)
        w.delete_documents_by_term("path", term)
        w.delete_documents_by_term("call", term)
        add = w.add_json
        for doc in docs:
            add(doc)
        w.add_document(tantivy.Document(kind=KIND_CALL, call=term, sha=sha256))
        if self._view is not None:
            self._view[path] = sha256
        self._changes[path] = sha256
        if self._new_words is not None:
            if len(self._changes) > disk_vocabulary.MAX_CALLS_ADDED:
                self._new_words = None  # a build: the dictionary is walked at its end
            else:
                self._new_words.update(disk_rows.doc_words(docs))

    def commit(self, final: bool = True) -> None:
        """Make the changes durable and visible. ``final`` (the end of a
        build, one change): also let segment merges finish, so the manifest
        file written now stays true; a build's commits every second skip
        that wait."""
        if self._writer is None:
            return
        w, self._writer = self._writer, None
        w.commit()
        if final:
            w.wait_merging_threads()  # consumes the writer
        del w  # releases the lock on the index
        self.index.reload()
        if final and self.folder is not None and self._view is not None:
            meta = disk_manifest.stamp(self.folder)
            was = self._view_state
            if was is None:
                disk_manifest.write(self.folder, meta, self._view)
            else:
                disk_manifest.update(self.folder, was, meta, self._changes, self._view)
            words = disk_vocabulary.grown(self.folder, was, self._new_words, len(self._changes))
            disk_vocabulary.write(self.folder, meta, self.words() if words is None else words[0],
                                  0 if words is None else words[1])
            self._view_state, self._changes, self._new_words = meta, {}, set()

    def words(self) -> list[str]:
        """Every word the index holds (and, after a few changes, words of
        sentences since removed: a variant no sentence holds matches
        nothing): from the file beside it when that describes the index as
        it is, else from tantivy's dictionary."""
        if self.folder is not None:
            known = disk_vocabulary.read(self.folder)
            if known is not None:
                return known
        return [t for t, _ in self.searcher().terms_with_prefix("words", "")]

    def rollback(self) -> None:
        """Drop the changes not committed. The view held them: it is read
        again when next asked for, so no manifest ever names them."""
        if self._writer is not None:
            w, self._writer = self._writer, None
            w.rollback()
            del w
            self._view, self._view_state, self._changes, self._new_words = None, None, {}, set()
