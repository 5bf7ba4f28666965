"""Which on-disk search engine (issue 14)? tantivy against SQLite FTS5 with
vocabulary expansion through rapidfuzz, on the same sentences and queries.

    python benchmarks/compare_search.py --calls 100
    python benchmarks/compare_libraries.py --search-calls 100   # the same, from there

Both fetch a pool of candidates (200) and re-rank it with our own rules
(``ranking.judge``), as the app does, so *quality* is the share of the
in-memory engine's top 10 (the reference: today's meaning) that each one
returns in its top 10, over every query, and *same rank* the share of places
whose score and sentence length equal the reference's (sentences tied on
both are equally right answers, and generated calls tie often). Query times are medians and p95 over
three runs of each query; *memory* is the resident set of a fresh process
that opens the index and runs every query once (tantivy maps its files, so
what it touches counts); *one call replaced* deletes a call's sentences,
adds them again and commits.

FTS5 has no typo tolerance of its own: a query word is expanded against its
vocabulary (``fts5vocab``) with rapidfuzz (OSA distance, by word length,
as ``tokens.max_edits``), and the last word by prefix, into an OR of terms.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_search import QUERIES  # noqa: E402
from benchmarks.generate import generate_corpus  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# -- SQLite FTS5 -------------------------------------------------------------


class Fts5:
    """Sentences in an FTS5 table (our normalised words), stored fields
    alongside; query words expanded against the vocabulary."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("create virtual table if not exists s using fts5("
                        "words, path unindexed, hit unindexed, tokenize=\"unicode61 tokenchars '.,'\")")
        self.db.execute("create virtual table if not exists v using fts5vocab(s, 'row')")
        self._vocab = None

    def add(self, call) -> None:
        from transcripts.search.tokens import words

        self.db.execute("delete from s where path = ?", (call.path,))
        rows = []
        for local in range(call.sentence_count):
            text = call.sentence_text(local)
            rows.append((" ".join(words(text)), call.path, json.dumps([text, local])))
        self.db.executemany("insert into s(words, path, hit) values (?, ?, ?)", rows)

    def commit(self) -> None:
        self.db.commit()
        self._vocab = None

    def vocabulary(self) -> dict[int, list[str]]:
        if self._vocab is None:
            by_length: dict[int, list[str]] = {}
            for (term,) in self.db.execute("select term from v"):
                by_length.setdefault(len(term), []).append(term)
            self._vocab = by_length
        return self._vocab

    def expand(self, term) -> str:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        from transcripts.search.tokens import max_edits

        if term.phrase:
            return '"' + " ".join(term.words) + '"'
        w = term.words[0]
        found = {w}
        k = max_edits(w)
        vocab = self.vocabulary()
        for n in range(len(w) - k, len(w) + k + 1):
            if k and vocab.get(n):
                found |= {c for c, _, _ in process.extract(w, vocab[n], scorer=OSA.distance,
                                                            score_cutoff=k, limit=None)}
        parts = [f'"{x}"' for x in sorted(found)]
        if term.prefix:
            parts.append(f'"{w}"*')
        return "(" + " OR ".join(parts) + ")"

    def pool(self, q, size: int = 200) -> list[tuple[str, str]]:
        terms = [self.expand(t) for t in q.terms]
        sql = "select path, hit from s where s match ? order by bm25(s) limit ?"
        rows = self.db.execute(sql, (" AND ".join(terms), size)).fetchall()
        if not rows and len(terms) > 1:
            rows = self.db.execute(sql, (" OR ".join(terms), size)).fetchall()
        return [(p, json.loads(h)[0]) for p, h in rows]


def _rerank(q, pool: list[tuple[str, str]], limit: int = 10) -> list[tuple[str, str]]:
    """Our ranking rules over (path, sentence) candidates."""
    from transcripts.search.disk_query import _matcher
    from transcripts.search.ranking import judge
    from transcripts.search.tokens import word_spans

    ids: dict[str, int] = {}
    rows = [(p, t, [ids.setdefault(w, len(ids)) for w, _, _ in word_spans(t)]) for p, t in pool]
    matchers = [_matcher(t, ids) for t in q.terms]
    scored = []
    for p, t, tokens in rows:
        j = judge(tokens, matchers)
        if j.matched:
            scored.append((-j.matched, -round(j.score), len(tokens), p, t))
    scored.sort()
    return [(p, t, -s, len(t.split())) for _, s, _, p, t in scored[:limit]]


# -- one engine in a fresh process ---------------------------------------------


def _queries(engine: str, folder: str, where: str) -> dict:
    from transcripts import load_corpus
    from transcripts.search import parse_query

    corpus = load_corpus([folder])
    entries = corpus.entries
    base = _rss_mb()
    queries = [parse_query(q) for q in QUERIES if ":" not in q]  # the same words for every engine
    if engine == "tantivy":
        from transcripts.search.allowed import FilterContext
        from transcripts.search.disk_engine import DiskBackend

        backend = DiskBackend(Path(where))

        def top(q):
            return [(h.path, h.text, h.score, len(h.text.split()))
                    for h in backend.query(q, 10, FilterContext(entries, q.filters)).hits]
    elif engine == "fts5":
        fts = Fts5(where)

        def top(q):
            return _rerank(q, fts.pool(q))
    else:
        from transcripts.search.searcher import Searcher

        searcher = Searcher(corpus, use_cache=True, engine="memory")
        searcher.ensure_index()

        def top(q):
            return [(h.path, h.text, h.score, len(h.text.split())) for h in searcher.run(q, 10).hits]
    times, answers = [], {}
    for q in queries:
        answers[q.text] = top(q)
    for _ in range(3):
        for q in queries:
            t0 = time.perf_counter()
            top(q)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"rss": _rss_mb() - base, "median": statistics.median(times),
            "p95": times[int(0.95 * (len(times) - 1))], "answers": answers}


def _in_fresh_process(engine: str, folder: Path, where: str, home: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", engine, str(folder), where],
                         capture_output=True, text=True, check=True, env={**os.environ, "EARMARK_HOME": home})
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(calls: int) -> list[tuple]:
    from transcripts import load_corpus
    from transcripts.search.disk_engine import DiskBackend

    folder = generate_corpus(calls=calls, words=10_000)
    corpus = load_corpus([folder])
    rows = []
    with tempfile.TemporaryDirectory(prefix="earmark-compare-search-") as tmp:
        home = str(Path(tmp) / "home")
        builds = {}
        t0 = time.perf_counter()
        tan = DiskBackend(Path(tmp) / "tantivy")
        for c in corpus.entries:
            tan.add(corpus.full(c))
        tan.commit()
        builds["tantivy"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        fts = Fts5(str(Path(tmp) / "fts5.db"))
        for c in corpus.entries:
            fts.add(corpus.full(c))
        fts.commit()
        builds["fts5"] = time.perf_counter() - t0
        changed = corpus.full(corpus.entries[len(corpus.entries) // 2])
        replace = {}
        for name, engine in (("tantivy", tan), ("fts5", fts)):
            t0 = time.perf_counter()
            engine.add(changed)
            engine.commit()
            replace[name] = time.perf_counter() - t0
        del tan
        fts.db.close()
        _in_fresh_process("memory", folder, "", home)  # builds its cache: the next one loads it
        reference = _in_fresh_process("memory", folder, "", home)
        rows.append(("in-memory (today)", f"{reference['median']:.1f}", f"{reference['p95']:.1f}",
                     f"{reference['rss']:.0f}", "1.000", "1.000", "-", "-"))
        for name, where in (("tantivy", str(Path(tmp) / "tantivy")), ("fts5", str(Path(tmp) / "fts5.db"))):
            got = _in_fresh_process(name, folder, where, home)
            kept = same_rank = total = 0
            for q, ref in reference["answers"].items():
                mine = got["answers"][q]
                kept += sum(1 for x in ref if tuple(x[:2]) in {tuple(y[:2]) for y in mine})
                # equally ranked: the same (score, length) at each place; sentences
                # that tie on both may be any of the tied ones
                same_rank += sum(1 for a, b in zip(ref, mine) if a[2:] == b[2:])
                total += len(ref)
            rows.append((name, f"{got['median']:.1f}", f"{got['p95']:.1f}", f"{got['rss']:.0f}",
                         f"{kept / max(1, total):.3f}", f"{same_rank / max(1, total):.3f}", f"{builds[name]:.1f}", f"{replace[name] * 1000:.0f}"))
    return rows


HEAD = ("engine", "query median ms", "p95 ms", "query process MB", "top-10 same sentences", "top-10 same rank",
        "build s", "one call replaced ms")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(_queries(*argv[1:4])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=100, help="generated calls of ~10,000 words")
    args = ap.parse_args(argv)
    from benchmarks.compare_libraries import _table

    print(f"search engines: {args.calls} generated calls, load average {os.getloadavg()[0]:.2f}")
    print(_table(HEAD, measure(args.calls)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
