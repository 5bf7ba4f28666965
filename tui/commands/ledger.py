"""``earmark ledger PATH... [--company X] [--format md|csv|json]``: the
guidance given, matched to what was later reported and to earlier guidance.

Read only: nothing is written. Figures come from annotations with fields and,
for calls no one has annotated, from suggestions (marked so). Metric names
are unified across calls; ``metrics.yaml`` in the config folder corrects the
mapping. Headless: no Textual import.
"""

from __future__ import annotations

import argparse

from annotations.ledger import build_ledger, gather, load_metric_names
from annotations.ledger.render import FORMATS, render
from transcripts import load_corpus
from tui.commands.output import EXIT_OK, EXIT_PROBLEMS, problem_line, say, warn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    parser.add_argument("--company", action="append", default=[], metavar="X",
                        help="only companies whose name contains X (repeatable)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md", help="md (default), csv or json")


def run(args: argparse.Namespace) -> int:
    names, name_problems = load_metric_names()
    corpus = load_corpus(args.paths)
    wanted = [c.casefold() for c in args.company]
    calls = [c for c in corpus.calls if not wanted or any(w in (c.company or "").casefold() for w in wanted)]
    entries, problems = gather(calls, names)
    for p in [*name_problems, *corpus.errors, *problems]:
        warn(problem_line(p))
    say(render(build_ledger(entries), args.format).rstrip("\n"))
    return EXIT_PROBLEMS if corpus.errors or problems else EXIT_OK
