"""``earmark suggest FILE... [--limit N] [--tag metric|guidance] [--accept] [--json]``:
the sentences Earmark proposes as metrics and guidance, best first.

Each suggestion carries its fields (metric, value or low/high, unit, period,
direction), a score and a reason a reviewer can read. Sentences already
annotated, or dismissed in the app, are not proposed again. ``--accept`` writes the top N of each call
as annotations with those fields, through the same atomic, merging save as
the app and ``earmark tag``. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui.author_setting import apply_author_setting
from annotations.session import AnnotationError, CallAnnotations
from annotations.suggest import DEFAULT_LIMIT, Suggestion, open_suggestions, suggest_call
from transcripts import load_corpus
from tui.commands.output import add_follow_links, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, emit_json, print_table, problem_line, say, warn


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"suggestions per call (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--tag", choices=("metric", "guidance"), help="only suggestions of this tag")
    parser.add_argument("--accept", action="store_true", help="write the top N of each call as annotations")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _fields_text(fields: dict[str, Any]) -> str:
    figure = fields.get("value")
    if figure is None and ("low" in fields or "high" in fields):
        figure = f"{fields.get('low', '')}–{fields.get('high', '')}"
    parts = [str(fields.get("metric", "")), f"{figure if figure is not None else ''} {fields.get('unit', '')}".strip(),
             str(fields.get("period", "")), str(fields.get("direction", ""))]
    return " · ".join(p for p in parts if p)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _accept(session: CallAnnotations, chosen: list[Suggestion]) -> tuple[list[str], str | None]:
    ids: list[str] = []
    for s in chosen:
        try:
            ids.append(session.add(s.start, s.end, s.tags, fields=s.fields).id)
        except AnnotationError as exc:
            return ids, f"{session.path}: {exc}"
    result = session.save()
    if not result.ok:
        return [], result.message
    return ids, result.message if result.state == "merged" else None


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        warn("earmark suggest: --limit must be 1 or more")
        return EXIT_USAGE
    corpus = load_corpus(args.paths, follow_links=args.follow_links)
    failed = bool(corpus.errors)
    for p in corpus.errors:
        warn(problem_line(p))
    found: list[Suggestion] = []
    accepted = 0
    if args.accept:
        apply_author_setting()
    for call in corpus.calls:
        session = CallAnnotations(call)
        if session.read_only:
            for p in session.problems:
                warn(problem_line(p))
            failed = True
            if args.accept:
                warn(f"{session.path}: not changed (fix the file first)")
                continue
        if session.read_only:
            chosen = suggest_call(call, limit=args.limit, tag=args.tag)
        else:
            chosen = open_suggestions(call, session, limit=args.limit, tag=args.tag)
        found.extend(chosen)
        if args.accept and chosen and not session.read_only:
            ids, message = _accept(session, chosen)
            if message:
                warn(message)
            if not ids:
                failed = True
            accepted += len(ids)
    if args.json:
        emit_json({"suggestions": [s.to_json() for s in found]})
    else:
        print_table(["Call", "Score", "Tag", "Speaker", "Turn", "Fields", "Sentence"], [
            [s.call, str(s.score), s.tag, s.speaker or "", str(s.turn + 1), _fields_text(s.fields), _short(s.text)]
            for s in found
        ])
        if args.accept:
            say(f"{accepted} suggestion{'s' if accepted != 1 else ''} accepted as annotations")
    return EXIT_PROBLEMS if failed else EXIT_OK
