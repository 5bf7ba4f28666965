"""A guard every reader of user-written YAML runs first.

libyaml's composer recurses on the C stack: a file of a few hundred thousand
nested brackets crashes the whole process with a segmentation fault, not an
exception. Reading only the parser's events (libyaml keeps that stack on the
heap) finds such a document before anything recursive sees it. It lives in
``transcripts`` because both the corpus (the ``call:`` block of annotation
files) and ``annotations`` read these files.
"""

from __future__ import annotations

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 100
"""Annotation files nest four levels deep."""

_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class TooDeep(ValueError):
    def __init__(self, line: int | None) -> None:
        super().__init__(f"nests more than {MAX_DEPTH} levels deep; refused")
        self.line = line


def check_depth(text: str, loader: type = _Loader) -> None:
    """Raise ``TooDeep`` (with the line) for a document nesting past
    ``MAX_DEPTH``; YAML syntax errors propagate as ``yaml.YAMLError``."""
    parser = loader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise TooDeep(mark.line + 1 if mark is not None else None)
            elif isinstance(event, _CLOSES):
                depth -= 1
    finally:
        parser.dispose()
