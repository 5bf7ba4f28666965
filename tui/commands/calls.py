"""``earmark calls PATH... [--json]``: the calls found in files and folders.

The quick inventory before reading: which company and quarter each file
holds (as inferred, or as corrected in its annotation file), how many turns
and speakers, how many annotations. Bad files are named on stderr and the
good ones still listed. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from typing import Any

from transcripts.corpus import Corpus
from transcripts.serialize import call_json
from tui.commands.progress_bar import load_for_command
from tui.commands.output import (
    add_follow_links,
    emit_json,
    error_json,
    exit_code,
    print_table,
    report_problems,
    warn,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def corpus_json(corpus: Corpus) -> dict[str, Any]:
    return {
        "calls": [call_json(c, corpus.annotation_count(c)) for c in corpus.entries],
        "errors": [error_json(e) for e in corpus.errors],
    }


def _print_human(corpus: Corpus) -> None:
    header = ["Call", "Company", "Period", "Turns", "Speakers", "Annotations", "Path"]
    rows = [
        [c.id, c.company or "?", c.period, c.turn_count, c.speaker_count, corpus.annotation_count(c), c.path]
        for c in corpus.entries
    ]
    print_table(header, rows, right=("Turns", "Speakers", "Annotations"))


def run(args: argparse.Namespace) -> int:
    corpus = load_for_command(args.paths, follow_links=args.follow_links)
    report_problems(corpus.problems)
    if args.json:
        emit_json(corpus_json(corpus))
    elif corpus.entries:
        _print_human(corpus)
    if not corpus.entries:
        warn("no calls found")
        return 1
    return exit_code(corpus.errors)
