"""Issue 13 item 16: numbers typed in the note form, and strict JSON.

``nan`` and ``inf`` used to be stored as ``.nan`` / ``.inf`` (and ``--json``
printed ``NaN`` / ``Infinity``, which strict parsers refuse), ``1e400``
became ``.inf`` and ``1,2,3`` became 123."""

from __future__ import annotations

import json
import math

import pytest
import yaml
from yaml_fault_kit import Q4_2003, earmark, sample_folder, sidecar, tagged

from annotations.field_numbers import FieldNumberError, parse_field_number
from transcripts import strict_json
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"


@pytest.mark.parametrize("typed", ["nan", "NaN", "-inf", "inf", "Infinity", "1e400", "-1e400", "1" * 30])
def test_non_finite_and_huge_numbers_are_refused(typed):
    with pytest.raises(FieldNumberError) as refused:
        parse_field_number(typed)
    assert "\n" not in str(refused.value) and typed in str(refused.value)


@pytest.mark.parametrize("typed, stored", [
    ("220", 220), ("-5", -5), ("1,234,567", 1234567), ("0.13", 0.13), ("1e3", 1000), (" 7.50 ", 7.5),
    ("12345678901234567", 12345678901234567),  # exact: a float would change the last digit
    ("1,2,3", "1,2,3"), ("about 220", "about 220"), ("12,34", "12,34"), ("", None),
])
def test_numbers_are_read_exactly_and_other_text_is_kept_as_typed(typed, stored):
    got = parse_field_number(typed)
    assert got == stored and type(got) is type(stored)


async def _type_value(folder, typed: str):
    app = EarmarkApp([str(folder / Q4_2003)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    async with app.run_test(size=(140, 40)) as pilot:
        await workers_idle(app)
        await pilot.pause()
        app.reader.goto_offset(app.current_call.text.index(GUIDE))
        await pilot.pause()
        await pilot.press("2", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-value").value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#error").render()) if app.screen is form else ""
        await workers_idle(app)
    return error


async def test_the_form_refuses_nan_and_keeps_what_is_not_a_number(tmp_path):
    folder = sample_folder(tmp_path, (Q4_2003,))
    error = await _type_value(folder, "nan")
    assert "value: 'nan' is not a finite number" in error
    assert ".nan" not in sidecar(folder / Q4_2003).read_text()
    error = await _type_value(folder, "1,2,3")
    assert error == ""
    items = yaml.safe_load(sidecar(folder / Q4_2003).read_text())["annotations"]
    assert [i["fields"]["value"] for i in items if "fields" in i] == ["1,2,3"]


def test_json_is_strict_even_with_a_non_finite_number_inside():
    doc = {"a": [1.5, math.nan, {"b": math.inf}], "c": -math.inf}
    text = strict_json.dumps(doc)
    assert json.loads(text, parse_constant=lambda c: pytest.fail(c)) == {"a": [1.5, None, {"b": None}], "c": None}


def test_a_hand_written_nan_never_reaches_json_output(tmp_path):
    folder = sample_folder(tmp_path, (Q4_2003,))
    side = sidecar(folder / Q4_2003)
    tagged(folder / Q4_2003)
    side.write_text(side.read_text().replace("  speaker:", "  fields: {value: .inf}\n  speaker:")
                    .replace("annotations:", "score: .nan\nannotations:"))
    for args in (("annotations", folder, "--json"), ("export", folder, "--format", "json"), ("calls", folder, "--json"),
                 ("check", folder, "--json")):
        done = earmark(*args)
        assert "NaN" not in done.stdout and "Infinity" not in done.stdout, args
        json.loads(done.stdout, parse_constant=lambda c: pytest.fail(f"{args[0]}: {c}"))
    assert "'fields.value' must be a finite number" in earmark("check", folder).stdout
