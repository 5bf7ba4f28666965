"""Annotations on a PDF: beside the source, recording the source's hash,
and found again when a newer extractor reads the same PDF differently."""

from __future__ import annotations

import hashlib

import yaml

from format_fixtures import CEO_ANSWER, CFO_GUIDE, write_call_pdf
from annotations.session import CallAnnotations
from transcripts.corpus import parse_file
from transcripts.formats import pdf

WRAPPED = "approximately 31% as the new data centres come online"
"""Wrapped over two lines of the PDF (at 80 columns)."""
ONE_LINE = "October is tracking in line with our"


def _old_extractor(pages):
    """What a plainer extractor gave: every line as the page has it (hard
    wraps kept, running headers and footers left in)."""
    return "\n".join(ln.text for page in pages for ln in page.lines) + "\n"


def _span(text: str, words: str) -> tuple[int, int]:
    """Where ``words`` sit in ``text``, whatever white space separates them."""
    import re

    m = re.search(r"\s+".join(map(re.escape, words.split())), text)
    assert m, words
    return m.span()


def test_the_annotation_file_sits_beside_the_pdf_and_records_its_bytes(tmp_path):
    path = tmp_path / "acme-q3.pdf"
    write_call_pdf(path)
    call = parse_file(path)
    s = CallAnnotations(call)
    s.add(*_span(call.text, WRAPPED), ["guidance"])
    assert s.save().ok
    sidecar = tmp_path / "acme-q3.annotations.yaml"
    doc = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert doc["transcript"] == "acme-q3.pdf"
    assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc["annotations"][0]["quote"] == WRAPPED


def test_annotations_survive_a_re_extraction_that_changes_line_breaks(tmp_path, monkeypatch):
    path = tmp_path / "acme-q3.pdf"
    write_call_pdf(path)
    monkeypatch.setattr(pdf, "compose", _old_extractor)
    old = parse_file(path)
    assert "\n" in old.text[slice(*_span(old.text, WRAPPED))]  # the quote holds a hard wrap
    s = CallAnnotations(old)
    wrapped = s.add(*_span(old.text, WRAPPED), ["guidance"]).id
    one_line = s.add(*_span(old.text, ONE_LINE), ["metric"]).id
    assert s.save().ok
    monkeypatch.undo()

    new = parse_file(path)  # today's extractor: paragraphs joined, furniture dropped
    assert new.text != old.text and new.sha256 == old.sha256
    reopened = CallAnnotations(new)
    moved = reopened.get(one_line)
    assert moved.status == "moved"
    assert new.text[moved.start : moved.end] == ONE_LINE
    found = reopened.get(wrapped)
    assert found.status in ("moved", "fuzzy")
    assert " ".join(new.text[found.start : found.end].split()) == WRAPPED
    assert new.text[found.start : found.end] in CFO_GUIDE
    assert ONE_LINE in CEO_ANSWER and found.speaker == "Jane Roe" and moved.speaker == "John Smith"
