"""``earmark tag FILE --find TEXT --tag TAG [--note NOTE]``: annotate the first
occurrence of a text, for scripts and bulk work; prints the new id.

Same rules as the app: the annotation file is written atomically, edits made
to it meanwhile are merged, and an invalid file is never written (exit 1,
file untouched). Headless: no Textual import.
"""

from __future__ import annotations

import argparse

from annotations.session import AnnotationError, CallAnnotations
from transcripts.corpus import parse_file
from transcripts.reading import TranscriptError
from transcripts.text_find import find_text
from tui.commands.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, problem_line, say, warn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the transcript")
    parser.add_argument("--find", required=True, metavar="TEXT", help="text to annotate (first occurrence; case and spacing between words do not matter)")
    parser.add_argument(
        "--tag", required=True, action="append", metavar="TAG",
        help="tag to give it (repeat for several)",
    )
    parser.add_argument("--note", default="", metavar="NOTE", help="a note to attach")


def run(args: argparse.Namespace) -> int:
    try:
        call = parse_file(args.file)
    except TranscriptError as exc:
        warn(problem_line(exc.problem))
        return EXIT_PROBLEMS
    session = CallAnnotations(call)
    if session.read_only:
        for p in session.problems:
            warn(problem_line(p))
        warn(f"{session.path}: not changed (fix the file first)")
        return EXIT_PROBLEMS
    for option, given in (("--find", args.find), ("--note", args.note), *(("--tag", t) for t in args.tag)):
        try:
            given.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes in argv arrive as lone surrogates
            shown = given.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            warn(f"{args.file}: {option} '{shown}' is not valid UTF-8 text")
            return EXIT_USAGE
    if not any(t.strip() for t in args.tag):
        warn(f"{args.file}: --tag needs a name (got only white space)")
        return EXIT_USAGE
    span = find_text(call.text, args.find)
    if span is None:
        turns = len(call.turns)
        warn(f"{args.file}: text not found: {args.find!r} (searched the whole call, "
             f"{len(call.text):,} characters in {turns} turn{'s' if turns != 1 else ''}, "
             "ignoring case and spacing between words)")
        return EXIT_PROBLEMS
    try:
        a = session.add(span[0], span[1], args.tag, note=args.note)
    except AnnotationError as exc:
        warn(f"{args.file}: {exc}")
        return EXIT_PROBLEMS
    result = session.save()
    if not result.ok:
        warn(result.message)
        return EXIT_PROBLEMS
    if result.state == "merged":
        warn(result.message)
    say(a.id)
    return EXIT_OK
