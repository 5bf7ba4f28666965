"""A guard every reader of user-written YAML runs first.

libyaml's composer recurses on the C stack: a file of a few hundred thousand
nested brackets crashes the whole process with a segmentation fault, not an
exception. Newer libyaml builds (PyYAML 6.0.4) refuse deep nesting by
themselves, with their own wording, and older ones do not, so what a user
reads would depend on the build. ``deepest_line`` therefore reads the text
itself, before any parser sees it: it follows block indentation, ``- ``
items, ``key:`` lines and flow brackets, and skips quoted, block and plain
scalars and comments. It never counts more levels than a document really
has (a property test compares it with the parser on generated documents),
and counts as many as the parser for the block and flow styles PyYAML and
people write; for anything odder it may count fewer, which is harmless: a
document has to nest thousands deep to hurt the composer, far past where
our count stops it.

It lives in ``transcripts`` because both the corpus (the ``call:`` block of
annotation files) and ``annotations`` read these files.
"""

from __future__ import annotations

import re

import yaml

try:  # the C parser when libyaml is there: several times faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 100
"""Annotation files nest four levels deep."""


class TooDeep(ValueError):
    def __init__(self, line: int | None) -> None:
        super().__init__(f"nests more than {MAX_DEPTH} levels deep; refused")
        self.line = line


def check_depth(text: str) -> None:
    """Raise ``TooDeep`` (with the line) for a document nesting past
    ``MAX_DEPTH``, before any YAML parser reads it."""
    line = deepest_line(text, MAX_DEPTH)
    if line is not None:
        raise TooDeep(line)


# -- our own reading of the text ---------------------------------------------


_DOUBLE_END = re.compile(r'(?:\\.|[^"\\])*"')
_KEY_END = re.compile(r":(?=[ \t]|$)|[ \t]#")
_PLAIN_PAIR = re.compile(r"( *)[A-Za-z_][\w. -]*: [^\s\[\]{}'\"|>&!*#%@`]")
"""``key: plain value``, most lines of an annotation file: read without
the general code (the value runs to the end of the line)."""


def _close_quote(line: str, i: int, quote: str) -> int:
    """Index just after the quote closing a scalar whose text starts at
    ``i``, or -1 when it runs on past this line."""
    if quote == "'":
        while True:
            j = line.find("'", i)
            if j < 0:
                return -1
            if line.startswith("''", j):
                i = j + 2
                continue
            return j + 1
    m = _DOUBLE_END.match(line, i)
    return m.end() if m else -1


def _key_colon(line: str, i: int) -> int:
    """Index of the ``:`` ending a plain key that starts at ``i``, or -1
    when the rest of the line is a plain value (a ``#`` after a space starts
    a comment first)."""
    m = _KEY_END.search(line, i)
    return m.start() if m is not None and line[m.start()] == ":" else -1


_OVER = -2
"""``_Scan._flow``: the line nests past the limit."""
_OPEN = -1
"""``_Scan._flow``: the flow collection runs on (or a comment ends the line)."""


def _key_after(line: str, i: int) -> int:
    """Index just after a ``:`` that follows at ``i`` (after blanks) and
    makes what ended there a key, or -1."""
    n = len(line)
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] == ":" and (i + 1 == n or line[i + 1] in " \t"):
        return i + 1
    return -1


class _Scan:
    """The state of ``deepest_line`` between lines."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.blocks: list[tuple[int, int, str]] = []
        """Open block collections: (column, depth, "seq" or "map")."""
        self.flow = 0
        self.flow_base = 0
        self.flow_col = 0
        self.quote = ""
        """The quote of a scalar running on to the next line."""
        self.quote_in_flow = False
        self.skip_past = -2
        """Lines indented past this column continue a block or plain scalar
        (-2: none is open)."""

    def line(self, line: str) -> bool:
        """Read one line; True when it nests past the limit."""
        if self.skip_past > -2:
            body = line.lstrip(" ")
            if not body or len(line) - len(body) > self.skip_past:
                return False
            self.skip_past = -2
        pos = 0
        if self.quote:
            pos = _close_quote(line, 0, self.quote)
            if pos < 0:
                return False
            self.quote = ""
            if not self.quote_in_flow:
                return False  # the rest of the line follows a value
        if self.flow:
            end = self._flow(line, pos)
            return end == _OVER or (end >= 0 and self._after_flow(line, end, self.flow_base))
        return self._block(line)

    def _flow(self, line: str, i: int) -> int:
        """Read flow context from ``i``: ``_OVER``, ``_OPEN``, or the index
        just after the bracket that closes the outermost collection."""
        n = len(line)
        token_start = True
        while i < n:
            c = line[i]
            if c in "[{":
                self.flow += 1
                if self.flow_base + self.flow > self.limit:
                    return _OVER
                token_start = True
            elif c in "]}":
                self.flow -= 1
                if self.flow <= 0:
                    self.flow = 0
                    return i + 1
                token_start = False
            elif c in ",:?":
                token_start = True
            elif c in "'\"" and token_start:
                end = _close_quote(line, i + 1, c)
                if end < 0:
                    self.quote, self.quote_in_flow = c, True
                    return _OPEN
                i = end
                token_start = False
                continue
            elif c == "#" and (i == 0 or line[i - 1] in " \t"):
                return _OPEN
            elif c not in " \t":
                token_start = False
            i += 1
        return _OPEN

    def _after_flow(self, line: str, end: int, base: int) -> bool:
        """After a flow collection closed at ``end``: it may have been a key
        (``[a, b]: value``), whose value is read on."""
        after = _key_after(line, end)
        if after < 0:
            return False
        if self._collection(self.flow_col, base + 1, "map"):
            return True
        return self._nodes(line, after, base + 1)

    def _collection(self, col: int, depth: int, kind: str) -> bool:
        blocks = self.blocks
        if not blocks or blocks[-1][0] < col or blocks[-1][2] != kind:
            blocks.append((col, depth, kind))
        return depth > self.limit

    def _block(self, line: str) -> bool:
        blocks = self.blocks
        m = _PLAIN_PAIR.match(line)
        if m is not None:  # the common case, several times faster
            pos = m.end(1)
            while blocks and blocks[-1][0] > pos:
                blocks.pop()
            if blocks and blocks[-1][0] == pos and blocks[-1][2] == "map":
                self.skip_past = pos
                return False
        n = len(line)
        indent = n - len(line.lstrip(" "))
        if indent == n or line[indent] == "#":
            return False
        if indent == 0 and line[:3] in ("---", "...") and (n == 3 or line[3] in " \t"):
            blocks.clear()
            if line[:3] == "...":
                return False
            pos = 3
            while pos < n and line[pos] in " \t":
                pos += 1
            if pos == n:
                return False
        elif indent == 0 and line[0] == "%":
            return False
        else:
            pos = indent
        while blocks and blocks[-1][0] > pos:
            blocks.pop()
        is_item = line[pos] == "-" and (pos + 1 == n or line[pos + 1] in " \t")
        # A sequence written at its parent key's column ends at the first
        # line at that column that is not an item.
        while blocks and blocks[-1][0] == pos and blocks[-1][2] == "seq" and not is_item:
            blocks.pop()
        if blocks and blocks[-1][0] == pos:
            _, depth, kind = blocks[-1]
            base = depth - 1 if (kind == "seq" or not is_item) else depth
        else:
            base = blocks[-1][1] if blocks else 0
        return self._nodes(line, pos, base)

    def _nodes(self, line: str, pos: int, base: int) -> bool:
        """The items, keys and value starting at ``pos`` of a block line."""
        n = len(line)
        while pos < n and line[pos] in " \t":
            pos += 1
        while pos < n:
            c = line[pos]
            if c in "-?" and (pos + 1 == n or line[pos + 1] in " \t"):
                base += 1
                if self._collection(pos, base, "seq" if c == "-" else "map"):
                    return True
                pos += 1
            elif c in "[{":
                self.flow, self.flow_base, self.flow_col = 0, base, pos
                end = self._flow(line, pos)
                return end == _OVER or (end >= 0 and self._after_flow(line, end, base))
            elif c in "|>":
                self.skip_past = self.blocks[-1][0] if self.blocks else -1
                return False
            elif c in "&!":
                while pos < n and line[pos] not in " \t":
                    pos += 1
            elif c in "'\"":
                end = _close_quote(line, pos + 1, c)
                if end < 0:
                    self.quote, self.quote_in_flow = c, False
                    return False
                after = _key_after(line, end)
                if after < 0:
                    return False  # a quoted value
                if self._collection(pos, base + 1, "map"):
                    return True
                base += 1
                pos = after
            elif c in "*#":
                return False
            else:
                colon = _key_colon(line, pos)
                if colon < 0:
                    # A plain value: lines indented past its collection
                    # continue it (``[`` there is text, not a bracket).
                    self.skip_past = self.blocks[-1][0] if self.blocks else -1
                    return False
                if self._collection(pos, base + 1, "map"):
                    return True
                base += 1
                pos = colon + 1
            while pos < n and line[pos] in " \t":
                pos += 1
        return False


def deepest_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based line where ``text`` first nests more than ``limit``
    collections deep, or None; read without any YAML parser."""
    scan = _Scan(limit)
    for number, line in enumerate(text.split("\n"), 1):
        if scan.line(line):
            return number
    return None


# -- the loader for user-written YAML --------------------------------------

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MAX_INT_DIGITS = 4000
"""Python refuses to read integers past 4,300 digits (a ValueError with no
line); no file of ours holds one of more than twenty."""


class SafeTextLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader that reads timestamps as the text the file holds
    (``2024-02-30`` is no date, and must not stop a load: what it means is
    the reader's to check) and refuses over-long integers with their line."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {digits:,} digits is too long to read (at most {MAX_INT_DIGITS:,})",
                node.start_mark,
            )
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:  # pragma: no cover - a limit lowered by the interpreter
            raise yaml.constructor.ConstructorError(None, None, str(exc), node.start_mark) from None


SafeTextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in entries if tag != _TIMESTAMP_TAG]
    for first, entries in _BaseLoader.yaml_implicit_resolvers.items()
}
SafeTextLoader.add_constructor("tag:yaml.org,2002:int", SafeTextLoader.construct_yaml_int)
