"""Highlights and tags on transcripts: the annotation model, the YAML file
beside each transcript (validated, saved atomically, merged instead of
overwritten), re-anchoring when a transcript changes, and number pre-fill.

Imports ``transcripts``, never Textual or ``tui``.

The names below are imported on first use: a warm ``earmark annotations``
or ``export`` takes placed annotations from a memo and needs neither the
session nor the anchoring (with the matching and identity they import,
about 0.2 s of such a command's start).
"""

from __future__ import annotations

from importlib import import_module

_WHERE = {
    "Annotation": "annotations.model", "AnnotationFile": "annotations.model",
    "CallAnnotations": "annotations.session", "ReadOnlyError": "annotations.session",
    "SaveResult": "annotations.session",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'annotations' has no attribute {name!r}")
    return getattr(import_module(where), name)
