"""The inverted index: every word of every sentence, once per corpus.

Layout, chosen for a corpus of ~10 million words held in memory next to the
parsed calls, and for a build in pure Python where every per-word step costs:

- a vocabulary (``dict`` word -> term id, and the words in a list);
- postings: per term an ``array('I')`` of the sentence ids it occurs in
  (once per sentence);
- a forward index: every sentence's words as term ids, back to back
  (``SEP`` between sentences), in one ``bytearray`` of uint32
  (``offsets``/``lengths`` per sentence). Phrases are
  checked with ``bytearray.find`` on it, and candidates are ranked from it,
  without reading any text;
- segments: one per call, a contiguous range of sentence ids, so a changed
  transcript is updated on its own (its old range is marked dead, its new
  sentences appended) instead of rebuilding everything.

Query words are expanded against the vocabulary (typos with rapidfuzz, the
last word as a prefix), never by scanning sentences.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import struct
import sys
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from transcripts import cache as call_cache
from transcripts.model import Call
from transcripts.search.tokens import is_number, max_edits, words

INDEX_FORMAT = 3
"""Bump when the tokeniser or the file layout changes: old files are rebuilt."""

PREFIX_LIMIT = 64
"""A short prefix (``re``) starts hundreds of words; the most frequent ones
are searched."""
COMPACT_WHEN_DEAD = 0.3
COMPACT_MIN_DEAD = 20_000
"""Rebuild from scratch once this share (and at least this many) of the
sentence ids belong to removed or changed calls; below that, dead sentences
cost a little memory and nothing else."""

Progress = Callable[[int, int], None]
"""``progress(done, total)`` in calls, while an index is built."""

_MAGIC = b"EARMARK-SEARCH\n"

SEP = 0xFFFFFFFF
"""The term id between two sentences in the forward index (no word has it,
so no phrase spans two sentences)."""
_SEP_CHAR = "\x00"
_SCAN = re.compile(r"[a-z0-9]++(?:'[a-z0-9]++|[.,][0-9]++)*+|\x00").findall
"""Words as written in lower-case ASCII text (``WORD_RE`` there), and the
sentence separator."""
_PARTS = 6


@dataclass(slots=True)
class Segment:
    """One call's range of sentence ids."""

    path: str
    sha256: str
    base: int
    count: int
    live: bool = True


@dataclass(frozen=True, slots=True)
class Expansion:
    """A vocabulary word that a query word matches, and how well."""

    term: int
    word: str
    quality: float
    """1.0 exact, 0.9 prefix, 0.8 one typo, 0.6 two typos."""


QUALITY_EXACT, QUALITY_PREFIX = 1.0, 0.9
QUALITY_BY_EDITS = {1: 0.8, 2: 0.6}


class SearchIndex:
    def __init__(self) -> None:
        self.vocab: dict[str, int] = {_SEP_CHAR: SEP}
        """Indexed word -> term id; also other spellings of a word as
        written (``verisign's``) and the sentence separator."""
        self.words: list[str] = []
        self.sids: list[array] = []
        self.forward = bytearray()
        self.offsets = array("Q")
        self.lengths = array("I")
        self.segments: list[Segment] = []
        self._bases = array("I")
        self.dead = 0
        self.generation = 0
        """Changes whenever the bound calls do (caches keyed on it go stale)."""
        self._filter_tables = None
        self._sorted_words: list[str] | None = None
        self._by_length: dict[int, list[str]] | None = None
        self._plain_words: list[str] | None = None
        self.calls: list[Call | None] = []
        """The call of each segment (None for a dead one), bound by ``sync``."""

    # -- size ------------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        return len(self.lengths)

    # -- building --------------------------------------------------------

    @classmethod
    def build(cls, calls: Sequence[Call], progress: Progress | None = None) -> "SearchIndex":
        index = cls()
        index.sync(calls, progress)
        return index

    def _add(self, call: Call) -> None:
        """Index one call's sentences: the hot loop of a build.

        Calls whose sentences hold no accented or non-Latin letters (nearly
        all) are scanned with one regular expression over the whole call,
        sentences joined by ``\\0``, and
        every word looked up in one C-level pass; the only per-word Python
        step left is one append per distinct word of each sentence. Words
        as written (``verisign's``) are kept in the vocabulary as other
        spellings of their indexed form (``verisign``)."""
        text = call.text
        tids = None
        if _SEP_CHAR not in text:
            joined = _SEP_CHAR.join([text[s:e] for s, e in zip(call.sentence_starts, call.sentence_ends)])
            if not joined.isascii():  # curly apostrophes and quotes are still plain words
                joined = joined.replace("\u2019", "'")
                if any(c.isalnum() for c in set(joined) if c > "\x7f"):
                    joined = None  # accented or non-Latin words: word by word
            if joined is not None:
                tids = self._scan_ascii(joined.lower())
        if tids is None:
            tids = self._scan_general(call)
        base = len(self.lengths)
        at = len(self.forward) // 4
        self.forward += array("I", tids)
        sids, offsets, lengths = self.sids, self.offsets, self.lengths
        find, n, pos = tids.index, len(tids), 0
        last = len(call.sentence_starts) - 1
        for local in range(last + 1):
            end = find(SEP, pos) if local < last else n
            offsets.append(at + pos)
            lengths.append(end - pos)
            sid = base + local
            for t in set(tids[pos:end]):
                sids[t].append(sid)
            pos = end + 1
        self.segments.append(Segment(call.path, call.sha256, base, last + 1))
        self._bases.append(base)
        self.calls.append(call)
        self._sorted_words = self._by_length = self._plain_words = None

    def _scan_ascii(self, joined: str) -> list[int]:
        """Term ids of every word of the call's sentences, given joined by
        ``SEP`` in lower case with no non-ASCII letter or digit."""
        found = _SCAN(joined)
        vocab = self.vocab
        new = set(found).difference(vocab)
        if new:  # new words get ids in sorted order: the same index on every run
            forms = sorted((w[:-2] if w.endswith("'s") and len(w) > 2 else w, w) for w in new)  # = normalise
            for word, surface in forms:
                vocab[surface] = self._term(word)
        return list(map(vocab.__getitem__, found))

    def _scan_general(self, call: Call) -> list[int]:
        text = call.text
        found: list[str] = []
        for local, (s, e) in enumerate(zip(call.sentence_starts, call.sentence_ends)):
            if local:
                found.append(_SEP_CHAR)
            found += words(text[s:e])
        for word in sorted(set(found).difference(self.vocab)):
            self._term(word)
        return list(map(self.vocab.__getitem__, found))

    def _term(self, word: str) -> int:
        tid = self.vocab.get(word)
        if tid is None:
            tid = self.vocab[word] = len(self.words)
            self.words.append(word)
            self.sids.append(array("I"))
        return tid

    def tokens(self, sid: int, ints: memoryview) -> list[int]:
        """The term ids of sentence ``sid``; ``ints`` is
        ``memoryview(self.forward).cast("I")`` (see ``reading``)."""
        o = self.offsets[sid]
        return ints[o : o + self.lengths[sid]].tolist()

    def reading(self) -> memoryview:
        """A view of the forward index as uint32; release it (``with``)
        before the index is updated."""
        return memoryview(self.forward).cast("I")

    def sync(self, calls: Sequence[Call], progress: Progress | None = None) -> bool:
        """Make the index describe exactly ``calls``: unchanged calls keep
        their sentences, changed or new ones are (re)indexed, removed ones
        are marked dead. Returns whether anything was (re)indexed or removed."""
        wanted = {(c.path, c.sha256): c for c in calls}
        changed = False
        self.generation += 1
        for i, seg in enumerate(self.segments):
            if not seg.live:
                continue
            call = wanted.pop((seg.path, seg.sha256), None)
            if call is None:
                seg.live = False
                self.calls[i] = None
                self.dead += seg.count
                changed = True
            else:
                self.calls[i] = call
        if self.dead > max(COMPACT_MIN_DEAD, COMPACT_WHEN_DEAD * self.sentence_count):
            self._take(SearchIndex.build(calls, progress))
            return True
        todo = [c for c in calls if (c.path, c.sha256) in wanted]
        # The cyclic collector stays on. Switching it off is process-wide:
        # in the app the build runs in a worker while the UI thread keeps
        # making cyclic garbage, which then piled up for the whole build and
        # left Python's small-object arenas fragmented once collected
        # (~75 MB more resident with 1,000 calls than loading the same index,
        # for no build speed: what the build keeps is arrays and strings,
        # which the collector does not track).
        for done, call in enumerate(todo, 1):
            self._add(call)
            changed = True
            if progress is not None:
                progress(done, len(todo))
        return changed

    def _take(self, other: "SearchIndex") -> None:
        for name in (
            "vocab", "words", "sids", "forward", "offsets", "lengths", "segments", "_bases",
            "dead", "_sorted_words", "_by_length", "_plain_words", "calls", "_filter_tables",
        ):
            setattr(self, name, getattr(other, name))

    # -- sentence ids ----------------------------------------------------

    def locate(self, sid: int) -> tuple[int, int]:
        """``(segment number, sentence index in its call)`` of a sentence id."""
        i = bisect.bisect_right(self._bases, sid) - 1
        return i, sid - self.segments[i].base

    def live_segments(self) -> Iterable[tuple[Segment, Call]]:
        for seg, call in zip(self.segments, self.calls):
            if seg.live and call is not None:
                yield seg, call

    # -- vocabulary ------------------------------------------------------

    def expand(self, word: str, prefix: bool = False) -> list[Expansion]:
        """The vocabulary words a query word stands for: itself, its typos
        (by the query word's length) and, for the last word while typing,
        the words it begins."""
        found: dict[str, float] = {}
        if word in self.vocab:
            found[word] = QUALITY_EXACT
        k = max_edits(word)
        if k:
            by_length = self._length_buckets()
            for n in range(len(word) - k, len(word) + k + 1):
                bucket = by_length.get(n)
                if not bucket:
                    continue
                for choice, dist, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=k, limit=None
                ):
                    if dist and choice not in found:
                        found[choice] = QUALITY_BY_EDITS[int(dist)]
        if prefix and len(word) >= 2 and not is_number(word):
            sw = self._sorted()
            lo = bisect.bisect_left(sw, word)
            hi = bisect.bisect_left(sw, word + "\U0010ffff", lo)
            starting = [w for w in sw[lo:hi] if w not in found]
            if len(starting) > PREFIX_LIMIT:
                starting.sort(key=lambda w: -len(self.sids[self.vocab[w]]))
                starting = starting[:PREFIX_LIMIT]
            for w in starting:
                found[w] = QUALITY_PREFIX
            # a word the query word begins is a better reading than a typo
            for w in sw[lo:hi]:
                if found.get(w, 1.0) < QUALITY_PREFIX:
                    found[w] = QUALITY_PREFIX
        elif prefix and is_number(word):
            sw = self._sorted()
            lo = bisect.bisect_left(sw, word)
            hi = bisect.bisect_left(sw, word + "\U0010ffff", lo)
            for w in sw[lo : min(hi, lo + PREFIX_LIMIT)]:
                found.setdefault(w, QUALITY_PREFIX)
        return [Expansion(self.vocab[w], w, q) for w, q in found.items()]

    def nearest_words(self, word: str, limit: int = 3) -> list[str]:
        """Vocabulary words closest to ``word`` (for "did you mean")."""
        from rapidfuzz import fuzz

        live = self.words if is_number(word) else self._plain()
        found = process.extract(word, live, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60)
        # among equally close words, the more frequent one is the likelier meaning
        found.sort(key=lambda r: (-round(r[1]), -len(self.sids[self.vocab[r[0]]])))
        return [w for w, _, _ in found[:limit]]

    def _sorted(self) -> list[str]:
        if self._sorted_words is None:
            self._sorted_words = sorted(self.words)
        return self._sorted_words

    def _plain(self) -> list[str]:
        """The words that are not numbers, in term order (made once: a pass
        over the vocabulary per query word cost more than the search)."""
        if self._plain_words is None:
            self._plain_words = [w for w in self.words if not is_number(w)]
        return self._plain_words

    def _length_buckets(self) -> dict[int, list[str]]:
        if self._by_length is None:
            buckets: dict[int, list[str]] = {}
            for w in self._plain():
                buckets.setdefault(len(w), []).append(w)
            self._by_length = buckets
        return self._by_length

    # -- on disk ---------------------------------------------------------

    def save(self, path: Path) -> bool:
        """Write atomically; a cache that cannot be written is skipped."""
        header = json.dumps({
            "format": INDEX_FORMAT,
            "byteorder": _BYTEORDER,
            "parser": call_cache.code_fingerprint("search"),
            "segments": [[s.path, s.sha256, s.base, s.count, s.live] for s in self.segments],
            "dead": self.dead,
            "terms": len(self.words),
        }).encode()
        vocab = "\n".join(self.words).encode("utf-8", "surrogatepass")
        counts = array("I", (len(a) for a in self.sids))
        parts = [header, vocab, counts, self.offsets, self.lengths, self.forward]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".index")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(_MAGIC)
                    f.write(struct.pack(f"<{_PARTS}Q", *(memoryview(p).nbytes for p in parts)))
                    for p in parts:
                        f.write(p)
                    for a in self.sids:
                        a.tofile(f)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return True
        except OSError:
            return False

    @classmethod
    def load(cls, path: Path) -> "SearchIndex | None":
        """The index saved at ``path``, or None when missing, of another
        format or parser, or damaged (it is then rebuilt). Segments are
        keyed by content hash: a changed parser may cut the same text into
        other sentences, so its sentence ids would point at the wrong ones."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            if not data.startswith(_MAGIC):
                return None
            view = memoryview(data)
            at = len(_MAGIC)
            sizes = struct.unpack_from(f"<{_PARTS}Q", data, at)
            at += 8 * _PARTS
            blobs = []
            for size in sizes:
                blobs.append(view[at : at + size])
                at += size
            header = json.loads(bytes(blobs[0]))
            if (header.get("format") != INDEX_FORMAT or header.get("byteorder") != _BYTEORDER
                    or header.get("parser") != call_cache.code_fingerprint("search")):
                return None
            index = cls()
            index.words = bytes(blobs[1]).decode("utf-8", "surrogatepass").split("\n") if header["terms"] else []
            index.vocab = {w: i for i, w in enumerate(index.words)}
            index.vocab[_SEP_CHAR] = SEP
            counts = array("I")
            counts.frombytes(blobs[2])
            index.offsets.frombytes(blobs[3])
            index.lengths.frombytes(blobs[4])
            index.forward = bytearray(blobs[5])
            total = sum(counts)
            postings = array("I")
            postings.frombytes(view[at : at + 4 * total])
            if len(postings) != total or len(counts) != len(index.words):
                return None
            sids = index.sids
            lo = 0
            for n in counts:
                sids.append(postings[lo : lo + n])
                lo += n
            for p, sha, base, count, live in header["segments"]:
                index.segments.append(Segment(p, sha, base, count, live))
                index._bases.append(base)
                index.calls.append(None)
            index.dead = header["dead"]
            return index
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
            return None


_BYTEORDER = sys.byteorder
