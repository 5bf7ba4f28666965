"""``earmark speakers PATH... [--json]``: the people speaking across calls.

One row per person, however the transcripts spelled them (see
``transcripts.identity``), so an analyst can see at a glance who asked
questions in which quarters. Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from typing import Any, Sequence

from transcripts.identity import Person, identify_people
from tui.commands.progress_bar import load_for_command
from tui.commands.output import (
    add_follow_links,
    EXIT_PROBLEMS,
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


def person_json(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "aliases": list(p.aliases),
        "role": p.role,
        "firm": p.firm,
        "calls": [
            {"call": a.call, "turns": a.turns, "speaker": a.speaker, "name": a.name,
             "title": a.title, "role": a.role, "firm": a.firm}
            for a in p.appearances
        ],
        "titles": list(p.titles),
        "company": p.company,
        "companies": list(p.companies),
        "firms": list(p.firms),
        "turns": p.turns,
    }


def _rows(people: Sequence[Person], with_company: bool) -> tuple[list[str], list[list[Any]]]:
    header = ["Person", "Role", "Firm", "Aliases", "Calls", "Turns"]
    if with_company:
        header.insert(1, "Company")
    rows = []
    for p in people:
        row: list[Any] = [p.name, p.role, p.firm or "", ", ".join(p.aliases), len(p.appearances), p.turns]
        if with_company:
            row.insert(1, p.company or ", ".join(p.companies))
        rows.append(row)
    return header, rows


def run(args: argparse.Namespace) -> int:
    corpus = load_for_command(args.paths, follow_links=args.follow_links)
    people = identify_people(corpus.entries)
    report_problems(corpus.problems)
    if args.json:
        emit_json({
            "speakers": [person_json(p) for p in people],
            "errors": [error_json(e) for e in corpus.errors],
        })
    elif people:
        companies = {c for p in people for c in p.companies}
        header, rows = _rows(people, with_company=len(companies) > 1)
        print_table(header, rows, right=("Calls", "Turns"))
    if not corpus.entries:
        warn("no calls found")
        return EXIT_PROBLEMS
    if not people and not args.json:
        warn("no speakers found")
    return exit_code(corpus.errors)
