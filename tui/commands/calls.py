"""``earmark calls PATH... [--json]``: the calls found in files and folders.

The quick inventory before reading: which company and quarter each file
holds (as inferred, or as corrected in its annotation file), how many turns
and speakers, how many annotations. Bad files are named on stderr and the
good ones still listed. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from typing import Any

from transcripts import load_corpus
from transcripts.corpus import Corpus
from transcripts.model import Call
from tui.commands.output import (
    emit_json,
    error_json,
    exit_code,
    print_table,
    problem_json,
    report_problems,
    warn,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def speaker_json(call: Call) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "title": s.title, "role": s.role, "firm": s.firm, "turns": s.turns}
        for s in call.speakers
    ]


def call_json(call: Call, corpus: Corpus) -> dict[str, Any]:
    """The fields of a call shared by ``calls --json`` and ``show --json``."""
    return {
        "id": call.id,
        "path": call.path,
        "company": call.company,
        "fiscal_year": call.fiscal_year,
        "quarter": call.quarter,
        "title": call.title,
        "turns": len(call.turns),
        "speakers": speaker_json(call),
        "annotations": corpus.annotation_count(call),
        "period": call.period,
        "date": call.date,
        "sentences": call.sentence_count,
        "exchanges": len(call.exchanges),
        "qa_start": call.qa_start,
        "sha256": call.sha256,
        "encoding": call.encoding,
        "warnings": [problem_json(w) for w in call.warnings],
    }


def corpus_json(corpus: Corpus) -> dict[str, Any]:
    return {
        "calls": [call_json(c, corpus) for c in corpus.calls],
        "errors": [error_json(e) for e in corpus.errors],
    }


def _print_human(corpus: Corpus) -> None:
    header = ["Call", "Company", "Period", "Turns", "Speakers", "Annotations", "Path"]
    rows = [
        [c.id, c.company or "?", c.period, len(c.turns), len(c.speakers), corpus.annotation_count(c), c.path]
        for c in corpus.calls
    ]
    print_table(header, rows, right=("Turns", "Speakers", "Annotations"))


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.paths)
    report_problems(corpus.problems)
    if args.json:
        emit_json(corpus_json(corpus))
    elif corpus.calls:
        _print_human(corpus)
    if not corpus.calls:
        warn("no calls found")
        return 1
    return exit_code(corpus.errors)
