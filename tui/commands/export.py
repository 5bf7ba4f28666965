"""``earmark export PATH... [--format md|csv|json] [-o FILE]``: the highlight
summary of annotated calls.

Output goes to stdout unless ``-o`` names a file; the format defaults to the
file's suffix, else Markdown. A file is replaced atomically (through a
symlink, in its target's folder); a named pipe or terminal is written into;
anything else that is not a regular file is refused. Annotation files are
only read. CSV written to a file carries a UTF-8 byte-order mark so Excel
reads it as UTF-8; CSV on stdout does not.

Orphaned annotations (their text is gone from the transcript) are exported
in their own section / with ``status`` ``orphaned``, and each is reported on
stderr; they do not make the command fail. Exit codes: 0 success (orphans
included), 1 a transcript or annotation file could not be read or the output
could not be written (whatever could be read is still exported), 2 bad usage
(unknown filter word, bad quarter, an output path that is a folder or an
input file). Headless: no Textual import.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from annotations.export import (
    FORMATS, FilterError, OutputError, build_filter, export_records,
    format_for_path, load_sources, write_export,
)
from annotations.export.filters import ExportFilter
from annotations.export.sources import ExportSources
from transcripts.corpus import gc_paused
from transcripts.discovery import EXPORT_STEM, is_transcript_name
from transcripts.file_parse import hash_file
from transcripts.sidecar import is_sidecar
from transcripts.terminal_safe import one_line, printable, quote_name, text_of_name
from tui.commands.progress_bar import progress_bar
from tui.commands.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_follow_links, is_terminal, warn

MAX_ORPHAN_LINES = 20
"""Orphans named one per line on stderr; past this, one line counts the rest
(they are all in the export itself)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default=None,
        help="md (default), csv or json; defaults to the suffix of -o",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (replaced atomically; a pipe or terminal is written into) instead of stdout; beside transcripts, "
        "name a Markdown file *.highlights.md so it is not read as a transcript")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="only highlights with this tag (repeatable: any of them)")
    parser.add_argument("--speaker", action="append", default=[], metavar="NAME", help="only highlights by a speaker whose name contains NAME (any spelling; repeatable)")
    parser.add_argument("--since", metavar="QUARTER", help="only calls from this quarter on (2003q1, Q1 2003, 2003)")
    parser.add_argument("--until", metavar="QUARTER", help="only calls up to this quarter (2003q4, 2003)")
    parser.add_argument(
        "--filter", action="append", default=[], metavar="WORDS",
        help='filter words as in search, e.g. "role:analyst section:qa company:verisign 2003q4 tag:guidance"; '
        'plain words and "phrases" must appear in the quote or the note',
    )


def _err(message: str) -> None:
    warn(f"earmark export: {message}")


def _check_output(out: Path, inputs: list[str]) -> str | None:
    """Refuse a destination that is, or links to, what the export reads."""
    if out.is_dir():
        return f"{out}: is a folder (give a file name)"
    real = os.path.realpath(out)
    if is_sidecar(out) or is_sidecar(real):
        return f"{out}: is an annotation file; an export never writes one"
    targets = {os.path.abspath(out), real}
    for p in inputs:
        if os.path.abspath(p) in targets or os.path.realpath(p) in targets:
            return f"{out}: is one of the transcripts being exported"
    return None


def _inside_inputs(out: Path, inputs: list[str]) -> bool:
    target = os.path.abspath(out)
    for p in inputs:
        if os.path.isdir(p) and os.path.commonpath([os.path.abspath(p), target]) == os.path.abspath(p):
            return True
    return False


def run(args: argparse.Namespace) -> int:
    fmt = args.format or (format_for_path(args.output) if args.output else None) or "md"
    try:
        flt = build_filter(
            tags=args.tag, speakers=args.speaker, since=args.since, until=args.until,
            words=" ".join(args.filter) if args.filter else None,
        )
    except FilterError as exc:
        _err(str(exc))
        return EXIT_USAGE
    out = Path(args.output) if args.output else None
    if out is not None:
        problem = _check_output(out, list(args.paths))
        if problem:
            _err(problem)
            return EXIT_USAGE

    # One shot: everything loaded lives until the command exits, so the
    # cyclic collector would only rescan a million live objects over and
    # over (0.4 s of an export of 1,000 calls). Reference counting still
    # frees what is dropped.
    with gc_paused():
        sources = load_sources(args.paths, follow_links=args.follow_links, progress=progress_bar(),
                               keep=flt.calls)
        status = _report_and_export(args, sources, fmt, flt, out)
    return status


def _is_an_input(out: Path, calls: list) -> bool:
    """``out`` is one of the transcripts (however either is spelled or
    linked): a file that does not exist yet is none of them, and one that
    does is compared by identity. Only the calls whose bytes, as loaded,
    are the file's bytes are asked (a ``stat`` of each of 30,000 calls was
    a tenth of a second of an export written again over its last output);
    all of them when the file cannot be hashed."""
    try:
        target = os.stat(out)
    except OSError:
        return False
    bytes_sha = hash_file(out, target)
    for c in calls:
        sha = getattr(c, "sha256", None)
        if bytes_sha is not None and sha and sha != bytes_sha:
            continue  # other bytes: another file (a hard link or a link shares its bytes)
        try:
            if os.path.samestat(os.stat(c.path), target):
                return True
        except OSError:
            continue
    return False


def _report_and_export(
    args: argparse.Namespace, sources: ExportSources, fmt: str, flt: ExportFilter | None, out: Path | None
) -> int:
    status = EXIT_OK
    for p in sources.problems:
        warn(str(p))
        if p.severity == "error":
            status = EXIT_PROBLEMS
    if not sources.calls:
        _err("no transcripts found")
        return EXIT_PROBLEMS
    if out is not None and _is_an_input(out, sources.calls):
        _err(f"{out}: is one of the transcripts being exported")
        return EXIT_USAGE

    result = export_records(sources, fmt, flt)
    for rec in result.orphaned[:MAX_ORPHAN_LINES]:
        where = quote_name(rec.call.annotations_path or rec.call.path)
        if rec.annotation_line is not None:
            where += f":{rec.annotation_line}"
        quote = " ".join(rec.quote.split())
        if len(quote) > 60:
            quote = quote[:59] + "…"
        warn(f"{where}: orphaned annotation {rec.id} (\"{one_line(quote)}\"): its text is no longer in "
             f"{quote_name(rec.call.path)}; exported with status orphaned")
    if len(result.orphaned) > MAX_ORPHAN_LINES:
        more = len(result.orphaned) - MAX_ORPHAN_LINES
        warn(f"earmark export: {more} more orphaned annotation{'s' if more != 1 else ''} "
             f"({len(result.orphaned)} in all), exported with status orphaned")

    if out is None:
        # To a pipe or a file the document is what ``-o`` writes (but for
        # CSV's byte-order mark); shown on a terminal, its control
        # characters are made visible instead.
        text = printable(result.text) if is_terminal() else result.text
        data = text_of_name(text).encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_export(out, result.text, fmt)
        except OutputError as exc:
            _err(str(exc))
            return EXIT_PROBLEMS
        if is_transcript_name(out.name) and _inside_inputs(out, list(args.paths)):
            _err(f"note: {out} is inside a transcript folder and would be read as a transcript "
                 f"next time; name it *{EXPORT_STEM}{out.suffix.lower()} to keep it out")
        n = len(result.records)
        calls = len({r.call.id for r in result.records})
        warn(f"exported {n} highlight{'s' if n != 1 else ''} from {calls} call{'s' if calls != 1 else ''}"
             f" to {quote_name(out)} ({fmt})")
    return status


__all__ = ["add_arguments", "run"]
