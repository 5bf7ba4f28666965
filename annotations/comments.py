"""Comments a user wrote in an annotation file, kept across saves.

Earmark rewrites the whole file on every save (deterministic layout, text
order), so comments cannot stay at their line numbers: each one is attached
to the thing it was written next to, and written back next to that thing
wherever it moves:

- above a top-level key (``version``, ``call``, a user's own key, ...);
- above an annotation item, by id;
- above a key inside an annotation (by id and key); a comment inside a
  nested value (``fields:`` written as a block, a multi-line list) goes
  above the key holding that value;
- at the end of a line holding a top-level key or an annotation's key
  (``note: x  # why``): written back at the end of that line when the value
  still fits on one line (or opens a block), else on its own line above it;
- at the end of the file.

A comment whose annotation was removed is never dropped: it goes to the end
of the file under ``# (comments of removed annotation <id>)``. Blank lines
between comment lines (and around them) are kept with them.

Finding comments relies on the positions PyYAML gives every scalar: a ``#``
is a comment only when it starts a line's content or follows white space,
and is not inside any scalar (a ``# heading`` line in a literal note is text,
not a comment). Files Earmark writes without comments never reach this
module (the fast reader refuses any comment), so they cost nothing extra.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import yaml

from annotations import fastyaml
from annotations.writeback import PairCheck

TOP, ITEM, KEY, END, EOL_TOP, EOL = "top", "item", "key", "end", "eol-top", "eol"
REMOVED_MARKER = "# (comments of removed annotation {id})"


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment block (or end-of-line comment) and where it belongs.

    ``lines`` are the comment lines without their indentation (each starts
    with ``#``), and ``""`` for blank lines; for an end-of-line comment it is
    one entry: the white space before the ``#`` and the comment."""

    where: str
    lines: tuple[str, ...]
    key: str = ""
    item: str = ""
    """The annotation's id (ITEM, KEY, EOL)."""


# -- reading -----------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """A comment found while scanning; ``item`` is the annotation's index in
    the file (ids are only final once the reader has derived missing ones)."""

    where: str
    lines: tuple[str, ...]
    key: str = ""
    item: int = -1

    def resolve(self, ids: list[str]) -> Comment:
        return Comment(self.where, self.lines, self.key, ids[self.item] if self.item >= 0 else "")


def _end_line(node: yaml.ScalarNode) -> int:
    """Last line holding the scalar's text (a block scalar's end mark is at
    the start of the line after its trailing line breaks)."""
    end = node.end_mark.line
    if node.end_mark.column == 0 and end > node.start_mark.line:
        end -= 1
    return end


def _content_end(node: yaml.Node) -> int:
    """Last line of a value's own text (comments after it are not counted:
    a block collection's end mark can lie past them)."""
    while True:
        if isinstance(node, yaml.ScalarNode):
            return _end_line(node)
        if node.flow_style or not node.value:
            return node.end_mark.line
        last = node.value[-1]
        if isinstance(node, yaml.MappingNode):
            return max(_content_end(last[0]), _content_end(last[1]))
        node = last


class _Text:
    """Which parts of the text are inside scalars (never comments)."""

    def __init__(self, lines: list[str], root: yaml.Node) -> None:
        self.lines = lines
        self.covered: set[int] = set()
        """Lines wholly inside a multi-line scalar."""
        self.parts: dict[int, list[tuple[int, int]]] = {}
        """Column ranges of scalar text on lines holding a '#'."""
        hashes = {i for i, line in enumerate(lines) if "#" in line}
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias: already walked
                continue
            seen.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                self._scalar(node, hashes)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    stack.append(k)
                    stack.append(v)

    def _scalar(self, node: yaml.ScalarNode, hashes: set[int]) -> None:
        first, col = node.start_mark.line, node.start_mark.column
        last = _end_line(node)
        if node.style in ("|", ">"):  # the header line holds no text
            self.covered.update(range(first + 1, last + 1))
            return
        if first == last:
            if first in hashes:
                self.parts.setdefault(first, []).append((col, node.end_mark.column))
            return
        self.covered.update(range(first + 1, last))
        if first in hashes:
            self.parts.setdefault(first, []).append((col, 1 << 30))
        end_col = node.end_mark.column if node.end_mark.line == last else 1 << 30
        if last in hashes:
            self.parts.setdefault(last, []).append((0, end_col))

    def comment_at(self, i: int) -> int | None:
        """Column where the comment on line ``i`` starts, None when none."""
        if i in self.covered:
            return None
        line = self.lines[i]
        inside = self.parts.get(i, ())
        p = line.find("#")
        while p >= 0:
            if (p == 0 or line[p - 1] in " \t") and not any(a <= p < b for a, b in inside):
                return p
            p = line.find("#", p + 1)
        return None

    def blank(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and not self.lines[i].strip() and i not in self.covered


@dataclass(slots=True)
class _Part:
    key: str
    line: int
    end: int
    value: yaml.Node


def _parts(node: yaml.MappingNode) -> list[_Part]:
    out = []
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode):
            out.append(_Part(str(k.value), k.start_mark.line, max(_content_end(k), _content_end(v)), v))
    return out


class _Layout:
    """Where top-level keys, annotation items and their keys are."""

    def __init__(self, root: yaml.MappingNode) -> None:
        self.top = _parts(root)
        self.top_lines = [p.line for p in self.top]
        self.items: list[tuple[int, int, list[_Part]]] = []
        self.key_line: dict[int, tuple[str, int]] = {}
        """Line -> (key, item index or -1) of every top key and item key."""
        for p in reversed(self.top):
            self.key_line[p.line] = (p.key, -1)
        for p in self.top:
            if p.key == "annotations" and isinstance(p.value, yaml.SequenceNode):
                for j, item in enumerate(p.value.value):
                    keys = _parts(item) if isinstance(item, yaml.MappingNode) else []
                    self.items.append((item.start_mark.line, _content_end(item), keys))
                    for k in reversed(keys):
                        self.key_line.setdefault(k.line, (k.key, j))
                break
        self.item_lines = [it[0] for it in self.items]

    def anchor(self, line: int) -> _Found:
        """Where a comment on its own line at ``line`` belongs."""
        if not self.top:
            return _Found(END, ())
        i = bisect_right(self.top_lines, line) - 1
        if i < 0:
            return _Found(TOP, (), self.top[0].key)
        part = self.top[i]
        if line > part.end:
            return _Found(TOP, (), self.top[i + 1].key) if i + 1 < len(self.top) else _Found(END, ())
        if part.key != "annotations" or not self.items:
            return _Found(TOP, (), part.key)  # inside a value: above its key
        j = bisect_right(self.item_lines, line) - 1
        if j < 0:
            return _Found(ITEM, (), item=0)
        start, end, keys = self.items[j]
        if line > end:
            return _Found(ITEM, (), item=j + 1) if j + 1 < len(self.items) else _Found(END, ())
        q = bisect_right([k.line for k in keys], line) - 1
        if q < 0:
            return _Found(ITEM, (), item=j)
        if line > keys[q].end and q + 1 < len(keys):
            q += 1
        return _Found(KEY, (), keys[q].key, j)


def scan(text: str, root: yaml.Node) -> list[_Found]:
    """The comments of a document, in file order, with where each belongs."""
    if "#" not in text or not isinstance(root, yaml.MappingNode):
        return []
    lines = text.split("\n")
    if lines[-1] == "":  # the final line break ends the last line, it is no blank line
        lines.pop()
    where = _Text(lines, root)
    layout = _Layout(root)
    found: list[_Found] = []
    i, n = 0, len(lines)
    while i < n:
        if "#" not in lines[i]:
            i += 1
            continue
        p = where.comment_at(i)
        if p is None:
            i += 1
            continue
        head = lines[i][:p]
        if head.strip():  # at the end of a line with content
            hit = layout.key_line.get(i)
            comment = lines[i][len(head.rstrip()):].rstrip()
            if hit is not None:
                key, item = hit
                found.append(_Found(EOL_TOP if item < 0 else EOL, (comment,), key, item))
            else:  # inside a nested value: on its own line, above the key holding it
                f = layout.anchor(i)
                f.lines = (comment.lstrip(),)
                found.append(f)
            i += 1
            continue
        # A block: comment lines and the blank lines between and around them.
        first = i
        while where.blank(first - 1):
            first -= 1
        block: list[str] = [""] * (i - first)
        last = i
        j = i
        while j < n:
            if where.blank(j):
                j += 1
                continue
            if "#" in lines[j] and not lines[j][: lines[j].find("#")].strip() and where.comment_at(j) is not None:
                block.extend("" for _ in range(last + 1, j))
                block.append(lines[j].strip())
                last = j
                j += 1
                continue
            break
        block.extend("" for _ in range(last + 1, j))  # blank lines after the block
        f = layout.anchor(i)
        f.lines = tuple(block)
        found.append(f)
        i = j
    return found


def resolve(found: list[_Found], ids: list[str]) -> list[Comment]:
    return [f.resolve(ids) for f in found]


# -- writing -----------------------------------------------------------------

_BLOCK_HEADER = re.compile(r".*: [|>][1-9]?[-+]?")


def _eol_fits(rendered: list[str], prefix: str, key: str) -> bool:
    """Whether a comment can follow the first line of a written pair: a
    one-line value, a block scalar's header, or a key opening a nested
    value (never a quoted text running over several lines)."""
    if len(rendered) == 1:
        return True
    if not fastyaml.key_ok(key):
        return False
    head = rendered[0]
    return head == f"{prefix}{key}:" or re.fullmatch(rf"{re.escape(prefix + key)}: [|>][1-9]?[-+]?", head) is not None


class _Writer:
    def __init__(self, check: PairCheck | None) -> None:
        self.check = check
        self.out: list[str] = []
        self.keep_open = False
        """The last pair written was a block scalar: a blank line right after
        it is read as part of it (kept by ``|+``, dropped by ``|``), so it is
        left out to keep the text and the next save's bytes the same."""

    def block(self, lines: list[str] | tuple[str, ...], indent: str) -> None:
        for line in lines:
            if not line:
                if self.keep_open:
                    continue
                self.out.append("")
            else:
                self.out.append(indent + line)
                self.keep_open = False

    def pair(self, prefix: str, key: str, value: Any, eol: list[str], indent: str) -> None:
        out = self.out
        n = len(out)
        fastyaml.emit_pair(out, prefix, key, value, self.check)
        self.keep_open = len(out) - n > 1 and _BLOCK_HEADER.fullmatch(out[n]) is not None
        if not eol:
            return
        if len(eol) == 1 and _eol_fits(out[n:], prefix, key):
            out[n] += eol[0]
            return
        out[n:n] = [indent + c.lstrip() for c in eol]


def emit_document(
    top: list[tuple[str, Any]],
    items: list[tuple[str, list[tuple[str, Any]]]],
    comments: list[Comment],
    check: PairCheck | None = None,
) -> str:
    """The file as ``fastyaml.emit_document`` writes it, with the comments
    put back next to what they belong to."""
    top_keys = {k for k, _ in top} | {"annotations"}
    item_keys = {aid: {k for k, _ in pairs} for aid, pairs in items}
    above_top: dict[str, list[str]] = {}
    eol_top: dict[str, list[str]] = {}
    above_item: dict[str, list[str]] = {}
    above_key: dict[tuple[str, str], list[str]] = {}
    eol: dict[tuple[str, str], list[str]] = {}
    item_end: dict[str, list[str]] = {}
    end: list[str] = []
    removed: dict[str, list[str]] = {}
    for c in comments:
        if c.where == END:
            end.extend(c.lines)
        elif c.where in (TOP, EOL_TOP):
            key = c.key if c.key in top_keys else "annotations"
            if c.where == EOL_TOP and key == c.key:
                eol_top.setdefault(key, []).extend(c.lines)
            else:
                above_top.setdefault(key, []).extend(line.lstrip() for line in c.lines)
        elif c.item not in item_keys:
            removed.setdefault(c.item, []).extend(line.lstrip() for line in c.lines)
        elif c.where == ITEM:
            above_item.setdefault(c.item, []).extend(c.lines)
        elif c.key not in item_keys[c.item]:
            item_end.setdefault(c.item, []).extend(line.lstrip() for line in c.lines)
        elif c.where == KEY:
            above_key.setdefault((c.item, c.key), []).extend(c.lines)
        else:
            eol.setdefault((c.item, c.key), []).extend(c.lines)
    w = _Writer(check)
    for key, value in top:
        w.block(above_top.get(key, ()), "")
        w.pair("", key, value, eol_top.get(key, []), "")
    w.block(above_top.get("annotations", ()), "")
    w.out.append(("annotations:" if items else "annotations: []") + "".join(eol_top.get("annotations", ())))
    w.keep_open = False
    for aid, pairs in items:
        first = True
        for key, value in pairs:
            if first:
                w.block(above_item.get(aid, []) + above_key.get((aid, key), []), "")
            else:
                w.block(above_key.get((aid, key), ()), "  ")
            w.pair("- " if first else "  ", key, value, eol.get((aid, key), []), "" if first else "  ")
            first = False
        w.block(item_end.get(aid, ()), "  ")
    w.block(end, "")
    for aid, lines in removed.items():
        w.block([REMOVED_MARKER.format(id=aid), *lines], "")
    return "\n".join(w.out) + "\n"
