"""A fast writer and reader for the layout Earmark itself writes.

PyYAML spends most of its time in Python-level node handling: a file of
1,000 annotations took hundreds of milliseconds to write or read, too slow
for a save on every keystroke. Annotation files have one fixed layout, so
this module writes that layout directly and reads it back line by line.

Correctness rests on two rules:

- The writer only writes a scalar plain (unquoted) when ``plain_ok`` proves
  that any YAML parser reads it back as the same string; anything else is
  formatted by PyYAML itself (cached), so the output is always valid YAML.
- The reader accepts only what it fully understands (the layout, plain
  scalars passing the same proof, one-line quoted scalars, literal blocks,
  simple flow lists and maps) and returns None for anything else: comments,
  anchors, other styles, deeper nesting. The caller then uses the full,
  safe PyYAML path (with alias-bomb and tag checks). A test compares both
  readers on generated files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from annotations import yamlio
from annotations.writeback import PairCheck

STR_TAG = "tag:yaml.org,2002:str"

_BAD_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
# Plain in block context: no indicator first, no '#' anywhere, ':' only
# inside and never before a space (``plain_ok``), no brackets, no leading or
# trailing space, no control or line-break characters.
_PLAIN_BLOCK = re.compile(
    rf"(?:-(?=[^\s{_BAD_CHARS}])|[^\s\-?:,\[\]{{}}#&*!|>'\"%@`{_BAD_CHARS}])"
    rf"(?:[^#\[\]{{}}\t\n\r{_BAD_CHARS}]*[^\s:#\[\]{{}}{_BAD_CHARS}])?"
)
# Plain inside [..] or {..}: additionally no commas.
_PLAIN_FLOW = re.compile(
    rf"(?:-(?=[^\s,\[\]{{}}{_BAD_CHARS}])|[^\s\-?:,\[\]{{}}#&*!|>'\"%@`{_BAD_CHARS}])"
    rf"(?:[^:#,\[\]{{}}\t\n\r{_BAD_CHARS}]*[^\s:#,\[\]{{}}{_BAD_CHARS}])?"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT = re.compile(r"0|-?[1-9][0-9]*")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_YAML12_NUMBER = yamlio.YAML12_NUMBER
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?")


class _Resolver(yaml.resolver.Resolver):
    """The implicit typing our loader uses (no timestamps)."""


_Resolver.yaml_implicit_resolvers = yamlio.Loader.yaml_implicit_resolvers
_RESOLVER = _Resolver()


@lru_cache(maxsize=65536)
def _resolves_to_str(value: str) -> bool:
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == STR_TAG


@lru_cache(maxsize=200_000)
def plain_ok(value: str, flow: bool = False) -> bool:
    """Whether ``value`` may be written without quotes (cached: a save
    writes mostly the same strings as the one before)."""
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    return (
        pattern.fullmatch(value) is not None and ": " not in value and _resolves_to_str(value)
        and _YAML12_NUMBER.fullmatch(value) is None
    )


# -- writing ---------------------------------------------------------------


def _rendered(key: str, value: Any) -> tuple[str, ...]:
    """PyYAML's own lines for ``key: value`` (hashable values only)."""
    # A float is cached by its repr too: 0.0 and -0.0 are equal keys, of
    # one type, and -0.0 written as 0.0 never reads back (the save refused).
    return _rendered_cached(key, value, repr(value) if isinstance(value, float) else None)


@lru_cache(maxsize=16384, typed=True)
def _rendered_cached(key: str, value: Any, spelled: str | None) -> tuple[str, ...]:
    """``typed``: ``True``, ``1`` and ``1.0`` are equal keys to a plain
    cache, and would be written as one another."""
    return _lines_of(yamlio.dump({key: value}))


def _lines_of(dumped: str) -> tuple[str, ...]:
    """The lines of one dumped ``key: value``, without the final line break
    and without the ``...`` document-end marker PyYAML adds after a block
    scalar that keeps trailing newlines (the next key ends it here). Only
    one line break is removed: blank lines before it belong to the value."""
    if dumped.endswith("\n"):
        dumped = dumped[:-1]
    lines = dumped.split("\n")
    if lines and lines[-1] == "...":
        lines.pop()
    return tuple(lines)


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def key_ok(key: Any) -> bool:
    """Whether ``key`` may be written unquoted: a plain word that reads
    back as text (``'source: Q4 deck'`` needs quotes, ``yes`` too)."""
    return isinstance(key, str) and _key_ok(key)


@lru_cache(maxsize=4096)
def _key_ok(key: str) -> bool:
    return _PLAIN_KEY.fullmatch(key) is not None and _resolves_to_str(key)


def _scalar_text(value: Any, flow: bool) -> str | None:
    """One-line text for simple values, None when PyYAML must format it."""
    if value is True or value is False or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value if plain_ok(value, flow) else None
    return None


def emit_pair(out: list[str], indent: str, key: str, value: Any, check: PairCheck | None = None) -> None:
    """Append the lines of ``key: value`` at ``indent`` (the first line's
    indent; ``indent`` may start with ``- `` for a sequence item). With
    ``check``, the pair is noted for reading back (``annotations.writeback``)
    and written by PyYAML when an earlier attempt found it wrong."""
    lines = _pair_lines(key, value, check is not None and check.pyyaml_only(key, value))
    if check is not None and not (type(value) is int and key_ok(key)):
        check.note(key, value, lines)
    out.append(indent + lines[0])
    if len(lines) > 1:
        pad = " " * len(indent)
        out.extend(pad + line if line else line for line in lines[1:])


def _pair_lines(key: str, value: Any, pyyaml_only: bool) -> tuple[str, ...]:
    """``key: value`` written at column 0."""
    simple_key = key_ok(key) and not pyyaml_only
    text = _scalar_text(value, False) if simple_key else None
    if text is not None:
        return (f"{key}: {text}",)
    if simple_key and isinstance(value, yamlio.FlowList):
        items = [_scalar_text(v, True) for v in value]
        if all(t is not None for t in items):
            return (f"{key}: [{', '.join(items)}]",)  # type: ignore[arg-type]
    if simple_key and isinstance(value, yamlio.FlowDict):
        parts = []
        for k, v in value.items():
            kt, vt = _scalar_text(k, True), _scalar_text(v, True)
            if kt is None or vt is None or not isinstance(k, str):
                break
            parts.append(f"{kt}: {vt}")
        else:
            return (f"{key}: {{{', '.join(parts)}}}",)
    # Everything else is PyYAML's job (quoted and block scalars, floats,
    # booleans, nested values, keys that need quoting).
    if isinstance(value, (str, int, float, bool)) or value is None:
        return _rendered(key, value)
    return _lines_of(yamlio.dump({key: value}))


def emit_document(
    top: list[tuple[str, Any]], items: list[list[tuple[str, Any]]], check: PairCheck | None = None,
) -> str:
    out: list[str] = []
    for key, value in top:
        emit_pair(out, "", key, value, check)
    if not items:
        out.append("annotations: []")
    else:
        out.append("annotations:")
        for pairs in items:
            first = True
            for key, value in pairs:
                emit_pair(out, "- " if first else "  ", key, value, check)
                first = False
    return "\n".join(out) + "\n"


# -- reading ---------------------------------------------------------------


class _Bail(Exception):
    """Not the layout this reader knows: use the full YAML reader."""


_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def _double_quoted(s: str) -> str:
    """``"..."`` on one line (``s`` includes both quotes)."""
    out = []
    i, end = 1, len(s) - 1
    while i < end:
        c = s[i]
        if c == '"':
            raise _Bail
        if c == "\\":
            i += 1
            e = s[i] if i < end else ""
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 1
            elif e in _HEX:
                digits = s[i + 1 : i + 1 + _HEX[e]]
                if len(digits) != _HEX[e] or not all(ch in "0123456789abcdefABCDEF" for ch in digits):
                    raise _Bail
                out.append(chr(int(digits, 16)))
                i += 1 + _HEX[e]
            else:
                raise _Bail
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _single_quoted(s: str) -> str:
    inner = s[1:-1]
    if "'" in inner.replace("''", ""):
        raise _Bail
    return inner.replace("''", "'")


def _scalar(s: str, flow: bool = False) -> Any:
    if not s:
        raise _Bail  # an empty value is null in YAML; leave that to PyYAML
    c = s[0]
    if c == "'" and len(s) >= 2 and s[-1] == "'":
        return _single_quoted(s)  # no tab or control character: ``_parse`` refused them
    if c == '"' and len(s) >= 2 and s[-1] == '"':
        value = _double_quoted(s)
        if _SURROGATE.search(value):
            raise _Bail  # "\ud800": PyYAML's path reports it
        return value
    if _INT.fullmatch(s):
        return int(s)
    if _FLOAT.fullmatch(s):
        return float(s)
    if plain_ok(s, flow):
        return s
    raise _Bail


def _flow_items(inner: str) -> list[str]:
    if not inner.strip():
        return []
    # Quotes and brackets could hide a comma; '&', '*' and '!' only mean
    # something first in an item, and ``plain_ok`` refuses them there
    # ("M&A" is a common tag and stays on the fast path).
    if any(ch in inner for ch in "'\"[]{}#"):
        raise _Bail
    return [part.strip() for part in inner.split(",")]


def _value(rest: str) -> Any:
    if rest.startswith("["):
        if not rest.endswith("]"):
            raise _Bail
        return [_scalar(x, True) for x in _flow_items(rest[1:-1])]
    if rest.startswith("{"):
        if not rest.endswith("}"):
            raise _Bail
        out: dict[str, Any] = {}
        for item in _flow_items(rest[1:-1]):
            k, sep, v = item.partition(": ")
            if not sep or not plain_ok(k, True) or k in out:
                raise _Bail
            out[k] = _scalar(v.strip(), True)
        return out
    return _scalar(rest)


_BLOCK_HEADER = re.compile(r"\|([1-9])?([-+])?")


def _literal(lines: list[str], i: int, header: str, parent: int) -> tuple[str, int]:
    """A literal block scalar starting after line ``i``; returns the value
    and the index of the first line after it."""
    m = _BLOCK_HEADER.fullmatch(header)
    if not m:
        raise _Bail
    j = i + 1
    if m.group(1):
        indent = parent + int(m.group(1))
    else:
        if j >= len(lines) or not lines[j].strip():
            raise _Bail
        indent = len(lines[j]) - len(lines[j].lstrip(" "))
        if indent <= parent:
            raise _Bail
    body: list[str] = []
    pad = " " * indent
    while j < len(lines):
        line = lines[j]
        if line.startswith(pad):
            body.append(line[indent:])
        elif line == "":
            body.append("")
        elif not line.strip(" "):
            raise _Bail
        else:
            break
        j += 1
    trailing = 0
    while body and body[-1] == "":
        body.pop()
        trailing += 1
    chomp = m.group(2)
    if chomp == "-":
        value = "\n".join(body)
    elif chomp == "+":
        value = "".join(b + "\n" for b in body) + "\n" * trailing
    else:
        value = "".join(b + "\n" for b in body)
    return value, j


def parse_document(text: str) -> tuple[dict[str, Any], dict[str, int], list[tuple[int, dict[str, int]]]] | None:
    """Read a file in Earmark's own layout: the data, the line of each top
    key, and for each annotation its line and the line of each of its keys.
    None when the text is anything else."""
    try:
        return _parse(text)
    except (_Bail, IndexError, ValueError):
        return None


_ANY_BAD = re.compile(f"[{_BAD_CHARS}\t\r]")


def _parse(text: str):
    # Checked once for the whole text, so no scalar read below (a substring
    # of it) needs checking again.
    if _ANY_BAD.search(text):
        raise _Bail  # control characters, odd line breaks, tabs: PyYAML decides
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    data: dict[str, Any] = {}
    top_lines: dict[str, int] = {}
    items: list[dict[str, Any]] = []
    item_lines: list[tuple[int, dict[str, int]]] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        m = _KEY.fullmatch(line)
        if not m or m.group(1) in data or not _resolves_to_str(m.group(1)):
            raise _Bail
        key, rest = m.group(1), m.group(2)
        top_lines[key] = i + 1
        if key == "annotations":
            if rest == "[]":
                data[key] = []
                i += 1
                continue
            if rest is not None:
                raise _Bail
            data[key] = items
            i += 1
            if not (i < n and lines[i].startswith("- ")):
                raise _Bail  # "annotations:" with nothing under it is null, not []
            while i < n and lines[i].startswith("- "):
                item: dict[str, Any] = {}
                where: dict[str, int] = {}
                item_lines.append((i + 1, where))
                items.append(item)
                first = True
                while i < n and (lines[i].startswith("- ") if first else lines[i].startswith("  ")):
                    km = _KEY.fullmatch(lines[i][2:])
                    if not km or km.group(1) in item or not _resolves_to_str(km.group(1)):
                        raise _Bail
                    k, r = km.group(1), km.group(2)
                    where[k] = i + 1
                    if r is None:
                        raise _Bail
                    if r.startswith("|"):
                        item[k], i = _literal(lines, i, r, 2)
                    else:
                        item[k] = _value(r)
                        i += 1
                    first = False
            continue
        if rest is None:  # a nested mapping, one level deep (the call block)
            block: dict[str, Any] = {}
            i += 1
            while i < n and lines[i].startswith("  "):
                km = _KEY.fullmatch(lines[i][2:])
                if not km or km.group(2) is None or km.group(1) in block or not _resolves_to_str(km.group(1)):
                    raise _Bail
                r = km.group(2)
                if r.startswith("|"):
                    block[km.group(1)], i = _literal(lines, i, r, 2)
                else:
                    block[km.group(1)] = _value(r)
                    i += 1
            if not block:
                raise _Bail
            data[key] = block
            continue
        if rest.startswith("|"):
            data[key], i = _literal(lines, i, rest, 0)
        else:
            data[key] = _value(rest)
            i += 1
    return data, top_lines, item_lines
