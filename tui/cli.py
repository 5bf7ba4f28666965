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
import os
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
    "suggest": "propose metrics and guidance, best first (--accept writes them)",
    "ledger": "guidance given, matched to what was reported later and to earlier guidance",
    "merge-annotations": "a git merge driver for annotation files (merges by annotation id)",
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one command, named ``earmark NAME`` so that a usage
    error shows that command's usage, not the top level's. Only the chosen
    command's module is imported: a command starts fast and never pays for
    its neighbours (nor imports Textual through them)."""
    parser = argparse.ArgumentParser(prog=f"earmark {name}", description=COMMANDS[name])
    _load(name).add_arguments(parser)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    width = max(len(name) for name in COMMANDS)
    listing = "\n".join(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="earmark",
        usage="earmark [PATH ...] | earmark COMMAND ...",
        description=(
            "Open the Earmark reader on transcript files and folders\n"
            "(no PATH: a writable copy of the sample calls), or run a command."
        ),
        epilog=f"commands (earmark COMMAND --help for each):\n{listing}\n\n{_settings_help()}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="transcript files or folders (read recursively)")
    from tui.commands.output import add_follow_links

    add_follow_links(parser)
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _settings_help() -> str:
    """Where config.yaml is read from: here, the README and the help screen."""
    from transcripts.locations import CONFIG_OVERRIDE_HINT, CONFIG_PLATFORM_PATHS, config_file
    from transcripts.terminal_safe import one_line

    defaults = "\n".join(f"    {system + ':':<9} {path}" for system, path in CONFIG_PLATFORM_PATHS)
    return (
        f"settings (theme, keymap, tags): {one_line(str(config_file()))}\n"
        f"  by default:\n{defaults}\n"
        f"  {CONFIG_OVERRIDE_HINT}"
    )


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"earmark {version('earmark')}"
    except Exception:  # not installed (running from a checkout)
        return "earmark (development)"


def _load(name: str):
    return importlib.import_module(f"tui.commands.{name.replace('-', '_')}")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list[0]
            args = _command_parser(name).parse_args(args_list[1:])
            args.command = name
            return int(_load(name).run(args) or 0)
        parser = _app_parser()
        args = parser.parse_args(args_list)
        if args.paths and not any(os.path.lexists(p) for p in args.paths):
            # Most likely a mistyped command (`earmark serach ...`): say so
            # rather than open the app on nothing.
            from transcripts.terminal_safe import quote_name

            parser.error(
                f"{quote_name(args.paths[0])}: no such file, folder or command "
                f"(commands: {', '.join(COMMANDS)})"
            )
        from tui.launch import launch_app

        return int(launch_app(args.paths, follow_links=args.follow_links) or 0)
    except KeyboardInterrupt:
        print("earmark: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `earmark calls . | head`
        _silence_stdout()
        return 0
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("EARMARK_DEBUG"):
            raise
        from transcripts.terminal_safe import one_line

        print(
            one_line(f"earmark: internal error ({type(exc).__name__}: {exc}); ")
            + "please report this (EARMARK_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def _silence_stdout() -> None:
    """The reader of our output went away: point stdout at nothing so the
    interpreter's final flush does not print a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run() -> None:
    command = bool(sys.argv[1:2]) and sys.argv[1] in COMMANDS
    if command:  # a command keeps what it loads until it exits (see ``FREEZE_LOADED``)
        from transcripts import corpus

        corpus.FREEZE_LOADED = True
    code = main()
    if command:
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> None:
    """A command has done its work and written it (every catalog and index
    write is committed before its ``run`` returns): leave without the
    interpreter's teardown of modules and caches (about 35 ms of a command
    at 30,000 calls, timed)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _silence_stdout()  # the reader went away: nothing more to deliver
    except (OSError, ValueError):
        sys.exit(code)  # a stream in trouble: the usual exit says so
    os._exit(code)


if __name__ == "__main__":
    run()
