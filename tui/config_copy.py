"""``copy:`` in config.yaml: how ``y`` writes a quote with its citation.

    copy:
      format: markdown          # plain (the default) or markdown
      citation: "{speaker} ({company} {period}, turn {turn})"

A value that cannot be used is one line naming the file and the line, and
that value keeps its default (see ``tui.config``).
"""

from __future__ import annotations

import re
from typing import Callable

import yaml

from annotations.citation import DEFAULT_CITATION, FORMATS, CopySettings, TemplateError, check_template

Report = Callable[[yaml.Node, str], None]
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
MAX_TEMPLATE = 400
KEYS = ("format", "citation")


def read_copy(node: yaml.Node, report: Report) -> CopySettings:
    """The settings under ``copy:`` (each bad one reported and left at its default)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return CopySettings()
    if not isinstance(node, yaml.MappingNode):
        report(node, "copy: must be a mapping (format: plain|markdown, citation: a template); ignored")
        return CopySettings()
    fmt, template = "plain", DEFAULT_CITATION
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR else None
        is_text = isinstance(value_node, yaml.ScalarNode) and value_node.tag == _STR
        value = value_node.value if is_text else None
        if key == "format":
            if value is not None and value.strip().lower() in FORMATS:
                fmt = value.strip().lower()
            else:
                report(value_node, f"copy: format: must be one of {', '.join(FORMATS)}; using plain")
        elif key == "citation":
            problem = _template_problem(value)
            if problem:
                report(value_node, f"copy: citation: {problem}; using the default")
            else:
                template = value  # type: ignore[assignment]
        else:
            shown = str(key_node.value)[:40] if isinstance(key_node, yaml.ScalarNode) else "(not a name)"
            report(key_node, f"copy: unknown setting {_CONTROL.sub('?', shown)!r} (known: {', '.join(KEYS)}); ignored")
    return CopySettings(fmt, template)


def _template_problem(value: str | None) -> str:
    if value is None or not value.strip():
        return "must be a text with {fields}, e.g. \"" + DEFAULT_CITATION + "\""
    if len(value) > MAX_TEMPLATE:
        return f"longer than {MAX_TEMPLATE} characters"
    if _CONTROL.search(value):
        return "holds a control character or a line break (a citation is one line)"
    try:
        check_template(value)
    except TemplateError as exc:
        return str(exc)
    return ""
