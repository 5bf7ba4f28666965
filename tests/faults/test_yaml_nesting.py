"""Issue 9 item 1: a too-deeply nested annotation file gets OUR message,
whatever PyYAML and libyaml do with it (PyYAML 6.0.4's libyaml refuses deep
nesting by itself, in its own words; older builds crashed the process)."""

from __future__ import annotations

import pytest
from yaml_fault_kit import earmark, sample_call, sidecar

DEEP = {
    "flow brackets": ("version: 1\nx: " + "[" * 200_000 + "]" * 200_000 + "\nannotations: []\n", 2),
    "flow mappings": ("version: 1\nx: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\nannotations: []\n", 2),
    "block keys": ("version: 1\nx:\n" + "".join(" " * i + "k:\n" for i in range(1, 1_500)) + "annotations: []\n", 102),
    "compact items": ("version: 1\nx: 1\nannotations:\n" + "- " * 2_000 + "x\n", 4),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_nesting_is_refused_in_our_words_with_the_line(tmp_path, name):
    text, line = DEEP[name]
    path, _ = sample_call(tmp_path)
    sidecar(path).write_text(text)
    done = earmark("check", path)
    assert done.returncode == 1 and "internal error" not in done.stderr
    assert done.stdout.splitlines()[0] == (
        f"{sidecar(path)}:{line}: nests more than 100 levels deep; refused (not an annotation file)"
    )
    assert "maximum nesting depth" not in done.stdout + done.stderr  # the library's words never show
