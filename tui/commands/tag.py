"""``earmark tag FILE --find TEXT --tag TAG [--note NOTE]``: annotate the first
occurrence of a text, for scripts and bulk work; prints the new id.

Same rules as the app: the annotation file is written atomically, edits made
to it meanwhile are merged, and an invalid file is never written (exit 1,
file untouched). Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.author_setting import apply_author_setting
from annotations.session import AnnotationError, CallAnnotations
from transcripts.corpus import parse_file
from transcripts.discovery import named_transcript
from transcripts.reading import TranscriptError
from transcripts.text_find import find_text
from tui.commands.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, problem_line, say, warn


LOCK_TIMEOUT = 60.0
"""A script's writers queue on the file's lock; a minute is far beyond any
save (milliseconds), and past it the merge still keeps every edit."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the transcript")
    parser.add_argument("--find", required=True, metavar="TEXT", help="text to annotate (first occurrence; case and spacing between words do not matter)")
    parser.add_argument(
        "--tag", required=True, action="append", metavar="TAG",
        help="tag to give it (repeat for several)",
    )
    parser.add_argument("--note", default="", metavar="NOTE", help="a note to attach")


def run(args: argparse.Namespace) -> int:
    named, problem = named_transcript(Path(args.file))  # X.annotations.yaml means X's transcript
    if named is None:
        warn(problem_line(problem))
        return EXIT_PROBLEMS
    try:
        call = parse_file(named)
    except TranscriptError as exc:
        warn(problem_line(exc.problem))
        return EXIT_PROBLEMS
    apply_author_setting()
    session = CallAnnotations(call)
    if session.read_only:
        for p in session.problems:
            warn(problem_line(p))
        if not session.problems:  # a valid file that is read-only on disk
            warn(session.read_only_reason)
        warn(f"{session.path}: not changed (fix the file first)" if session.problems
             else f"{session.path}: not changed (make it writable first)")
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
    result = session.save(lock_timeout=LOCK_TIMEOUT)
    if not result.ok:
        warn(result.message)
        return EXIT_PROBLEMS
    if result.state == "merged":
        warn(result.message)
    for note in result.warnings:
        warn(f"warning: {note}")
    say(a.id)
    return EXIT_OK
