"""The domain packages and the headless commands never import Textual.

Checked in a fresh interpreter, because the test session itself imports
Textual for the UI tests. A headless command that pulled in Textual would
start slowly and fail where there is no terminal.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO
from tui.cli import COMMANDS

HEADLESS_COMMANDS = sorted(COMMANDS)


def modules_after_importing(*names: str) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(names)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_domain_packages_do_not_import_textual():
    loaded = modules_after_importing("transcripts", "annotations")
    assert "textual" not in loaded
    assert not any(m == "tui" or m.startswith("tui.") for m in loaded)


def test_transcripts_does_not_import_annotations():
    loaded = modules_after_importing("transcripts", "transcripts.corpus", "transcripts.cache")
    assert not any(m == "annotations" or m.startswith("annotations.") for m in loaded)


def test_the_command_line_entry_point_does_not_import_textual():
    assert "textual" not in modules_after_importing("tui.cli")


@pytest.mark.parametrize("command", HEADLESS_COMMANDS)
def test_each_headless_command_does_not_import_textual(command):
    module = f"tui.commands.{command.replace('-', '_')}"
    assert importlib.util.find_spec(module) is not None, f"{module}: every listed command has its module"
    loaded = modules_after_importing("tui.cli", module, "tui.commands.output")
    assert "textual" not in loaded, f"{module} imports textual"


@pytest.mark.parametrize("command", ["calls", "show", "speakers", "check", "suggest", "ledger"])
def test_running_a_headless_command_does_not_import_textual(command, samples_copy):
    """Importing is not enough: a command may import lazily while it runs."""
    from tests.conftest import Q4_2003

    target = samples_copy / Q4_2003 if command == "show" else samples_copy
    as_json = ["--format", "json"] if command == "ledger" else ["--json"]
    code = (
        "import contextlib, io, json, sys\n"
        "from tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = cli.main({[command, str(target), *as_json]!r})\n"
        "print(json.dumps([rc, 'textual' in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [0, False]


PARSING = ("transcripts.parser", "transcripts.layouts", "transcripts.metadata", "multiprocessing")


@pytest.mark.parametrize("command", [["calls"], ["search", "revenue"]])
def test_a_warm_command_loads_no_parser(samples_copy, command):
    """A command whose calls are all in the catalog (and the search index)
    parses and indexes nothing, so it need not import the layouts, readers'
    patterns, process pools, nor the annotation files' reader when no
    ``tag:`` is asked (a fifth of a warm command's start; the pools were a
    third of a warm search's first query)."""
    code = (
        "import json, os, sys\n"
        "from tui.cli import main\n"
        f"main({[*command, str(samples_copy)]!r})\n"
        f"print(json.dumps([m for m in {PARSING + (() if command == ['calls'] else ('annotations.session',))!r} "
        "if m in sys.modules]))\n"
    )
    run = lambda: subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)  # noqa: E731
    first = run()
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.splitlines()[-1])  # the first run parsed
    again = run()
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.splitlines()[-1]) == []


def test_a_warm_annotations_listing_loads_neither_parser_nor_session(samples_copy):
    """The annotations of a call whose annotation file and text are as the
    last listing placed them come from the memo: the second listing imports
    no parser, no annotation session (and its anchoring's matching), and no
    search engine, and lists the same annotations."""
    from tests.conftest import Q4_2003
    from tests.test_cli import TWO_ANNOTATIONS, write_sidecar

    sidecar = write_sidecar(samples_copy / Q4_2003, TWO_ANNOTATIONS.format(name=Q4_2003))
    an_hour_ago = time.time() - 3600  # a file written this instant is not remembered (its stamp may not change)
    os.utime(sidecar, (an_hour_ago, an_hour_ago))
    heavy = PARSING + ("annotations.session", "transcripts.search.engine")
    code = (
        "import contextlib, io, json, sys\n"
        "from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    main(['annotations', '--json', {str(samples_copy)!r}])\n"
        f"print(json.dumps([[m for m in {heavy!r} if m in sys.modules], json.loads(out.getvalue())]))\n"
    )
    run = lambda: subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)  # noqa: E731
    first = run()
    assert first.returncode == 0, first.stderr
    imported, listed = json.loads(first.stdout.splitlines()[-1])
    assert "annotations.session" in imported  # the first listing placed them
    assert sorted(a["id"] for a in listed["annotations"]) == ["a1", "a2"]
    again = run()
    assert again.returncode == 0, again.stderr
    imported_again, listed_again = json.loads(again.stdout.splitlines()[-1])
    assert imported_again == []
    assert listed_again == listed


def test_the_app_starts_without_importing_its_screens_and_forms(samples_copy, tmp_path):
    """The features bind their keys at start and import their screens and
    forms when first opened: the export dialog (with the whole export
    pipeline), the note form, the tag prompt and the every-call screen are
    not a cost of the first paint. (The suggestion engine is imported too,
    but by its worker, off the UI thread.)"""
    later = ("tui.screens.export_dialog", "annotations.export", "tui.screens.note_form", "tui.screens.tag_prompt",
             "tui.screens.all_annotations")
    code = (
        "import asyncio, json, sys\n"
        "from tui import EarmarkApp\n"
        "async def main():\n"
        f"    app = EarmarkApp([{str(samples_copy)!r}])\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        while not app.first_paint.is_set():\n"
        "            await asyncio.sleep(0.01)\n"
        "        keys = sorted(b.id for b in app._feature_bindings if b.id)\n"
        f"        print(json.dumps([[m for m in {later!r} if m in sys.modules], keys]))\n"
        "asyncio.run(main())\n"
    )
    env = {**os.environ, "EARMARK_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    imported, keys = json.loads(result.stdout.splitlines()[-1])
    assert imported == []
    assert {"export.open", "annotations.note", "annotations.tag_prompt"} <= set(keys)  # bound all the same
