"""Highlights and tags on transcripts: the annotation model, the YAML file
beside each transcript (validated, saved atomically, merged instead of
overwritten), re-anchoring when a transcript changes, and number pre-fill.

Imports ``transcripts``, never Textual or ``tui``.
"""

from annotations.model import Annotation, AnnotationFile
from annotations.session import CallAnnotations, ReadOnlyError, SaveResult

__all__ = ["Annotation", "AnnotationFile", "CallAnnotations", "ReadOnlyError", "SaveResult"]
