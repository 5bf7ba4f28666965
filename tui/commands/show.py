"""``earmark show FILE [--json]``: one call, parsed.

What Earmark made of a transcript (who spoke, in which section, where each
turn starts and ends) so a user can check the parse, and a script can get
exact offsets: every turn's ``text`` is ``call_text[start:end]``.
Headless: no Textual import.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from transcripts import load_corpus
from transcripts.corpus import Corpus
from transcripts.model import SECTION_LABELS, Call, Turn
from transcripts.serialize import call_json, speaker_detail_json
from transcripts.terminal_safe import printable, quote_name
from tui.commands import output
from tui.commands.output import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    emit_json,
    exit_code,
    print_table,
    report_problems,
    rich_console,
    say,
    warn,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="one transcript file")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def turn_json(call: Call, turn: Turn) -> dict[str, Any]:
    s = turn.speaker
    return {
        "index": turn.index,
        "speaker": s.name,
        "title": s.title,
        "role": s.role,
        "firm": s.firm,
        "inferred": s.inferred,
        "section": turn.section,
        "start": turn.start,
        "end": turn.end,
        "text": call.text[turn.start : turn.end],
        "line": call.line_of(turn.line_start),
        "paragraphs": [list(p) for p in turn.paragraphs],
        "sentences": [turn.first_sentence, turn.end_sentence],
    }


def show_json(call: Call, corpus: Corpus) -> dict[str, Any]:
    doc = call_json(call, corpus.annotation_count(call))
    doc["speakers"] = [speaker_detail_json(s) for s in call.speakers]
    doc["turn_count"] = doc["turns"]
    doc["turns"] = [turn_json(call, t) for t in call.turns]
    doc["notices"] = list(call.notices)
    doc["exchanges"] = [
        {"analyst": ex.analyst.name, "firm": ex.analyst.firm, "first_turn": ex.first_turn, "end_turn": ex.end_turn}
        for ex in call.exchanges
    ]
    doc["sentence_spans"] = [[a, b] for a, b in zip(call.sentence_starts, call.sentence_ends)]
    return doc


def _print_header(call: Call, corpus: Corpus) -> None:
    say(call.title)
    say(f"id: {call.id}    period: {call.period}    company: {call.company or '?'}    format: {call.format}")
    say(f"path: {quote_name(call.path)}")
    if call.date:
        say(f"date: {call.date}")
    for notice in call.notices:
        say(f"notice: {notice}")
    # people count turns from 1 (as the app, search and exports do); the
    # JSON's "index" counts from 0 (the contract)
    qa = f"Q&A starts at turn {call.qa_start + 1}" if call.qa_start is not None else "no Q&A found"
    counts = ", ".join(_count(n, what) for n, what in (
        (len(call.turns), "turn"), (call.sentence_count, "sentence"), (len(call.exchanges), "Q&A exchange"),
    ))
    say(f"{counts}, {qa}, {_count(corpus.annotation_count(call), 'annotation')}")
    say()


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def _print_speakers(call: Call) -> None:
    rows = [[s.name, s.title or "", s.role, s.firm or "", s.turns] for s in call.speakers]
    print_table(["Speaker", "Title", "Role", "Firm", "Turns"], rows, right=("Turns",), title="Speakers")
    say()


def _turn_heading(turn: Turn) -> str:
    s = turn.speaker
    detail = ", ".join(x for x in (s.title, s.firm) if x)
    return f"[{turn.index + 1}] {s.name}" + (f" ({detail})" if detail else "") + f" - {s.role}"


def _print_turns(call: Call) -> None:
    section = None
    console = rich_console() if output.is_terminal() else None
    for turn in call.turns:
        if turn.section != section:
            section = turn.section
            label = SECTION_LABELS.get(section, section)
            if console:
                console.rule(label)
            else:
                say(f"== {label} ==")
        text = call.text[turn.start : turn.end]
        if console:
            from rich.text import Text

            console.print(Text(printable(_turn_heading(turn)), style="bold"))
            console.print(Text(printable(text)), soft_wrap=False)
            console.print()
        else:
            say(_turn_heading(turn))
            for line in text.split("\n"):
                say(f"    {line}")
            say()


def run(args: argparse.Namespace) -> int:
    if not args.file.strip():
        warn('"": empty path; `earmark show` takes one transcript file')
        return EXIT_USAGE
    path = Path(args.file)
    if path.is_dir():
        warn(f"{path}: is a folder; `earmark show` takes one transcript file (try `earmark calls {path}`)")
        return EXIT_USAGE
    corpus = load_corpus([path])
    report_problems(corpus.problems)
    if not corpus.calls:
        return EXIT_PROBLEMS
    call = corpus.calls[0]
    if args.json:
        emit_json(show_json(call, corpus))
    else:
        _print_header(call, corpus)
        _print_speakers(call)
        _print_turns(call)
    return exit_code(corpus.errors)
