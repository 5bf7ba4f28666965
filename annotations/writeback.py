"""The rule every save keeps: what is written reads back, with the safe
loader, as exactly the data that was meant; anything else is not written.

The fast writer (``annotations.fastyaml``) decides by itself when a key or
a value may go unquoted, and one wrong decision used to corrupt a file on
the next save (a hand-added key ``'source: Q4 deck'`` came out as
``source: Q4 deck: slide 7``). So each ``key: value`` pair a save writes is
read back by PyYAML's safe loader and compared, type for type, with what it
was meant to hold. A pair that does not come back the same is written again
the safe way (PyYAML formats it, quoting what needs quoting); if even that
does not come back the same, the save is refused (``UnsafeWrite``) and the
session keeps the edits.

Reading back a whole file on every save would cost three times the save
itself, so pairs are checked, not files: a document is its pairs at fixed
indentation, every pair that was checked once is remembered, and one save
parses only the pairs that are new since the last, all in one document. A
file with comments a user wrote is also read back whole (comments go
between the pairs, where the pair check cannot see them).
"""

from __future__ import annotations

import threading
from typing import Any, Hashable

import yaml

from annotations import yamlio


class UnsafeWrite(yaml.YAMLError):
    """Nothing written: the text would not read back as the data."""


def freeze(value: Any) -> Hashable:
    """A hashable picture of ``value`` in which ``True``, ``1`` and ``1.0``
    differ, as they do in a file (a list and a ``FlowList`` do not)."""
    if isinstance(value, dict):
        return ("map", tuple((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(freeze(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))  # nan == nan here
    return (type(value).__name__, value)


def pair_id(key: Any, value: Any) -> Hashable:
    return (freeze(key), freeze(value))


_VERIFIED: set[tuple[Hashable, tuple[str, ...]]] = set()
"""Pairs (meant data, written lines) already read back the same."""
_VERIFIED_MAX = 500_000
_LOCK = threading.Lock()


class PairCheck:
    """Collects the pairs of one save that still need reading back.

    ``forced``: pairs (as ``pair_id(key, value)``) to format with PyYAML
    itself, found wrong by an earlier attempt of the same save."""

    def __init__(self, forced: set[Hashable] | None = None) -> None:
        self.forced = forced if forced is not None else set()
        self.pending: dict[tuple[Hashable, tuple[str, ...]], tuple[Any, Any]] = {}

    def pyyaml_only(self, key: Any, value: Any) -> bool:
        return bool(self.forced) and pair_id(key, value) in self.forced

    def note(self, key: Any, value: Any, lines: tuple[str, ...]) -> None:
        """``lines``: the pair as written at column 0."""
        entry = (pair_id(key, value), lines)
        if entry not in _VERIFIED:
            self.pending[entry] = (key, value)

    def failures(self) -> set[Hashable]:
        """Read the pending pairs back; the pairs (frozen) that did not come
        back as they were meant."""
        entries = list(self.pending.items())
        self.pending = {}
        bad: set[Hashable] = set()
        _check(entries, bad)
        return bad


def _as_document(entries: list) -> str:
    out: list[str] = []
    for (_, lines), _pair in entries:
        out.append("- " + lines[0])
        out.extend("  " + line if line else line for line in lines[1:])
    return "\n".join(out) + "\n"


def _check(entries: list, bad: set[Hashable]) -> None:
    """Check ``entries`` in one parse; halve the batch where it does not
    parse as one item per pair (a broken pair can swallow its neighbours)."""
    if not entries:
        return
    try:
        got = yaml.load(_as_document(entries), Loader=yamlio.Loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, RecursionError):
        got = None
    if not isinstance(got, list) or len(got) != len(entries):
        if len(entries) == 1:
            bad.add(entries[0][0][0])
            return
        half = len(entries) // 2
        _check(entries[:half], bad)
        _check(entries[half:], bad)
        return
    with _LOCK:
        if len(_VERIFIED) > _VERIFIED_MAX:
            _VERIFIED.clear()
        for (entry, (key, value)), item in zip(entries, got):
            if isinstance(item, dict) and freeze(item) == freeze({key: value}):
                _VERIFIED.add(entry)
            else:
                bad.add(entry[0])


def reads_back(text: str, data: dict[str, Any]) -> bool:
    """Whether the whole ``text`` reads back, with the safe loader, as
    ``data`` (used for files holding comments)."""
    try:
        got = yaml.load(text, Loader=yamlio.Loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return freeze(got) == freeze(data)
