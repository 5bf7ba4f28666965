"""``earmark search QUERY PATH... [--limit N] [--json]``: fuzzy search across
calls from the command line.

The query is the same line the app's search pane takes: words in any order
(typos forgiven), "quoted phrases", and filters such as ``speaker:evan
role:analyst company:verisign year:2003 q:4 2003q4 section:qa
tag:guidance``. Human output groups hits by call in period order with the
matched words highlighted; ``--json`` prints the document of DESIGN.md.
A query that cannot be understood (an unknown filter) is a one-line error
and exit code 2. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from transcripts.corpus import Corpus
from transcripts.search import Hit, QueryError, SearchResult, parse_query, searcher_for
from transcripts.terminal_safe import one_line, printable, quote_name
from tui.commands.output import (
    add_follow_links,
    EXIT_USAGE,
    emit_json,
    error_json,
    exit_code,
    is_terminal,
    report_problems,
    say,
    warn,
)
from tui.commands.progress_bar import load_for_command, progress_bar

HIGHLIGHT_STYLE = "bold black on yellow"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        metavar="QUERY",
        help='words (typos forgiven), "quoted phrases" and filters: speaker:NAME role:ROLE '
        "company:NAME year:YYYY q:N (or 2003q4) section:qa|prepared tag:TAG",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument("--limit", type=_positive, default=20, metavar="N",
                        help="at most N hits (default 20)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


# -- output -----------------------------------------------------------------


def _grouped(result: SearchResult, corpus: Corpus) -> list[tuple[str, list[Hit]]]:
    """Hits by call, calls in corpus (period) order, hits in text order."""
    order = {c.id: i for i, c in enumerate(corpus.entries)}
    by_call: dict[str, list[Hit]] = defaultdict(list)
    for h in result.hits:
        by_call[h.call].append(h)
    return [(cid, sorted(hits, key=lambda h: h.start))
            for cid, hits in sorted(by_call.items(), key=lambda kv: order.get(kv[0], len(order)))]


def _marked(hit: Hit) -> str:
    """The sentence with matched words between ``*`` (plain output)."""
    out, at = [], 0
    for s, e in hit.local_spans():
        out += [hit.text[at:s], "*", hit.text[s:e], "*"]
        at = e
    out.append(hit.text[at:])
    return "".join(out)


def _print_human(result: SearchResult, corpus: Corpus) -> None:
    groups = _grouped(result, corpus)
    if is_terminal():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        for cid, hits in groups:
            first = hits[0]
            console.print(Text.assemble((one_line(f"{first.company or '?'} {first.period}"), "bold"),
                                        (one_line(f"  {cid}  {quote_name(first.path)}"), "dim")))
            for h in hits:
                line = Text(printable(h.text))
                for s, e in h.local_spans():
                    line.stylize(HIGHLIGHT_STYLE, s, e)
                head = Text.assemble(("  ", ""), (f"{h.score:>3} ", "cyan"),
                                     (one_line(h.speaker), "bold"),
                                     (f" (turn {h.turn + 1}, {_section(h)}): ", "dim"))
                console.print(head + line)
            console.print()
        console.print(Text(one_line(f"{result.message} in {result.elapsed_ms:.0f} ms"), "dim"))
        return
    for cid, hits in groups:
        first = hits[0]
        say(f"{first.company or '?'} {first.period}  {cid}  {quote_name(first.path)}")
        for h in hits:
            say(f"  {h.score:>3} {h.speaker} (turn {h.turn + 1}, {_section(h)}): {_marked(h)}")
        say()
    say(f"{result.message} in {result.elapsed_ms:.0f} ms")


def _section(hit: Hit) -> str:
    return "Q&A" if hit.section == "qa" else "prepared remarks"


def run(args: argparse.Namespace) -> int:
    try:
        query = parse_query(args.query)
    except QueryError as exc:
        warn(f"earmark search: {exc}")
        return EXIT_USAGE
    if query.is_empty:
        warn("earmark search: the query is empty (words, \"phrases\" or filters such as speaker:evan)")
        return EXIT_USAGE
    corpus = load_for_command(args.paths, follow_links=args.follow_links)  # a first run parses for minutes
    report_problems(corpus.errors)
    if not corpus.calls:
        warn("no calls found")
        if args.json:
            emit_json({"query": args.query, "elapsed_ms": 0, "hits": [], "suggestions": [],
                       "errors": [error_json(e) for e in corpus.errors]})
        return 1
    tag_problems: list = []
    tags = None
    if any(f.key == "tag" for f in query.filters):
        # Imported here: the annotation files' reader and anchoring were a
        # sixth of a warm search that names no tag.
        from annotations.tag_spans import tag_spans_for

        tags = tag_spans_for(corpus, tag_problems)
    report_problems(tag_problems)
    try:
        searcher = searcher_for(corpus)
        searcher.on_warning = lambda message: warn(f"earmark search: {message}")
        result = searcher.run(query, args.limit, tag_spans=tags, progress=progress_bar(label="indexing calls"))
    except QueryError as exc:
        warn(f"earmark search: {exc}")
        return EXIT_USAGE
    if args.json:
        doc = result.to_json()
        doc["errors"] = [error_json(e) for e in [*corpus.errors, *(t for t in tag_problems if t.severity == "error")]]
        emit_json(doc)
    elif result.hits:
        _print_human(result, corpus)
    else:
        say(result.message)
    return exit_code([*corpus.errors, *tag_problems])
