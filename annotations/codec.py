"""Turning the text of an annotation file into the model and back.

Reading validates as it goes and reports every problem with the line it is
on; a file with any error is not used for writing (the store keeps it
read-only), so a problem is reported rather than "repaired" into a loss.
Writing (``annotations.codec_write``, its names importable from here too)
produces the same bytes for the same annotations: known keys in a fixed
order, then the keys a user added by hand, annotations in text order.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
from pathlib import Path
from typing import Any

import yaml

from annotations import comments, fastyaml, yamlio
from annotations.codec_write import annotation_data, file_data, items_data, to_text  # noqa: F401  (the writing, kept apart)
from annotations.field_numbers import MAX_FIELD_INT
from annotations.ids import new_id
from annotations.model import ANNOTATION_KEYS, TOP_KEYS, Annotation, AnnotationFile
from transcripts.call_overrides import OVERRIDE_KEYS, check_override
from transcripts.model import Problem
from transcripts.terminal_safe import text_of_name

FILE_VERSION = 1
_TEXT_KEYS = ("quote", "prefix", "suffix", "speaker", "note", "created", "updated")


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None and node.start_mark else None


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Line of the value of each plain-text key of a mapping node."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out.setdefault(str(k.value), _line(v) or 0)
    return out


def _lines_from_nodes(root: yaml.Node) -> tuple[dict[str, int], list[tuple[int | None, dict[str, int]]]]:
    top = _key_lines(root)
    items: list[tuple[int | None, dict[str, int]]] = []
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "annotations" and isinstance(v, yaml.SequenceNode):
                items = [(_line(item), _key_lines(item)) for item in v.value]
                break
    return top, items


_SURROGATE = re.compile("[\ud800-\udfff]")


_MERGE_TAG = "tag:yaml.org,2002:merge"
_SURROGATE_MESSAGE = (
    "text with an unpaired surrogate escape (like \\ud800) is not valid Unicode; "
    "it could never be saved"
)


def _first_unsafe(root: yaml.Node) -> tuple[str, int] | None:
    """The first thing a save could not write back as the user wrote it,
    with its line: a scalar holding a lone surrogate (only an escape in a
    double-quoted string makes one), or a key written twice in one mapping
    (a loader keeps the last value only, so the next save would drop the
    first). None when there is none."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if _SURROGATE.search(node.value):
                return _SURROGATE_MESSAGE, _line(node) or 1
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE_TAG:
                    line = _line(k) or 1
                    if (k.tag, k.value) in seen:
                        return (
                            f"key {k.value!r} appears twice (first on line {seen[k.tag, k.value]}); "
                            "YAML keeps only the last, so remove or rename one", line,
                        )
                    seen[k.tag, k.value] = line
            for k, v in reversed(node.value):
                stack.extend((v, k))
    return None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.errors = 0

    def error(self, message: str, line: int | None, severity: str = "error") -> None:
        self.problems.append(Problem(str(self.path), message, line, severity))  # type: ignore[arg-type]
        if severity == "error":
            self.errors += 1

    def read(self, text: str, transcript_name: str) -> AnnotationFile:
        af = AnnotationFile(path=self.path, transcript=text_of_name(transcript_name))
        if not text.strip():  # an empty file: no annotations yet
            return af
        fast = fastyaml.parse_document(text)
        found: list = []
        if fast is not None:  # never holds a comment (the fast reader refuses them)
            data, top_lines, item_lines = fast
        else:
            try:
                root = yamlio.compose(text)
                if root is None:  # an empty file: no annotations yet
                    return af
                data = yamlio.construct(root)
            except yamlio.YamlError as exc:
                self.error(exc.message, exc.line)
                return af
            if not isinstance(data, dict):
                self.error("expected a mapping with version, transcript and annotations", _line(root))
                return af
            top_lines, item_lines = _lines_from_nodes(root)
            bad = _first_unsafe(root)
            if bad is not None:
                self.error(*bad)
                return af
            found = comments.scan(text, root)
        for key in data:
            if not isinstance(key, str):
                self.error(f"key {key!r} is not text", top_lines.get(str(key), 1))
                return af
        self._top(af, data, top_lines, item_lines)
        if found and len(af.annotations) == len(item_lines):
            # Ids are final now (missing ones derived); a file with invalid
            # items is read-only, never written, so its comments need no home.
            af.comments = comments.resolve(found, [a.id for a in af.annotations])
        return af

    def _top(
        self,
        af: AnnotationFile,
        data: dict,
        lines: dict[str, int],
        item_lines: list[tuple[int | None, dict[str, int]]],
    ) -> None:
        version = data.get("version")
        if "version" not in data:
            self.error("missing 'version: 1'", 1)
        elif type(version) is not int or version != FILE_VERSION:
            self.error(
                f"unknown version {version!r} (this Earmark reads version {FILE_VERSION})",
                lines.get("version"),
            )
        else:
            af.version = version
        transcript = data.get("transcript")
        if transcript is not None:
            if not isinstance(transcript, str):
                self.error("'transcript' must be a file name", lines.get("transcript"))
            else:
                if transcript != af.transcript:
                    self.error(
                        f"names transcript {transcript!r}, but sits beside {af.transcript!r}",
                        lines.get("transcript"), "warning",
                    )
        sha = data.get("sha256")
        if sha is not None:
            if not isinstance(sha, str):
                self.error("'sha256' must be text (a hex digest)", lines.get("sha256"))
            else:
                af.sha256 = sha
        call = data.get("call")
        if call is not None:
            if not isinstance(call, dict):
                self.error("'call' must be a mapping (company, fiscal_year, quarter)", lines.get("call"))
            elif self._call_ok(call, lines.get("call")):
                af.call = call
        items = data.get("annotations")
        if items is not None:
            if not isinstance(items, list):
                self.error("'annotations' must be a list", lines.get("annotations"))
            else:
                for item, (line, key_lines) in zip(items, item_lines):
                    a = self._annotation(item, line, key_lines)
                    if a is not None:
                        af.annotations.append(a)
        af.extra = {k: v for k, v in data.items() if k not in TOP_KEYS}
        self._check_ids(af)

    def _call_ok(self, call: dict, line: int | None) -> bool:
        """The corrections a user wrote, by the rules the corpus reads them
        with; a wrong one is an error here (the file would be written back
        with it), a warning where the corpus ignores it."""
        ok = True
        for key in OVERRIDE_KEYS:
            if call.get(key) is not None:
                _, message = check_override(key, call[key])
                if message:
                    self.error(f"call.{key}: {message}", line)
                    ok = False
        return ok

    def _annotation(self, item: Any, line: int | None, key_lines: dict[str, int]) -> Annotation | None:
        if not isinstance(item, dict):
            self.error("an annotation must be a mapping (id, tags, start, end, quote, ...)", line)
            return None
        before = self.errors

        def at(key: str) -> int | None:
            return key_lines.get(key) or line

        def integer(key: str) -> int:
            v = item.get(key)
            if key not in item:
                self.error(f"annotation has no '{key}'", line)
            elif type(v) is not int or v < 0:
                self.error(f"'{key}' must be a whole number >= 0, not {_short(v)}", at(key))
            elif v > MAX_OFFSET:
                self.error(f"'{key}' is {_short(v)}, past the end of any transcript (at most {MAX_OFFSET:,})", at(key))
            else:
                return v
            return 0

        start, end = integer("start"), integer("end")
        if self.errors == before and start > end:
            self.error(f"start {start} is after end {end}", at("start"))
        quote = item.get("quote")
        if not isinstance(quote, str) or not quote:
            what = "has no 'quote'" if quote is None else "'quote' must be non-empty text"
            self.error(f"annotation {what}", at("quote"))
        texts: dict[str, str] = {}
        for key in _TEXT_KEYS[1:]:
            v = item.get(key)
            if v is None:
                continue
            if not isinstance(v, str):
                self.error(f"'{key}' must be text (put it in quotes), not {_short(v)}", at(key))
            else:
                texts[key] = v
                if key in ("created", "updated") and not _is_timestamp(v):
                    # Kept as written (it is only shown): a warning, so the
                    # file stays writable.
                    self.error(
                        f"'{key}' is not a real date and time like 2026-11-21T10:00:00Z: {_short(v)}",
                        at(key), "warning",
                    )
        raw_id = item.get("id")
        if raw_id is not None and not isinstance(raw_id, str):
            self.error(f"'id' must be text (put it in quotes), not {raw_id!r}", at("id"))
        tags = item.get("tags")
        if tags is None:
            tags = []
        elif isinstance(tags, str):
            tags = [tags]
        elif not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            self.error("'tags' must be a list of names, like [metric]", at("tags"))
            tags = []
        fields = item.get("fields")
        if fields is None:
            fields = {}
        elif not isinstance(fields, dict):
            self.error("'fields' must be a mapping, like {value: 220, unit: USD million}", at("fields"))
            fields = {}
        else:
            for k, v in fields.items():
                problem = _field_problem(k, v)
                if problem:
                    self.error(problem, at("fields"))
        if self.errors != before:
            return None
        extra = {k: v for k, v in item.items() if k not in ANNOTATION_KEYS or k in ("author", "reviewed")}
        # ``author:`` and ``reviewed:`` came after files were written with
        # hand keys of those names (``reviewed: yes``): a value of another
        # shape stays a hand-written key, kept exactly as written.
        author = item.get("author")
        if not isinstance(author, str) or not author:
            author = None
        elif "author" in extra:
            del extra["author"]
        reviewed = item.get("reviewed")
        if not _review_ok(reviewed):
            reviewed = None
        else:
            extra.pop("reviewed", None)
        return Annotation(
            id=raw_id or "",
            start=start,
            end=end,
            quote=quote,
            tags=list(dict.fromkeys(tags)),
            prefix=texts.get("prefix", ""),
            suffix=texts.get("suffix", ""),
            speaker=texts.get("speaker"),
            note=texts.get("note", ""),
            fields=fields,
            created=texts.get("created", ""),
            updated=texts.get("updated", ""),
            extra=extra,
            line=line,
            author=author or "",
            reviewed=dict(reviewed) if reviewed is not None else None,
        )

    def _check_ids(self, af: AnnotationFile) -> None:
        seen: dict[str, Annotation] = {}
        for a in af.annotations:
            if not a.id:
                continue
            if a.id in seen:
                self.error(
                    f"id {a.id!r} is used twice (also on line {seen[a.id].line})", a.line,
                )
            seen[a.id] = a
        taken = set(seen)
        for a in af.annotations:  # hand-written annotations may leave the id out
            if not a.id:
                # Derived from the annotation, so every reading of the file
                # gives the same id (a merge must recognise it).
                digest = hashlib.sha1(f"{a.start}:{a.end}:{a.quote}".encode()).hexdigest()
                candidate = "a" + digest[:6]
                a.id = candidate if candidate not in taken else new_id(taken)
                taken.add(a.id)


def _review_ok(value: Any) -> bool:
    """``{by: name, at: time}``: a mapping of text keys to plain values."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and (v is None or isinstance(v, (str, int, float, bool))) for k, v in value.items()
    )


MAX_OFFSET = 2**31 - 1
"""Offsets index a transcript's text; none is 2 GB long."""

_TIMESTAMP = re.compile(
    r"(\d{4}-\d\d-\d\d)(?:[Tt ](\d\d?):(\d\d):(\d\d)(?:\.\d+)?[ \t]*(?:Z|[-+]\d\d?(?::?\d\d)?)?)?"
)


def _is_timestamp(text: str) -> bool:
    """A YAML timestamp naming a real moment (``2026-02-30`` is none)."""
    m = _TIMESTAMP.fullmatch(text.strip())
    if m is None:
        return False
    try:
        datetime.date.fromisoformat(m.group(1))
    except ValueError:
        return False
    return m.group(2) is None or (int(m.group(2)) < 24 and int(m.group(3)) < 60 and int(m.group(4)) < 61)


def _field_problem(key: Any, value: Any) -> str | None:
    if not isinstance(key, str):
        return f"'fields' keys must be names, not {_short(key)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'fields.{key}' must be a finite number, not {value!r}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_FIELD_INT:
        return f"'fields.{key}' is too large a number ({_short(value)})"
    if not (isinstance(value, (str, int, float)) or value is None):
        return f"'fields.{key}' must be a number or text, not {_short(value)}"
    return None


def _short(value: Any) -> str:
    """``repr`` cut to a length that fits a one-line message."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit number"
    return text if len(text) <= 60 else text[:57] + "..."


def read_text(text: str, path: Path, transcript_name: str) -> tuple[AnnotationFile, list[Problem]]:
    """Parse and validate; problems of severity ``error`` make the file unusable
    for writing."""
    reader = _Reader(path)
    af = reader.read(text, transcript_name)
    af.sort()
    return af, reader.problems
