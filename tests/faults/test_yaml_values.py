"""Issue 13 items 11 and 18: one bad value in one annotation file.

Each of these used to give ``earmark: internal error`` for every command on
the folder (and the app crashed on switching to the call). Now the file is
reported as ``file:line: message`` on one line, that file's annotations are
read-only, and every other file loads as usual."""

from __future__ import annotations

import json

import pytest
from yaml_fault_kit import Q1_2003, Q4_2003, earmark, sample_folder, sidecar, tagged

from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

HOSTILE = {
    # name: (how to change the file Earmark wrote, the line, words of the message)
    "impossible date (top level)": (lambda t: t.replace("annotations:", "date: 2024-02-30\nannotations:"), None, None),
    "impossible created": (lambda t: _set(t, "created", "2026-02-30T10:00:00Z"), 13, "not a real date"),
    "4,301-digit start": (lambda t: _set(t, "start", "9" * 4301), 7, "4,301 digits is too long"),
    "start past any transcript": (lambda t: _set(t, "start", "9" * 40), 7, "past the end of any transcript"),
    "list as company": (lambda t: t.replace("annotations:", "call: {company: [a, b]}\nannotations:"), 4,
                        "call.company: expected a non-empty text"),
    "impossible call date": (lambda t: t.replace("annotations:", "call:\n  date: 2024-02-30\nannotations:"), 4,
                             "call.date: 2024-02-30 is not a real date"),
    "NaN in fields": (lambda t: t.replace("  speaker:", "  fields: {value: .nan}\n  speaker:"), 12,
                      "'fields.value' must be a finite number"),
    "nested field": (lambda t: t.replace("  speaker:", "  fields: {value: {a: [1]}}\n  speaker:"), 12,
                     "must be a number or text"),
    "NUL byte": (lambda t: t.replace("speaker: Operator", "speaker: Oper\0ator"), 12,
                 "holds the control character U+0000"),
}


def _set(text: str, key: str, value: str) -> str:
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(f"  {key}: "))
    lines[i] = f"  {key}: {value}"
    return "\n".join(lines)


@pytest.fixture
def folder(tmp_path):
    """Two calls, each with one annotation written by ``earmark tag``."""
    calls = sample_folder(tmp_path)
    tagged(calls / Q4_2003, "VeriSign")
    tagged(calls / Q1_2003, "VeriSign")
    return calls


@pytest.mark.parametrize("name", list(HOSTILE))
def test_one_bad_value_is_reported_for_its_file_only(folder, name):
    change, line, words = HOSTILE[name]
    bad = sidecar(folder / Q4_2003)
    bad.write_text(change(bad.read_text(encoding="utf-8")), encoding="utf-8")
    docs = {}
    for args in (("calls", folder, "--json"), ("annotations", folder, "--json"),
                 ("export", folder, "--format", "json"), ("search", "revenue", folder, "--json")):
        done = earmark(*args)
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, (args[0], done.stderr)
        docs[args[0]] = json.loads(done.stdout, parse_constant=_refuse)
    listed = docs["annotations"]["annotations"]
    assert {a["call"] for a in listed} >= {"verisign-2003-q1"}  # the other file loads as usual
    check = earmark("check", folder)
    assert "internal error" not in check.stderr
    if line is None:  # a hand-written key of the user's: kept as text, nothing wrong
        assert check.returncode == 0, check.stdout
        return
    mine = [row for row in check.stdout.splitlines() if row.startswith(f"{bad}:")]
    assert len(mine) >= 1 and all("\n" not in row for row in mine)
    assert mine[0].startswith(f"{bad}:{line}: ") and words in mine[0], mine
    assert not [row for row in check.stdout.splitlines() if row.startswith(str(sidecar(folder / Q1_2003)))]


def _refuse(constant: str):
    raise AssertionError(f"not strict JSON: {constant}")


async def test_the_app_shows_the_error_for_that_call_and_keeps_working(folder):
    bad = sidecar(folder / Q4_2003)
    bad.write_text(_set(bad.read_text(encoding="utf-8"), "start", "9" * 4301), encoding="utf-8")
    app = EarmarkApp([str(folder)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        for _ in range(2):  # to the other call and back: both opened once
            await pilot.press(">")
            await workers_idle(app)
            await pilot.pause()
            await pilot.press("<")
            await workers_idle(app)
            await pilot.pause()
        assert app.is_running
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "too long to read" in messages or any(
            "too long to read" in str(getattr(s, "read_only_reason", "")) for s in _sessions(app)
        ), messages


def _sessions(app):
    ui = getattr(app, "annotations_ui", None)
    return list(getattr(ui, "sessions", {}).values()) if ui is not None else []
