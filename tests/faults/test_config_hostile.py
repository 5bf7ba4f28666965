"""A hostile or broken ``config.yaml`` never keeps the app from starting:
each case is one line naming the file (and the line, where there is one),
shown in the app, and every setting not spoiled keeps its value (a file that
cannot be read at all: the defaults). The file goes through the same guards
as annotation files: nesting, alias expansion ("billion laughs"), size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.hostile import leaks
from transcripts.locations import config_file
from tui.app import EarmarkApp
from tui.config import DEFAULT_THEME, MAX_CONFIG_BYTES, load_config

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi")
)
"""Nine levels of nine: 387 million strings once expanded."""

# name -> (file bytes, the line the message names or None)
WHOLE_FILE = {
    "not UTF-8": (b"theme: nord\nkeymap:\n  app.help: \xff\n", 3),
    "deep flow nesting": (b"theme: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", 1),
    "deep block nesting": ("".join("  " * i + f"k{i}:\n" for i in range(2000)).encode(), None),
    "billion laughs": (LAUGHS.encode(), None),
    "recursive alias": (b"theme: &a [*a]\n", 1),
    "NUL byte": (b"theme: no\x00rd\n", 1),
    "raw escape": (b"theme: nord\ntags:\n  3: '\x1b[2J'\n", 3),
    "python tag": (b"theme: !!python/object/apply:os.system ['true']\n", 1),
    "a list": (b"- theme\n- nord\n", 1),
    "a scalar": (b"just text\n", 1),
    "not YAML": (b"theme: [nord\n", None),
    "too big": (b"# " + b"x" * MAX_CONFIG_BYTES + b"\n", None),
}
ONE_VALUE = {
    "theme is a date": (b"theme: 2024-02-30\ntags: {3: risk}\n", None),
    "5,000-digit theme": (b"theme: " + b"9" * 5000 + b"\ntags: {3: risk}\n", 1),
    "5,000-digit tag name": (b"tags:\n  3: " + b"9" * 5000 + b"\n  4: risk\n", 2),
    "5,000-digit keymap key": (b"keymap:\n  app.help: " + b"7" * 5000 + b"\ntags: {3: risk}\n", 2),
    "theme is a list": (b"theme: [a, b]\ntags: {3: risk}\n", 1),
    "theme is a number": (b"theme: 1.5e+400\ntags: {3: risk}\n", 1),
    "escaped control in a tag": (b'tags:\n  3: "risk\\e[2J"\n  4: risk\n', 2),
    "tag key 10": (b"tags:\n  10: risk\n  4: risk\n", 2),
    "keymap id with a newline": (b'keymap:\n  "a\\nb": x\ntags: {3: risk}\n', 2),
    "keymap keys with a space": (b"keymap:\n  app.help: ctrl p\ntags: {3: risk}\n", 2),
    "keymap is a list": (b"keymap: [a, b]\ntags: {3: risk}\n", 1),
    "tags is text": (b"tags: risk\nkeymap: {app.help: f2}\n", 1),
    "a repeated key": (b"tags: {3: risk}\ntags: {4: other}\n", 2),
    "an unknown setting": (b"them: nord\ntags: {3: risk}\n", 1),
}


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def check_one_line(problems: list[str], path: Path, line: int | None) -> None:
    assert len(problems) == 1, problems
    message = problems[0]
    assert message.startswith(f"{path}:" if line is None else f"{path}:{line}: "), message
    assert "\n" not in message and leaks(message) == []
    assert len(message) < 300  # a line, not the file (a 5,000-digit number is not echoed)


@pytest.mark.parametrize("case", list(WHOLE_FILE))
def test_a_file_that_cannot_be_read_is_one_line_then_the_defaults(tmp_path, case):
    data, line = WHOLE_FILE[case]
    path = write(tmp_path / "config.yaml", data)
    config = load_config(path)
    check_one_line(config.problems, path, line)
    assert (config.theme, config.keymap, config.tags) == (DEFAULT_THEME, {}, {})


@pytest.mark.parametrize("case", list(ONE_VALUE))
def test_one_bad_value_is_one_line_and_the_rest_is_used(tmp_path, case):
    data, line = ONE_VALUE[case]
    path = write(tmp_path / "config.yaml", data)
    config = load_config(path)
    if case == "theme is a date":  # text, so the app finds it is no theme (below)
        assert config.problems == [] and config.theme == "2024-02-30"
        return
    check_one_line(config.problems, path, line)
    assert config.theme == DEFAULT_THEME
    assert "risk" in config.tags.values() or config.keymap == {"app.help": "f2"}


def test_a_fifo_named_config_yaml_does_not_hang_the_start(tmp_path):
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    config = load_config(path)
    check_one_line(config.problems, path, None)
    assert "not a regular file" in config.problems[0]


def test_a_billion_laughs_is_refused_without_expanding_it(tmp_path):
    """Run apart, with a deadline: expanding it would take minutes and
    gigabytes (it hung the app at 100% CPU and 7.6 GB)."""
    path = write(tmp_path / "config.yaml", LAUGHS.encode())
    code = ("import sys; from pathlib import Path; from tui.config import load_config; "
            "print(load_config(Path(sys.argv[1])).problems)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert str(path) in done.stdout and "alias" in done.stdout


@pytest.mark.parametrize("data", [
    WHOLE_FILE["not UTF-8"][0], ONE_VALUE["theme is a date"][0], ONE_VALUE["5,000-digit theme"][0],
    WHOLE_FILE["deep flow nesting"][0], WHOLE_FILE["billion laughs"][0], WHOLE_FILE["raw escape"][0],
], ids=["not UTF-8", "theme 2024-02-30", "5,000 digits", "deep nesting", "billion laughs", "raw escape"])
async def test_the_app_starts_and_says_so_naming_the_file(data):
    path = write(config_file(), data)
    app = EarmarkApp([], installers=[])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.title == "Config"]
        assert len(warnings) == 1 and warnings[0].startswith(str(path)), warnings
        assert app.theme == DEFAULT_THEME
