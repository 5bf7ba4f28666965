"""The ``call:`` block of a transcript's annotation file: a user's
corrections of the company, fiscal period, date or title Earmark inferred.

Only these few keys are read here (the rest of the file belongs to
``annotations``), and a malformed file never stops a corpus from loading: a
bad ``call:`` block, or a file that is not a mapping, becomes a warning
``path:line: message`` on the call and the inferred metadata stands. Broken
YAML among the annotations themselves is reported by the annotation store
(the reader, ``earmark check``, ``export``) rather than here, so that loading
1,000 annotated calls does not parse every annotation twice.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from transcripts.model import Problem
from transcripts.sidecar import MAX_SIDECAR_BYTES, sidecar_path
from transcripts.sidecar_read import NotAFile, SidecarTooBig, read_sidecar_bytes
from transcripts.yaml_guard import SafeTextLoader as _Loader
from transcripts.yaml_guard import TooDeep, check_depth

OVERRIDE_KEYS = ("company", "fiscal_year", "quarter", "date", "title")


@dataclass
class SidecarInfo:
    """What the domain of calls needs from an annotation file.

    The annotation count is read only when asked for (``earmark calls``,
    ``earmark show``): counting means parsing every annotation, which the
    annotation store does anyway whenever the annotations are used."""

    path: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _count: int | None = field(default=None, repr=False)
    counted: Callable[[int], None] | None = field(default=None, repr=False, compare=False)
    """Told the count once it has been taken (the catalog remembers it)."""

    @property
    def annotation_count(self) -> int:
        if self._count is None:
            self._count = _count_annotations(self.path)
            if self.counted is not None:
                self.counted(self._count)
        return self._count

    @annotation_count.setter
    def annotation_count(self, value: int) -> None:
        self._count = value

    @property
    def known_count(self) -> int | None:
        """The count if it has been taken (None: asking would parse)."""
        return self._count


_CALL_LINE = re.compile(rb"^call[ \t]*:", re.M)
_TOP_KEY = re.compile(r"[^\s#\-\[{?&*!|>'\"%@`][^\n]*?:(\s|$)")


def read_sidecar_info(transcript: str | Path) -> SidecarInfo | None:
    """None when the transcript has no annotation file (the common case).

    Loading a folder calls this for every annotated call, so it avoids
    parsing whole files: one with no top-level ``call:`` line has no
    corrections and is not parsed at all; otherwise only the ``call:``
    block is. Anything unusual (not a mapping, a block that does not parse
    on its own) falls back to parsing the whole file, which gives the exact
    warning and line. Errors elsewhere in the file are the annotation
    store's to report when the annotations are read."""
    path = sidecar_path(transcript)
    if not os.path.lexists(path):
        return None
    info = SidecarInfo(path)
    try:
        data, _ = read_sidecar_bytes(path)
    except NotAFile:  # a pipe would block the whole load
        info.problems.append(_warn(path, "annotation file is not a regular file (a pipe, socket or device); not read"))
        info.annotation_count = 0
        return info
    except SidecarTooBig:
        info.problems.append(_warn(path, f"annotation file is over {MAX_SIDECAR_BYTES // 2**20} MB; not read"))
        info.annotation_count = 0
        return info
    except FileNotFoundError:
        return None
    except OSError as exc:
        info.problems.append(_warn(path, f"cannot read annotation file: {_reason(exc)}"))
        info.annotation_count = 0
        return info
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        info.problems.append(_warn(path, f"cannot read annotation file: {_reason(exc)}"))
        return info
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    calls = _CALL_LINE.findall(body)
    if not calls and _looks_like_a_mapping(text):
        return info
    if len(calls) == 1:
        block_text = _call_block(text)
        if block_text is not None:
            try:
                doc = _safe_load(block_text)
            except (yaml.YAMLError, TooDeep):
                doc = None
            if isinstance(doc, dict) and isinstance(doc.get("call"), dict):
                _read_document(info, doc, text)
                return info
    doc, problem = _parse_whole(path, text)
    if problem is not None:
        info.problems.append(problem)
        info.annotation_count = 0
        return info
    info.annotation_count = 0  # unless the document has a list of them
    _read_document(info, doc, text)
    return info


def _looks_like_a_mapping(text: str) -> bool:
    """Whether the first line that holds data is a plain ``key:``, as in
    every annotation file Earmark writes (cheap; no parse)."""
    for line in text.split("\n", 50)[:50]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---" or stripped.startswith("%"):
            continue
        return _TOP_KEY.match(line) is not None
    return True  # empty or only comments: nothing to read


def _call_block(text: str) -> str | None:
    """The top-level ``call:`` line and the indented lines under it, as a
    small document of its own (blank lines where the rest was, so YAML's
    line numbers are the file's)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"call[ \t]*:", line):
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
                end += 1
            return "\n" * i + "\n".join(lines[i:end]) + "\n"
    return None


def _safe_load(text: str) -> Any:
    """A safe load that cannot crash the process on a hostile nesting."""
    check_depth(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def _parse_whole(path: Path, text: str) -> tuple[Any, Problem | None]:
    try:
        return _safe_load(text), None
    except TooDeep as exc:
        return None, _warn(path, f"{exc}; metadata corrections ignored", exc.line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, _warn(path, f"not valid YAML ({problem}); metadata corrections ignored", line)


def _count_annotations(path: Path) -> int:
    try:
        doc = _safe_load(read_sidecar_bytes(path)[0].decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TooDeep):
        return 0
    annotations = doc.get("annotations") if isinstance(doc, dict) else None
    return len(annotations) if isinstance(annotations, list) else 0


def _read_document(info: SidecarInfo, doc: Any, text: str) -> None:
    if doc is None:
        return
    if not isinstance(doc, dict):
        info.problems.append(_warn(info.path, "annotation file is not a mapping of keys; ignored", 1))
        return
    annotations = doc.get("annotations")
    if isinstance(annotations, list):
        info.annotation_count = len(annotations)
    block = doc.get("call")
    if block is None:
        return
    if not isinstance(block, dict):
        info.problems.append(_warn(info.path, "'call:' must be a mapping of keys; ignored", _line_of(text, None)))
        return
    for key in OVERRIDE_KEYS:
        if key in block and block[key] is not None:
            value, message = _check(key, block[key])
            if message:
                info.problems.append(_warn(info.path, f"call.{key}: {message}; ignored", _line_of(text, key)))
            else:
                info.overrides[key] = value


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    """The cleaned value, or a message saying what is wrong with it."""
    if key in ("company", "title"):
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip(), None
        return None, "expected a non-empty text"
    if key == "fiscal_year":
        year = _as_int(value)
        if year is not None and 1900 <= year <= 2200:
            return year, None
        return None, f"expected a year such as 2024, got {value!r}"
    if key == "quarter":
        quarter = _as_int(re.sub(r"^[Qq]", "", value) if isinstance(value, str) else value)
        if quarter in (1, 2, 3, 4):
            return quarter, None
        return None, f"expected 1, 2, 3 or 4, got {value!r}"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10], None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None, f"{value.strip()} is not a real date"
        return value.strip(), None
    return None, f"expected a date such as 2024-10-24, got {value!r}"


def check_override(key: str, value: Any) -> tuple[Any, str | None]:
    """The cleaned value of one ``call:`` key, or what is wrong with it (the
    annotation reader checks the block by the same rules)."""
    return _check(key, value)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())  # ("²".isdigit() is true, but int("²") fails)
    return None


def _line_of(text: str, key: str | None) -> int | None:
    """Line of ``call:`` (or of ``key`` inside it), for the message."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"call\s*:", line):
            if key is None:
                return i + 1
            for j in range(i + 1, len(lines)):
                if lines[j] and not lines[j][0].isspace():
                    break
                if re.match(rf"\s+{key}\s*:", lines[j]):
                    return j + 1
            return i + 1
    return None


def _warn(path: Path, message: str, line: int | None = None) -> Problem:
    return Problem(str(path), message, line, "warning")


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8"
    return getattr(exc, "strerror", None) or str(exc)
