"""A tiny PDF writer, so tests and benchmarks can make the PDFs they read.

Real transcripts arrive as PDFs from research terminals; none can be
shipped, and a PDF library only to write test files would be a heavy
dependency for a few hundred lines of need. This writes what our reader
must cope with: several pages of text in the standard Helvetica font (no
font file to embed), optionally compressed content streams, words placed
one by one with no space characters between them (as many real PDFs do, so
an extractor must infer the spaces from the gaps), and image-only pages
(a scanned document, with no text layer at all).

Only the subset of PDF needed for that is written; the output is a valid
PDF 1.4 file with a correct cross-reference table.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

PAGE_WIDTH = 612
PAGE_HEIGHT = 792
_WIDTHS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,-()$%':;?!&/",
    (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
     500, 278, 556, 500, 722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500,
     667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278,
     278, 333, 333, 333, 556, 889, 191, 278, 278, 556, 278, 667, 278),
))
"""Helvetica's advance widths (thousandths of the font size), so words
placed one by one sit where a real PDF writer would put them."""


def text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(c, 556) for c in text) * size / 1000


@dataclass
class TextLine:
    """One line of text at ``x``/``y`` (points from the page's bottom left)."""

    text: str
    x: float
    y: float
    size: float = 10.0
    words_apart: bool = False
    """Place each word with its own position and no space character."""


@dataclass
class Page:
    lines: list[TextLine] = field(default_factory=list)
    image: bool = False
    """Draw a grey image covering the page (a scan): with no lines, the
    page has no text layer."""


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(page: Page) -> bytes:
    out: list[bytes] = []
    if page.image:
        out.append(b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (PAGE_WIDTH, PAGE_HEIGHT))
    for line in page.lines:
        out.append(b"BT /F1 %.1f Tf" % line.size)
        if line.words_apart:
            x = line.x
            for word in line.text.split(" "):
                if word:
                    out.append(b"1 0 0 1 %.2f %.2f Tm (%s) Tj" % (x, line.y, _escape(word)))
                x += text_width(word + " ", line.size)
        else:
            out.append(b"1 0 0 1 %.2f %.2f Tm (%s) Tj" % (line.x, line.y, _escape(line.text)))
        out.append(b"ET")
    return b"\n".join(out)


def write_pdf(pages: list[Page], compress: bool = False, title: str | None = None) -> bytes:
    """The bytes of a PDF holding ``pages`` (and ``title`` in its properties)."""
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        if compress:
            data = zlib.compress(data)
            extra += b" /Filter /FlateDecode"
        return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)

    catalog = add(b"")  # filled in below, once the pages object exists
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(stream(bytes([128]) * 64, b" /Type /XObject /Subtype /Image /Width 8 /Height 8"
                       b" /ColorSpace /DeviceGray /BitsPerComponent 8"))
    kids = []
    for page in pages:
        content = add(stream(_content(page)))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
            % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, content, font, image)
        ))
    info = add(b"<< /Title (%s) /Producer (Earmark tests) >>" % _escape(title)) if title else None
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, b" /Info %d 0 R" % info if info else b"", xref)
    return bytes(out)


def wrap(text: str, width: int) -> list[str]:
    """``text`` hard-wrapped at ``width`` characters, as a PDF lays out speech."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


@dataclass
class Document:
    """A transcript laid out on pages, with what a reader should get back."""

    pages: list[Page]
    body: list[str]
    """The lines of speech and speaker lines in reading order, unwrapped:
    one paragraph or speaker line each, without headers and footers."""


def layout_transcript(
    blocks: list[tuple[str, str]],
    header: list[str],
    footer: list[str],
    width: int = 90,
    lines_per_page: int = 48,
    words_apart: bool = False,
    page_numbers: bool = True,
) -> Document:
    """Pages of a transcript: ``blocks`` are ``(speaker line, speech)`` pairs
    (speech paragraphs separated by ``\\n``); every page gets ``header`` at
    the top and ``footer`` (plus ``Page N of M``) at the bottom."""
    flow: list[tuple[str, bool]] = []  # (line, gap before it)
    body: list[str] = []
    for speaker, speech in blocks:
        flow.append((speaker, True))
        body.append(speaker)
        for para in speech.split("\n"):
            wrapped = wrap(para, width)
            for i, line in enumerate(wrapped):
                flow.append((line, i == 0))
            body.append(" ".join(wrapped))
    chunks = [flow[i : i + lines_per_page] for i in range(0, len(flow), lines_per_page)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks, 1):
        lines = []
        y = PAGE_HEIGHT - 40
        for h in header:
            lines.append(TextLine(h, 50, y, 8))
            y -= 11
        y -= 14
        for text, gap in chunk:
            if gap and lines:
                y -= 6
            lines.append(TextLine(text, 50, y, 10, words_apart))
            y -= 12.5
        y = 50
        for f in footer:
            lines.append(TextLine(f, 50, y, 8))
            y -= 10
        if page_numbers:
            lines.append(TextLine(f"Page {n} of {len(chunks)}", 500, 50, 8))
        pages.append(Page(lines))
    return Document(pages, body)
