"""The ``earmark`` command line.

``earmark [PATH ...]`` opens the app; ``earmark COMMAND ...`` runs one of the
headless commands. Each command lives in ``tui.commands.<name>`` with an
``add_arguments(parser)`` and a ``run(args) -> int``, and is imported only
when used, so the headless commands never import Textual and start fast.

Exit codes: 0 success, 1 an input had problems, 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

COMMANDS: dict[str, str] = {
    "calls": "list the calls found in files and folders",
    "show": "show one call, parsed",
    "speakers": "list speakers across calls, with identity",
    "search": "fuzzy search across calls",
    "tag": "add an annotation on the first occurrence of a text",
    "annotations": "list annotations and their anchor state",
    "check": "validate transcripts and annotation files",
    "export": "export a highlight summary (md, csv, json)",
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on bad usage already; keep its one-line error."""


def _command_parser(chosen: str) -> argparse.ArgumentParser:
    """Only the chosen command's module is imported: the others are listed by
    name, so a command starts fast and never pays for its neighbours."""
    parser = _Parser(
        prog="earmark",
        description="Read, annotate, search and export earnings-call transcripts.",
        epilog="Run `earmark [PATH ...]` to open the app (no PATH: the sample calls).",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _load(name).add_arguments(p)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="earmark",
        usage="earmark [PATH ...] | earmark COMMAND ...",
        description=(
            "Open the Earmark reader on transcript files and folders "
            "(no PATH: a writable copy of the sample calls). "
            "Commands: " + ", ".join(COMMANDS) + " (earmark COMMAND --help)."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"earmark {version('earmark')}"
    except Exception:  # not installed (running from a checkout)
        return "earmark (development)"


def _load(name: str):
    return importlib.import_module(f"tui.commands.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            args = _command_parser(args_list[0]).parse_args(args_list)
            return int(_load(args.command).run(args) or 0)
        args = _app_parser().parse_args(args_list)
        from tui.launch import launch_app

        return int(launch_app(args.paths) or 0)
    except KeyboardInterrupt:
        print("earmark: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `earmark calls . | head`
        return 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
