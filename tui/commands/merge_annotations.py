"""``earmark merge-annotations BASE OURS THEIRS [--name PATH]``: a git merge
driver for annotation files.

Install it in a repository (the README shows the two lines)::

    # .gitattributes
    *.annotations.yaml merge=earmark
    # once per clone
    git config merge.earmark.driver "earmark merge-annotations %O %A %B --name %P"

It merges by annotation id and writes the result over OURS, as git expects.
It never writes conflict markers and never drops an annotation: when both
branches changed one annotation, both versions are kept and marked
(``conflict:``), the exit code is 1 so git reports the file as conflicted,
and ``earmark check`` and the app show what to resolve. A version that is not
a valid annotation file leaves OURS untouched (exit 2: git reports a
conflict, and the file is as our branch had it). Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from annotations.merge_driver import merge_three
from annotations.store import write_atomic
from tui.commands.output import EXIT_OK, EXIT_PROBLEMS, problem_line, warn

EXIT_UNREADABLE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    parser.add_argument("ours", metavar="OURS", help="our version, replaced by the result (git's %%A)")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (git's %%B)")
    parser.add_argument("--name", metavar="PATH", help="the file's path in the repository (git's %%P), for messages")


def run(args: argparse.Namespace) -> int:
    ours = Path(args.ours)
    result = merge_three(Path(args.base), ours, Path(args.theirs), name=args.name)
    if result.problems:
        for p in result.problems:
            warn(problem_line(p))
        warn(f"{args.name or ours}: not merged by earmark (fix the file, then merge again)")
        return EXIT_UNREADABLE
    write_atomic(ours, result.text.encode("utf-8"))
    if result.conflicts:
        n = len(result.conflicts)
        warn(f"{args.name or ours}: {n} annotation{'s' if n != 1 else ''} changed on both branches, "
             "both versions kept and marked 'conflict:'; resolve in the app or see earmark check")
        return EXIT_PROBLEMS
    return EXIT_OK
