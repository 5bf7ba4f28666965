"""``earmark check PATH... [--strict] [--json]``: validate transcripts and
their annotation files.

For CI and pre-commit hooks: one ``path:line: message`` line per problem
(warnings marked ``warning:``), a summary on stderr, and exit code 1 when
any file has an error (with ``--strict``, a warning too). Headless: no
Textual import.
"""

from __future__ import annotations

import argparse
from typing import Callable

from transcripts import load_corpus
from transcripts.corpus import Corpus
from transcripts.model import Problem
from tui.commands.output import add_follow_links, emit_json, exit_code, problem_json, problem_line, say, warn

Check = Callable[[Corpus], list[Problem]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--fix", action="store_true",
        help="re-link annotation files whose transcript was renamed or moved to the one call "
             "that matches them (same sha256, or their quotes in context)",
    )


def transcript_problems(corpus: Corpus) -> list[Problem]:
    """Files that could not be read, and what looked wrong in those that
    could (encoding, no speaker lines, a bad ``call:`` block)."""
    return corpus.problems


def reading_checks(corpus: Corpus) -> list[Problem]:
    """Signs that a transcript was read wrongly (issue 10): one turn for
    the whole file, a speaker who says nothing, a title line as speech."""
    from transcripts.read_quality import reading_problems

    return [p for call in corpus.calls for p in reading_problems(call)]


# -- annotation files (issue 4; owned by the annotations package) ---------
def annotation_problems(corpus: Corpus) -> list[Problem]:
    """Schema, safety and size of each annotation file, and quotes that can
    no longer be found in their transcript (``annotations.check``)."""
    from annotations.check import annotation_problems as check_annotations

    return check_annotations(corpus)
# -- end of annotation files ---------------------------------------------


CHECKS: list[Check] = [
    transcript_problems,
    reading_checks,
    annotation_problems,
]


def collect(corpus: Corpus) -> list[Problem]:
    """Every check's problems in file and line order. When two checks flag
    the same line (a broken annotation file is seen both by the corpus,
    which reads its ``call:`` block, and by the annotation check), only the
    more severe check's reports of it are kept; one check's several
    problems on one line (a flow mapping breaking three rules) all stay."""
    best: dict[tuple, list[Problem]] = {}
    for check in CHECKS:
        found: dict[tuple, list[Problem]] = {}
        for p in check(corpus):
            key = (p.path, p.line) if p.line is not None else (p.path, None, p.message)
            found.setdefault(key, []).append(p)
        for key, mine in found.items():
            kept = best.get(key)
            if kept is None or (_worst(kept) == "warning" and _worst(mine) == "error"):
                best[key] = mine
    return sorted((p for kept in best.values() for p in kept), key=lambda p: (p.path, p.line or 0))


def _worst(problems: list[Problem]) -> str:
    return "error" if any(p.severity == "error" for p in problems) else "warning"


def _summary(corpus: Corpus, problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(corpus.entries) + len(corpus.errors)
    return f"checked {files} transcript file(s): {errors} error(s), {warnings} warning(s)"


def period_lines(corpus: Corpus) -> list[str]:
    """How sure each call's period is, for the calls whose year was read from
    the rest of the call rather than stated (a low-confidence guess is also a
    warning, so it is not repeated here)."""
    return [
        f"{c.path}: period {c.period}: year inferred from the call "
        f"(\"{c.period_evidence}\"), {c.period_confidence} confidence"
        for c in corpus.entries
        if c.period_source == "inferred" and c.period_confidence != "low"
    ]


def periods_json(corpus: Corpus) -> list[dict]:
    return [
        {"path": c.path, "period": c.period, "source": c.period_source or None,
         "confidence": c.period_confidence or None, "evidence": c.period_evidence or None}
        for c in corpus.entries
    ]


def fix_strays(corpus: Corpus) -> tuple[list[str], list[Problem]]:
    """``--fix``: re-link each stray annotation file that has exactly one
    likely transcript. Returns what was done and what could not be."""
    from annotations.stray import RelinkError, find_strays, relink

    done: list[str] = []
    failed: list[Problem] = []
    for stray in find_strays(corpus):
        if stray.best is None:
            continue
        try:
            done.append(f"{stray.path}: re-linked to {stray.best.call.path} ({stray.best.reason}): "
                        + relink(stray, stray.best.call))
        except RelinkError as exc:
            failed.append(Problem(str(stray.path), str(exc)))
    return done, failed


def run(args: argparse.Namespace) -> int:
    from transcripts.read_quality import how_read, how_read_json

    corpus = load_corpus(args.paths, follow_links=args.follow_links)
    failed: list[Problem] = []
    if args.fix:
        fixed, failed = fix_strays(corpus)
        for line in fixed:
            warn(line)
        if fixed:
            corpus = load_corpus(args.paths, follow_links=args.follow_links)
    problems = sorted([*collect(corpus), *failed], key=lambda p: (p.path, p.line or 0))
    if args.json:
        emit_json({
            "problems": [problem_json(p) for p in problems],
            "periods": periods_json(corpus),
            "read": [how_read_json(c) for c in sorted(corpus.entries, key=lambda c: c.path)],
            "calls": len(corpus.entries),
            "error_count": sum(p.severity == "error" for p in problems),
            "warning_count": sum(p.severity == "warning" for p in problems),
        })
    else:
        for call in sorted(corpus.entries, key=lambda c: c.path):
            warn(f"{call.path}: {how_read(call)}")
        for p in problems:
            say(problem_line(p))
        for line in period_lines(corpus):
            warn(line)
    warn(_summary(corpus, problems))
    return exit_code(problems, strict=args.strict)
