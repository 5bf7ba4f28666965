"""No format reader raises on any bytes: it returns text, or refuses the
file with our one-line error naming it. The text is always fit to show
and to take offsets into."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from format_fixtures import HTML_PAGE, SRT, VTT, JSON_DATASET, call_pdf
from benchmarks.pdf_writer import write_pdf
from transcripts.formats import FORMATS, read_source
from transcripts.parser import parse_text
from transcripts.reading import TranscriptError

PATH = "/calls/acme.bin"
SEEDS = {
    "pdf": write_pdf(call_pdf().pages),
    "html": HTML_PAGE.encode(),
    "json": json.dumps(JSON_DATASET).encode(),
    "vtt": VTT.encode(),
    "srt": SRT.encode(),
    "txt": b"Operator\nWelcome to the call.\nJane Roe - CFO\nRevenue grew 12%.\n",
}
SIGNATURES = [b"%PDF-1.4\n", b"WEBVTT\n\n", b"<!DOCTYPE html>", b"<html>", b"{", b"[", b"1\n00:00:01,000 --> 00:00:02,000\n", b""]


def _check(reader, data: bytes, path: str = PATH) -> None:
    try:
        source = reader(path, data)
    except TranscriptError as exc:
        message = str(exc)
        assert message == f"{exc.problem.path}{'' if exc.problem.line is None else f':{exc.problem.line}'}: {exc.problem.message}"
        assert exc.problem.path == path and message.startswith(path)
        assert "\n" not in message and "Traceback" not in message
        return
    text = source.text
    assert text.strip() and "\r" not in text
    if source.format not in ("txt", "md"):  # plain text is kept as written, every character
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text), "control characters in the text"
    parse_text(text, path)  # and the parser takes whatever a reader gives


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        if out:
            out[at % len(out)] = value
    return bytes(out)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=400))
def test_any_bytes_give_text_or_a_one_line_error(fmt, prefix, body):
    _check(fmt.read, prefix + body)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@settings(max_examples=40, deadline=None)
@given(seed=st.sampled_from(sorted(SEEDS)), edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
       cut=st.integers(0, 10**6))
def test_damaged_real_files_give_text_or_a_one_line_error(fmt, seed, edits, cut):
    data = _mutate(SEEDS[seed], edits)
    data = data[: cut % (len(data) + 1)] if cut % 3 == 0 else data
    _check(fmt.read, data)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["speaker", "text", "name", "title", "firm", "content", "symbol", "quarter",
                         "year", "date", "prepared_remarks", "q_and_a", "participants", "turns", "x"]),
        inner, max_size=6),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(doc=_json)
def test_any_json_document_gives_text_or_a_one_line_error(doc):
    _check(read_source, json.dumps(doc).encode())


_cue_line = st.one_of(
    st.just("00:00:01.000 --> 00:00:02.000"), st.just(""), st.just("WEBVTT"), st.just("NOTE x"),
    st.builds(lambda n, t: f"<v Speaker {n}>{t}</v>", st.integers(0, 3), st.text(max_size=20)),
    st.builds(lambda n, t: f"Speaker {n}: {t}", st.integers(0, 3), st.text(max_size=20)),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_cue_line, max_size=20), suffix=st.sampled_from([".vtt", ".srt"]))
def test_any_caption_lines_give_text_or_a_one_line_error(lines, suffix):
    _check(read_source, "\n".join(lines).encode(), "/calls/acme" + suffix)


_html_piece = st.one_of(
    st.sampled_from(["<p>", "</p>", "<article>", "</article>", "<nav>", "</nav>", "<br>", "<pre>", "</pre>",
                     "<script>", "</script>", "<main>", "</main>", "&amp;", "&#0;", "&#x1b;", "<!--", "-->",
                     "<strong>", "</strong>", "<header>", "</header>", "<", ">", "&"]),
    st.text(max_size=15),
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_html_piece, max_size=40))
def test_any_markup_gives_text_or_a_one_line_error(pieces):
    _check(read_source, ("<html>" + "".join(pieces)).encode(), "/calls/acme.html")
