"""PDF transcripts read straight from the folder: the text a reader wants
(no running headers, footers or page numbers; wrapped lines joined into
paragraphs; speaker lines kept), and clear one-line errors for PDFs that
hold no text."""

from __future__ import annotations

import json

import pytest

from format_fixtures import (
    ANALYST_Q, CEO_ANSWER, CFO_GUIDE, CFO_OPENING, FOOTER, HEADER, SPEAKERS, write_call_pdf,
    write_scanned_pdf,
)
from transcripts import load_corpus, parse_file
from transcripts.reading import TranscriptError
from tui import cli


def _speech(call, turn) -> str:
    return call.text[turn.start : turn.end]


@pytest.mark.parametrize("words_apart", [False, True], ids=["whole-lines", "words-placed-apart"])
def test_a_two_page_pdf_reads_as_its_speakers_said_it(tmp_path, words_apart):
    path = tmp_path / "acme-2024-q3.pdf"
    doc = write_call_pdf(path, words_apart=words_apart)
    call = parse_file(path)
    assert call.format == "pdf"
    assert [t.speaker.name for t in call.turns] == SPEAKERS
    # wrapped lines are joined back into the paragraphs that were spoken,
    # across the page break too, and each paragraph is one line of the text
    assert _speech(call, call.turns[1]) == f"{CFO_OPENING}\n{CFO_GUIDE}"
    assert _speech(call, call.turns[3]) == ANALYST_Q
    assert _speech(call, call.turns[4]) == CEO_ANSWER
    assert call.speakers[1].title == "Chief Financial Officer"
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)
    assert len(doc.pages) >= 2


def test_running_headers_footers_and_page_numbers_are_not_speech(tmp_path):
    path = tmp_path / "acme.pdf"
    doc = write_call_pdf(path)
    call = parse_file(path)
    for line in FOOTER + ["Page 1 of", "Page 2 of"]:
        assert line not in call.text
    # the first page's header is kept once, at the top, where it names the call
    assert call.text.startswith(f"{HEADER[0]}\n{HEADER[1]}\n")
    assert call.text.count(HEADER[0]) == 1
    speech = "".join(_speech(call, t) for t in call.turns)
    assert "Example Research" not in speech and "www.example.com" not in speech
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)  # from the header
    assert len(doc.pages) == 2


def test_show_json_offsets_index_the_pdf_text(tmp_path, capsys):
    path = tmp_path / "acme-2024-q3.pdf"
    write_call_pdf(path)
    assert cli.main(["show", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    call = parse_file(path)
    assert shown["format"] == "pdf"
    assert [t["speaker"] for t in shown["turns"]] == SPEAKERS
    for t in shown["turns"]:
        assert t["text"] == call.text[t["start"] : t["end"]]


def test_a_scanned_pdf_is_one_line_error_and_the_rest_still_loads(tmp_path, capsys):
    write_scanned_pdf(tmp_path / "scan.pdf")
    write_call_pdf(tmp_path / "acme-2024-q3.pdf")
    corpus = load_corpus([tmp_path])
    assert [c.format for c in corpus.calls] == ["pdf"]
    assert [str(e) for e in corpus.errors] == [
        f"{tmp_path / 'scan.pdf'}: no text layer: a scanned PDF? Earmark reads a PDF's text; run it through OCR first"
    ]
    code = cli.main(["calls", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1 and "Acme" in out
    assert err.strip().splitlines() == [str(corpus.errors[0])]


@pytest.mark.parametrize("cut", [20, 200, -40])
def test_a_damaged_pdf_says_so_in_one_line(tmp_path, cut):
    good = tmp_path / "good.pdf"
    write_call_pdf(good)
    data = good.read_bytes()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data[:cut] if cut > 0 else data[:cut] + b"\x00garbage")
    try:
        call = parse_file(bad)
    except TranscriptError as exc:  # refused, with a message for the user
        message = str(exc)
        assert message.startswith(f"{bad}: ") and "\n" not in message
        assert "PDF" in message
    else:  # PDFium repairs a damaged cross-reference table: then it reads
        assert call.format == "pdf" and call.turns


def test_a_pdf_named_txt_is_still_read_as_a_pdf(tmp_path):
    write_call_pdf(tmp_path / "acme.pdf")
    renamed = tmp_path / "acme-2024-q3.txt"
    (tmp_path / "acme.pdf").rename(renamed)
    call = parse_file(renamed)
    assert call.format == "pdf"
    assert [t.speaker.name for t in call.turns] == SPEAKERS


def test_pdfs_are_found_in_folders_cached_and_parsed_in_workers(tmp_path, monkeypatch):
    from transcripts import corpus as corpus_module

    for i in range(8):
        write_call_pdf(tmp_path / f"acme-{2016 + i}-q3.pdf")
    monkeypatch.setattr(corpus_module, "PARALLEL_THRESHOLD", 4)
    pooled = load_corpus([tmp_path], workers=2)
    assert len(pooled.calls) == 8 and not pooled.errors
    assert {c.format for c in pooled.calls} == {"pdf"}

    def refuse(path, data):
        pytest.fail(f"{path} was extracted again")

    monkeypatch.setattr(corpus_module, "parse_bytes", refuse)
    again = load_corpus([tmp_path])  # every PDF comes from the cache
    assert [(c.id, c.text, c.format) for c in again.calls] == [(c.id, c.text, c.format) for c in pooled.calls]


def test_the_cache_is_keyed_on_the_extractor(tmp_path, monkeypatch):
    """A new version of the PDF library may extract other text: calls
    cached by the old one are parsed again."""
    from transcripts import cache, formats

    write_call_pdf(tmp_path / "acme.pdf")
    load_corpus([tmp_path])
    before = cache.parser_fingerprint()
    cache.parser_fingerprint.cache_clear()
    monkeypatch.setattr(formats.pdf, "library_version", lambda: "pypdfium2-99.0.dist-info")
    try:
        assert cache.parser_fingerprint() != before
    finally:
        cache.parser_fingerprint.cache_clear()


def test_a_pdf_may_weigh_more_than_a_text_file(tmp_path):
    """Fonts and pictures make a PDF of a call far larger than its text:
    20 MB is over the limit for text, not for a PDF."""
    from transcripts.reading import MAX_PDF_BYTES, MAX_TRANSCRIPT_BYTES

    size = 20 * 1024 * 1024
    assert MAX_TRANSCRIPT_BYTES < size < MAX_PDF_BYTES
    heavy = b"%PDF-1.4\n" + b"%" * size
    (tmp_path / "big.txt").write_bytes(b"Operator\n" * (size // 9))
    (tmp_path / "big.pdf").write_bytes(heavy)
    messages = {e.path.rsplit("/", 1)[1]: e.message for e in load_corpus([tmp_path]).errors}
    assert "over the 16 MB limit" in messages["big.txt"]
    assert messages["big.pdf"] == "not a readable PDF (damaged or incomplete)"  # read, not refused unread


def test_the_documents_title_names_the_call_when_nothing_else_does(tmp_path):
    from benchmarks.pdf_writer import Page, TextLine, write_pdf

    lines = [TextLine("Operator", 50, 700), TextLine("Good day and welcome to the call, everyone.", 50, 680)]
    path = tmp_path / "download (3).pdf"
    path.write_bytes(write_pdf([Page(lines)], title="Acme Corp Q3 2024 Earnings Call"))
    call = parse_file(path)
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)
    path.write_bytes(write_pdf([Page(lines)]))
    assert parse_file(path).quarter is None  # the title, not the text, said so


def test_a_line_pdfium_gives_no_box_for_is_kept_not_a_damaged_page():
    """Wide characters (an emoji) can shift PDFium's character indices; a
    line whose box cannot be had is still read."""
    from transcripts.formats.pdf import _page_lines

    class TextPage:
        def get_text_range(self):
            return "Jane Roe - CFO\r\nRevenue grew \U0001F680 12%.\r\n"

        def get_charbox(self, i):
            if i > 20:
                raise ValueError("index out of range")
            return (50.0, 700.0 - i, 60.0, 710.0 - i)

        def close(self):
            pass

    class Page:
        def get_size(self):
            return (612.0, 792.0)

        def get_textpage(self):
            return TextPage()

    lines = _page_lines(Page()).lines
    assert [ln.text for ln in lines] == ["Jane Roe - CFO", "Revenue grew \U0001F680 12%."]


def test_show_says_the_calls_format(tmp_path, capsys):
    path = tmp_path / "acme-2024-q3.pdf"
    write_call_pdf(path)
    assert cli.main(["show", str(path)]) == 0
    assert "format: pdf" in capsys.readouterr().out
