"""Reading and writing YAML the way annotation files need it.

Reading is defensive: annotation files come from git pulls and hand edits, so
they are parsed with the safe loader only (no ``!!python/...`` tags), files over
a size limit are refused, and aliases that would expand into a huge document
(the "billion laughs") are refused before anything is built from them. The
document is first composed into nodes, which carry line numbers, so every
problem can be reported as ``file:line: message``.

Writing is deterministic: block style, fixed key order (the caller's), no
sorting, unicode as is, one line per quote however long, notes with line
breaks as literal block scalars. Timestamps are kept as the strings the file
holds (``created: 2026-11-21T10:00:00Z``) rather than turned into datetimes,
so a load/save round trip never rewrites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from transcripts.yaml_guard import SafeTextLoader, TooDeep, check_depth

try:  # the C emitter when libyaml is there: several times faster
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

MAX_EXPANDED_NODES = 200_000
"""Values aliases may add to a document when expanded. Earmark never writes
an alias, and a hand-written file needs a few; hundreds of thousands are an
attack (the "billion laughs") or an accident, never an annotation file."""


TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _without_timestamps(resolvers: dict) -> dict:
    return {
        first: [(tag, rx) for tag, rx in entries if tag != TIMESTAMP_TAG]
        for first, entries in resolvers.items()
    }


Loader = SafeTextLoader
"""Safe loader that reads timestamps as plain strings (and refuses
integers too long to read, with their line)."""


class Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Safe dumper that writes timestamp-like strings unquoted (they are read
    back as strings by ``Loader``)."""


Dumper.yaml_implicit_resolvers = _without_timestamps(_BaseDumper.yaml_implicit_resolvers)


class FlowList(list):
    """A list written on one line: ``tags: [guidance, revenue]``."""


class FlowDict(dict):
    """A mapping written on one line: ``fields: {value: 220, unit: USD million}``."""


YAML12_NUMBER = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
"""Numbers in YAML 1.2 that PyYAML (YAML 1.1) reads as text, e.g. ``1e5``:
such text is written quoted, so other tools (yq, ruamel, Go) read it as
text too."""

_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\r]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Line breaks: a literal block keeps them readable and diffable. The
    # emitter falls back to a quoted style by itself when a block cannot hold
    # the text exactly (trailing spaces, special characters).
    if _NEEDS_ESCAPES.search(data):
        # Characters YAML treats as line breaks (or cannot show) only
        # survive escaped, on one line, in double quotes.
        style: str | None = '"'
    elif "\n" in data:
        style = "|"
    else:
        style = "'" if YAML12_NUMBER.fullmatch(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow_list(dumper: yaml.SafeDumper, data: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_flow_dict(dumper: yaml.SafeDumper, data: FlowDict) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


Dumper.add_representer(str, _represent_str)
Dumper.add_representer(FlowList, _represent_flow_list)
Dumper.add_representer(FlowDict, _represent_flow_dict)
# Shared objects must never come out as anchors/aliases in a file people edit.
Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


def dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


# -- reading -------------------------------------------------------------


@dataclass(slots=True)
class YamlError(Exception):
    """A document that cannot be read; ``line`` is 1-based when known."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.message


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


_TAG_IN_MESSAGE = re.compile(r"tag '([^']+)'")


def compose(text: str) -> yaml.Node | None:
    """Parse ``text`` into nodes (None for an empty document), refusing alias
    bombs; raises ``YamlError``."""
    _check_characters(text)
    _check_depth(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_describe(exc), _line(exc.problem_mark or exc.context_mark)) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {_first_line(exc)}") from None
    finally:
        loader.dispose()
    if node is not None and _ALIAS.search(text):
        _check_expansion(node)
    return node


_ALIAS = re.compile(r"(?:^|[ \t\[{,])\*", re.MULTILINE)
"""Where an alias could start; a text with none has no alias to expand."""


def _check_depth(text: str) -> None:
    """Refuse documents nesting deeper than ``MAX_DEPTH`` before they are
    composed (see ``transcripts.yaml_guard``)."""
    try:
        check_depth(text)
    except TooDeep as exc:
        raise YamlError(f"{exc} (not an annotation file)", exc.line) from None


_NOT_YAML_TEXT = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow anywhere in a file, even escaped."""


def _check_characters(text: str) -> None:
    """One line with the line number for a character YAML refuses (a NUL
    byte, most often), instead of the reader's two-line message."""
    m = _NOT_YAML_TEXT.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        raise YamlError(
            f"holds the control character U+{ord(m.group()):04X}, which YAML does not allow; remove it",
            line,
        )


def construct(node: yaml.Node) -> Any:
    """Build Python values from a node with the safe constructor only."""
    loader = Loader("")
    try:
        return loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        message = str(exc.problem or exc)
        m = _TAG_IN_MESSAGE.search(message)
        if m:
            tag = m.group(1).replace("tag:yaml.org,2002:", "!!")
            message = f"YAML tag {tag} is not allowed (only plain YAML is read)"
        raise YamlError(message, _line(exc.problem_mark)) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {_first_line(exc)}") from None
    except RecursionError:
        raise YamlError("document nests too deeply") from None
    finally:
        loader.dispose()


def _first_line(exc: Exception) -> str:
    """Messages must be one line; PyYAML's reader adds a second with the
    position."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "recursive" in problem:
        return "recursive alias refused"
    text = f"{context}: {problem}" if context and problem else (problem or context or str(exc))
    return f"not valid YAML ({text})"


def _check_expansion(root: yaml.Node) -> None:
    """Refuse documents whose aliases add more than ``MAX_EXPANDED_NODES``
    values when expanded. Only aliases count: a file Earmark wrote with
    20,000 annotations has over 200,000 nodes and not one alias.

    Composition keeps an alias as a second reference to its anchor's node,
    so the size of every node (what it expands to) is memoised and the check
    stays linear; the expansion is what the references add beyond the
    nodes the file holds."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    repeated: list[yaml.Node] = []
    # Iterative post-order walk (deep documents must not hit the recursion limit).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            if isinstance(node, yaml.SequenceNode):
                total = 1 + sum(sizes[id(c)] for c in node.value)
            elif isinstance(node, yaml.MappingNode):
                total = 1 + sum(sizes[id(k)] + sizes[id(v)] for k, v in node.value)
            else:
                total = 1
            sizes[key] = total
            if total - len(sizes) > MAX_EXPANDED_NODES:
                anchor = repeated[0] if repeated else node
                raise YamlError(
                    "aliases expand to more than "
                    f"{MAX_EXPANDED_NODES:,} values; refused (a 'billion laughs' document?)",
                    _line(anchor.start_mark),
                )
            continue
        if key in sizes:  # a second reference: an alias
            if not repeated:
                repeated.append(node)
            continue
        if key in open_nodes:  # an alias inside its own anchor
            raise YamlError("recursive alias refused", _line(node.start_mark))
        open_nodes.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((c, False) for c in node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, False))
                stack.append((v, False))
