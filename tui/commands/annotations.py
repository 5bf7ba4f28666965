"""``earmark annotations PATH... [--json]``: the annotations of calls and where
re-anchoring found each (``anchored``, ``moved``, ``fuzzy``, ``orphaned``).
``review`` says why a re-anchor waits for the user's confirmation (empty
when it does not). Annotation files whose transcript is missing are listed
too, every annotation ``orphaned``, with a warning on stderr.
``--filter`` keeps those that pass search's filter words
(``author:kim reviewed:no tag:guidance role:cfo company:acme``; see
``annotations.every_call``); ``author`` and ``reviewed`` are in the JSON.

Reading only: anchoring never writes a file. An annotation file that fails
validation is reported as ``path:line: message`` on stderr (exit 1) while
the other calls are still listed. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from annotations.anchored_memo import AnchoredMemo, kept_fields
from annotations.every_call import Listed, predicate
from annotations.export.filter_words import parse_words
from annotations.export.filters import FilterError
from annotations.model import Annotation
from annotations.stray import find_strays
from tui.commands.progress_bar import load_for_command
from tui.commands.output import add_follow_links, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, emit_json, print_table, problem_line, warn

if TYPE_CHECKING:
    from annotations.session import CallAnnotations


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcript files or folders")
    add_follow_links(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--filter", default="", metavar="WORDS",
                        help='filter words, as in search: "author:kim reviewed:no tag:guidance role:cfo"')


def annotation_json(call_id: str, session: CallAnnotations, a: Annotation) -> dict[str, Any]:
    return listed_json(call_id, session.path, a)


def listed_json(call_id: str, sidecar: Path, a: Annotation) -> dict[str, Any]:
    return kept_json(call_id, str(sidecar), kept_fields(a))  # one shape, anchored now or from the memo


def kept_json(call_id: str, sidecar: str, item: dict[str, Any]) -> dict[str, Any]:
    """``listed_json`` of an annotation as the memo kept it (its ``KEPT``
    attributes), without making the ``Annotation``."""
    reviewed = item["reviewed"]
    return {
        "call": call_id, "id": item["id"], "tags": list(item["tags"]), "start": item["start"], "end": item["end"],
        "quote": item["quote"], "note": item["note"], "speaker": item["speaker"], "status": item["status"],
        "review": item["review"], "fields": item["fields"], "path": sidecar, "line": item["line"],
        "author": item["author"] or None, "reviewed": dict(reviewed) if reviewed is not None else None,
    }


HEADER = ["Call", "Id", "Status", "Tags", "Speaker", "Author", "Reviewed", "Quote", "Note"]


def table_row(call_id: str, d: dict[str, Any]) -> list[str]:
    """A line of the table, from a listed annotation (``listed_json``) or
    straight from a memo's row (the table of 30,000 annotations is made
    without a JSON row for each first)."""
    return [call_id, d["id"], d["status"], ", ".join(d["tags"]), d["speaker"] or "", d["author"] or "",
            _reviewed_text(d["reviewed"]), _short(d["quote"]), _short(d["note"], 40)]


def _short(text: str, width: int = 60) -> str:
    if len(text) <= width and "  " not in text and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return text  # one line, single spaces: as it is (most notes and quotes of a listing)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _reviewed_text(reviewed: dict[str, Any] | None) -> str:
    if reviewed is None:
        return ""
    by = reviewed.get("by")
    return by if isinstance(by, str) and by else "yes"


def run(args: argparse.Namespace) -> int:
    try:
        query = parse_words(args.filter) if args.filter.strip() else None
        keep = predicate(query) if query is not None else None
    except FilterError as exc:
        warn(f"earmark annotations: --filter: {exc}")
        return EXIT_USAGE
    corpus = load_for_command(args.paths, follow_links=args.follow_links)  # an annotation file stands for its transcript
    failed = bool(corpus.errors)
    for p in corpus.errors:
        warn(problem_line(p))
    rows: list[dict[str, Any]] = []  # --json
    table: list[list[str]] = []  # else: lines in the same order, a memo's rows made into lines directly

    def add(listed: Iterable[dict[str, Any]]) -> None:
        if args.json:
            rows.extend(listed)
        else:
            table.extend(table_row(r["call"], r) for r in listed)

    memo = AnchoredMemo()
    needs_turns = query is not None and any(f.key == "section" for f in query.filters)  # the whole call's turns
    for entry in corpus.entries:
        if entry.path not in corpus.sidecars:
            continue  # no annotation file: nothing to read, no text to open
        side = corpus.sidecars[entry.path].path  # found by the load: no stats asked again
        stamp = memo.stamp(side, entry.sha256)
        if keep is None:
            kept = memo.get_kept(side, stamp)
            if kept is not None:
                try:
                    if args.json:
                        text = str(side)
                        rows.extend([kept_json(entry.id, text, item) for item in kept])
                    else:
                        table.extend([table_row(entry.id, item) for item in kept])
                    continue
                except (KeyError, TypeError, AttributeError):
                    pass  # a row that is not what a listing keeps: anchored again, and replaced
        placed = None if needs_turns else memo.get(side, stamp)
        if placed is not None:
            add(listed_json(entry.id, side, a) for a in placed if keep(Listed(entry, a, side)))
            continue
        from annotations.session import CallAnnotations  # placed from the memo, a warm listing needs none

        session = CallAnnotations(corpus.full(entry))
        if session.broken:
            failed = True
            for p in session.problems:
                warn(problem_line(p))
            continue
        memo.put(side, stamp, session.annotations)
        add(annotation_json(entry.id, session, a) for a in session.annotations
            if keep is None or keep(Listed(session.call, a, session.path)))
    memo.save()
    for stray in find_strays(corpus):  # transcript renamed, moved or deleted
        failed = True
        warn(problem_line(stray.problems()[0]))
        add(annotation_json(stray.call.id, stray.session, a) for a in stray.annotations
            if keep is None or keep(Listed(stray.call, a, stray.session.path)))
    if args.json:
        emit_json({"annotations": rows})
    else:
        print_table(HEADER, table)
    return EXIT_PROBLEMS if failed else EXIT_OK
