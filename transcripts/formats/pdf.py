"""PDF transcripts, read from their text layer with PDFium (``pypdfium2``).

PDFium was chosen by measuring it against pypdf and pdfplumber on generated
transcripts (``benchmarks/compare_libraries.py``): the same word fidelity,
spaces inferred where words are placed one by one (pdfplumber lost them),
and 6 to 30 times the speed of pypdf, in a permissively licensed wheel with
no compiler needed. PDFium is not thread-safe, and the app reads calls in
worker threads, so every use of it holds one lock.

Lines come with their place on the page (the first character's box), which
``transcripts.formats.pdf_layout`` uses to tell a paragraph break from a
wrapped line and a running header from speech.
"""

from __future__ import annotations

import re
import threading

from transcripts.formats.base import Format, FormatError, Source, StatedMetadata, source_from_text
from transcripts.formats.pdf_layout import PdfLine, PdfPage, compose

MAX_PAGES = 2000
"""A transcript runs to a few dozen pages; past this it is something else."""

_LOCK = threading.Lock()
_SEGMENT = re.compile(r"[^\r\n]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _sniff(data: bytes) -> int:
    return 2 if b"%PDF-" in data[:1024] else 0


def library_version() -> str:
    """Part of the parse cache's key: a new PDFium may extract other text."""
    import importlib.util
    from pathlib import Path

    # the name of the installed distribution's metadata folder: cheaper than
    # importlib.metadata (which imports the email parser) or loading PDFium
    spec = importlib.util.find_spec("pypdfium2")
    if spec is None or not spec.origin:
        return "pypdfium2 not installed"
    site = Path(spec.origin).parent.parent
    found = sorted(p.name for p in site.glob("pypdfium2-*.dist-info"))
    return found[-1] if found else f"pypdfium2 at {site}"


def _box(textpage, index: int) -> tuple[float, float, float, float] | None:
    """A character's box, or None where PDFium has none for that index."""
    try:
        return textpage.get_charbox(index)
    except Exception:  # an index PDFium counts differently (a wide character)
        return None


def _page_lines(page) -> PdfPage:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # PDFium counts UTF-16 units; a character past U+FFFF (rare: an
        # emoji) is two, so indices shift after one
        wide = _ASTRAL.search(text) is not None
        lines = []
        for m in _SEGMENT.finditer(text):
            segment = m.group()
            if not segment.strip():
                continue
            first = m.start() + len(segment) - len(segment.lstrip())
            last = m.start() + len(segment.rstrip()) - 1
            if wide:
                first += len(_ASTRAL.findall(text, 0, first))
                last += len(_ASTRAL.findall(text, 0, last))
            first_box, last_box = _box(textpage, first), _box(textpage, last)
            if first_box is None or last_box is None:  # no geometry: a line of its own, full width
                top = lines[-1].bottom + 2 if lines else 0.0
                lines.append(PdfLine(segment, 0.0, top, top + 10, width))
                continue
            left, bottom, _, top = first_box
            lines.append(PdfLine(segment, left, height - top, height - bottom, max(last_box[2], left)))
        return PdfPage(lines, width, height)
    finally:
        textpage.close()


def _pages(path: str, data: bytes) -> tuple[list[PdfPage], str | None]:
    """The pages' lines, and the title the document's properties give."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise FormatError(path, "reading a PDF needs the pypdfium2 package (pip install pypdfium2)") from None
    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except Exception as exc:
            said = str(exc).lower()
            if "password" in said:
                raise FormatError(path, "the PDF is protected by a password; save an unprotected copy") from None
            raise FormatError(path, "not a readable PDF (damaged or incomplete)") from None
        try:
            count = len(doc)
            if count > MAX_PAGES:
                raise FormatError(path, f"the PDF has {count} pages, over the {MAX_PAGES}-page limit for one transcript")
            pages = []
            for i in range(count):
                page = doc[i]
                try:
                    pages.append(_page_lines(page))
                finally:
                    page.close()
            try:
                title = " ".join(str(doc.get_metadata_dict().get("Title") or "").split()) or None
            except Exception:  # damaged document properties: the text still counts
                title = None
            return pages, title
        except FormatError:
            raise
        except Exception as exc:  # a page PDFium cannot take apart
            raise FormatError(path, f"not a readable PDF (a damaged page: {type(exc).__name__})") from None
        finally:
            doc.close()


def read(path: str, data: bytes) -> Source:
    pages, title = _pages(path, data)
    text = compose(pages)
    if not text.strip():
        raise FormatError(path, "no text layer: a scanned PDF? Earmark reads a PDF's text; run it through OCR first")
    return source_from_text(path, data, text, "pdf", metadata=StatedMetadata(title=title))


FORMAT = Format("pdf", (".pdf",), _sniff, read)
