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
import json
import os
import shutil
from pathlib import Path
from typing import Callable

import tantivy

from transcripts import cache as call_cache
from transcripts import locations
from transcripts.model import Call
from transcripts.search.tokens import words

FORMAT = 1
"""Bump when the schema or the tokeniser changes: older indexes are rebuilt."""
WRITER_HEAP = 50_000_000
"""Bytes the writer buffers before it writes a segment by itself."""
KIND_SENTENCE, KIND_CALL = "s", "c"
WHO_SEP = "\x1f"
"""Between a call's path and a speaker key in the ``who`` field."""
BREVITY = 0.3
"""Among equally good candidates, tantivy's order favours short sentences by
up to log2(2 + BREVITY) (~1.2x): less than the gap between two match
qualities (``disk_query.QUALITY_SCORES``), so quality always wins."""

Warn = Callable[[str], None]


def as_term(text: str) -> str:
    """``text`` as tantivy can hold it (valid UTF-8): a file name that is not
    UTF-8 (undecodable bytes kept as surrogates) is written as its bytes in
    hex behind a NUL, which no real path starts with."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "\0" + text.encode("utf-8", "surrogateescape").hex()


def from_term(term: str) -> str:
    if term.startswith("\0"):
        return bytes.fromhex(term[1:]).decode("utf-8", "surrogateescape")
    return term


def who_term(path: str, speaker_key: str) -> str:
    return as_term(f"{path}{WHO_SEP}{speaker_key}")


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("words", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("path", tokenizer_name="raw", stored=True, index_option="basic")
    sb.add_text_field("who", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("section", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("sha", tokenizer_name="raw", stored=True, index_option="basic")
    sb.add_integer_field("sentence", indexed=True, fast=True)
    sb.add_integer_field("start", indexed=True, fast=True)
    sb.add_integer_field("end", indexed=True, fast=True)
    sb.add_float_field("brevity", fast=True)
    sb.add_bytes_field("hit", stored=True)
    return sb.build()


def index_folder(entries_paths: list[str]) -> Path:
    """The index of a set of calls: one per folder the calls share (their
    common parent), so adding, changing or removing a file in a folder
    updates that folder's index, and per parser and format, so an index cut
    into sentences by an older parser is never reused."""
    try:
        common = os.path.commonpath([os.path.abspath(p) for p in entries_paths]) if entries_paths else ""
    except ValueError:  # paths on different drives
        common = "\n".join(sorted(entries_paths))
    key = hashlib.sha256(common.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    parser = call_cache.parser_fingerprint()[:12]
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
        self.vocabularies: dict[tuple, tuple[list[str], list[int]]] = {}
        """The words of the index for "did you mean" (``disk_query``)."""
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
        """Path -> content hash of every call a commit made durable."""
        s = self.searcher()
        q = tantivy.Query.term_query(self.schema, "kind", KIND_CALL)
        n = s.search(q, 1, count=True).count
        out: dict[str, str] = {}
        if n:
            for _, addr in s.search(q, n, count=False).hits:
                doc = s.doc(addr)
                out[from_term(doc["path"][0])] = doc["sha"][0]
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
        self._writing().delete_documents_by_term("path", as_term(path))

    def add(self, call: Call) -> None:
        """Index ``call``'s sentences, replacing any earlier version."""
        w = self._writing()
        w.delete_documents_by_term("path", as_term(call.path))
        text, path = call.text, as_term(call.path)
        starts, ends = call.sentence_starts, call.sentence_ends
        doc_of = tantivy.Document
        turns = call.turns
        for local in range(len(starts)):
            turn_no = call.turn_index_of_sentence(local)
            turn = turns[turn_no] if turn_no < len(turns) else None
            name, key, section = (turn.speaker.name, turn.speaker.key, turn.section) if turn else ("", "", "prepared")
            s, e = starts[local], ends[local]
            sentence = text[s:e]
            ws = words(sentence)
            hit = json.dumps([sentence, s, e, local, turn_no, name, section, " ".join(ws)],
                             ensure_ascii=False).encode("utf-8", "surrogatepass")
            w.add_document(doc_of(
                words=" ".join(ws), kind=KIND_SENTENCE, path=path, who=who_term(call.path, key),
                section=section, sentence=local, start=s, end=e,
                brevity=BREVITY * 10 / (10 + len(ws)), hit=hit,
            ))
        w.add_document(doc_of(kind=KIND_CALL, path=path, sha=call.sha256))

    def commit(self) -> None:
        if self._writer is None:
            return
        w, self._writer = self._writer, None
        w.commit()
        del w  # releases the lock on the index
        self.index.reload()

    def rollback(self) -> None:
        if self._writer is not None:
            w, self._writer = self._writer, None
            w.rollback()
            del w


def decode_hit(raw: bytes) -> list:
    """``[text, start, end, sentence, turn, speaker, section, words]`` of a
    stored hit (``words``: the sentence's normalised words, space-separated,
    for ranking without tokenising the text again)."""
    return json.loads(raw.decode("utf-8", "surrogatepass"))
