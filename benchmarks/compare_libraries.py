"""Which PDF and HTML libraries should read transcripts (and which search
engine, with ``--search-calls N``: see ``compare_search``)? Measured, not guessed.

    python benchmarks/compare_libraries.py            # every candidate installed
    python benchmarks/compare_libraries.py --pages 60

The candidates are installed only for this measurement (``pip install
pypdfium2 pypdf pdfplumber selectolax lxml``); a missing one is reported and
skipped. Every file is generated here (``benchmarks.pdf_writer``), so the
right answer is known:

- PDF: pages of a transcript (speaker lines, speech wrapped at 90 columns,
  a running header and footer, page numbers), once with whole lines and
  once with every word placed on its own with no space character between
  words, as many real PDFs are written. *Word fidelity* is the normalised
  edit similarity of the extracted word sequence to the true one;
  *lines kept* is the share of true lines that come back as one line.
- HTML: a saved article page with menus, a footer, scripts and entities,
  once well formed and once with the unclosed ``<p>`` and stray tags of
  real pages. *Fidelity* is the word similarity of the article's text.

Speed is the median of a few runs. Install weight is the size on disk of
the package and what it pulls in.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from benchmarks.pdf_writer import layout_transcript, write_pdf  # noqa: E402

_WORDS = ("revenue grew twelve percent year over year driven by strong demand in our cloud "
          "segment while operating margin expanded to thirty one percent and free cash flow "
          "reached record levels we expect continued momentum into the fourth quarter").split()


def _speech(i: int, n: int) -> str:
    words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + f" (${i}.{i % 10} million, {i % 40}%)."


def _blocks(count: int) -> list[tuple[str, str]]:
    people = ["Jane Roe - Chief Financial Officer", "John Smith - Chief Executive Officer",
              "Operator", "Sam Lee, Big Bank - Analyst"]
    return [(people[i % 4], _speech(i, 40 + i % 60) + ("\n" + _speech(i + 1, 30) if i % 3 == 0 else ""))
            for i in range(count)]


def _time(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _size(*packages: str) -> float:
    import importlib.util

    total = 0
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            total += sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())
    return total / 1e6


# -- PDF ---------------------------------------------------------------------


def _pypdfium2(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(tp.get_text_range().replace("\r\n", "\n"))
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def _pypdf(data: bytes) -> list[str]:
    import io

    import pypdf

    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def _pdfplumber(data: bytes) -> list[str]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


PDF_LIBS = {
    "pypdfium2": (_pypdfium2, ("pypdfium2", "pypdfium2_raw"), "Apache-2.0 / BSD-3 (PDFium)"),
    "pypdf": (_pypdf, ("pypdf",), "BSD-3"),
    "pdfplumber": (_pdfplumber, ("pdfplumber", "pdfminer", "PIL", "pypdfium2", "pypdfium2_raw",
                                 "charset_normalizer", "cryptography", "cffi"), "MIT (+ pdfminer MIT)"),
}


def _pdf_truth(doc) -> tuple[list[str], list[str]]:
    lines = [ln.text for page in doc.pages for ln in page.lines]
    return lines, " ".join(lines).split()


def measure_pdf(pages: int) -> list[tuple]:
    rows = []
    header = ["Acme Corp Q3 2024 Earnings Call", "Example Research Terminal | www.example.com"]
    footer = ["(c) 2024 Example Research. All rights reserved."]
    per_page = 48
    blocks = _blocks(pages * 9)
    docs = {}
    for apart in (False, True):
        doc = layout_transcript(blocks, header, footer, words_apart=apart, lines_per_page=per_page)
        doc.pages = doc.pages[:pages]
        docs[apart] = (doc, write_pdf(doc.pages, compress=True))
    for name, (fn, packages, licence) in PDF_LIBS.items():
        try:
            fn(docs[False][1][:0] or write_pdf(docs[False][0].pages[:1]))
        except ImportError:
            rows.append((name, "not installed"))
            continue
        figures = []
        for apart in (False, True):
            doc, data = docs[apart]
            got_pages = fn(data)
            got_lines = {ln.strip() for page in got_pages for ln in page.split("\n")}
            true_lines, true_words = _pdf_truth(doc)
            words = " ".join(got_pages).split()
            figures.append((
                Levenshtein.normalized_similarity(true_words, words),
                sum(1 for ln in true_lines if ln.strip() in got_lines) / len(true_lines),
            ))
        seconds = _time(lambda: fn(docs[False][1]))
        seconds_apart = _time(lambda: fn(docs[True][1]))
        rows.append((name, f"{len(docs[False][0].pages) / seconds:8.0f}", f"{len(docs[True][0].pages) / seconds_apart:8.0f}",
                     f"{figures[0][0]:.3f}", f"{figures[0][1]:.3f}", f"{figures[1][0]:.3f}",
                     f"{figures[1][1]:.3f}", f"{_size(*packages):5.1f}", licence))
    return rows


# -- HTML ----------------------------------------------------------------------

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
          "blockquote", "pre", "main"}


def _html_page(turns: int, broken: bool) -> tuple[str, list[str]]:
    words: list[str] = []
    body = []
    for i, (speaker, speech) in enumerate(_blocks(turns)):
        words += speaker.split()
        body.append(f"<p><strong>{html.escape(speaker)}</strong></p>")
        for para in speech.split("\n"):
            words += para.replace("$", "$").split()
            text = html.escape(para).replace("percent", "per&shy;cent" if i % 5 == 0 else "percent")
            if i % 5 == 0:
                words[-len(para.split()):] = [w.replace("percent", "per\u00adcent") for w in para.split()]
            body.append(f"<p>{text}" + ("" if broken else "</p>"))
    menu = "".join(f"<li><a href='/x{i}'>Menu item {i}</a></li>" for i in range(40))
    page = (
        "<!DOCTYPE html><html><head><title>Acme Q3 2024 Earnings Call Transcript</title>"
        "<script>var menu = '<p>not text</p>';</script><style>p{color:red}</style></head><body>"
        f"<header><nav><ul>{menu}</ul></nav></header>"
        f"<main><article><h1>Acme Corp (ACME) Q3 2024 Earnings Call Transcript</h1>{''.join(body)}"
        + ("<span>stray</div>" if broken else "")
        + "</article></main><footer><p>Copyright 2024 Example Media. All rights reserved.</p>"
        f"<ul>{menu}</ul></footer><script>track();</script></body></html>"
    )
    return page, ["Acme", "Corp", "(ACME)", "Q3", "2024", "Earnings", "Call", "Transcript", *words] + (["stray"] if broken else [])


def _html_parser(page: str) -> str:
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0
            self.in_article = 0

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP:
                self.skip += 1
            if tag in _BLOCK:
                self.out.append("\n")

        def handle_endtag(self, tag):
            if tag in _SKIP and self.skip:
                self.skip -= 1
            if tag in _BLOCK:
                self.out.append("\n")

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data)

    p = P()
    p.feed(page)
    p.close()
    return "".join(p.out)


def _selectolax(page: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    tree.strip_tags(list(_SKIP))
    root = tree.css_first("article") or tree.body
    return root.text(separator="\n") if root else ""


def _lxml(page: str) -> str:
    import lxml.html

    tree = lxml.html.fromstring(page)
    for el in tree.xpath("//" + " | //".join(_SKIP)):
        el.drop_tree()
    found = tree.xpath("//article")
    root = found[0] if found else tree
    return "\n".join(t for t in root.itertext())


HTML_LIBS = {
    "html.parser": (_html_parser, (), "PSF (standard library)"),
    "selectolax": (_selectolax, ("selectolax",), "MIT (Lexbor Apache-2.0)"),
    "lxml": (_lxml, ("lxml",), "BSD-3 (libxml2 MIT)"),
}


def measure_html(turns: int) -> list[tuple]:
    rows = []
    pages = {broken: _html_page(turns, broken) for broken in (False, True)}
    for name, (fn, packages, licence) in HTML_LIBS.items():
        try:
            fn("<p>x</p>")
        except ImportError:
            rows.append((name, "not installed"))
            continue
        fid = []
        for broken in (False, True):
            page, truth = pages[broken]
            got = re.sub(r"\s+", " ", fn(page)).split()
            fid.append(Levenshtein.normalized_similarity(truth, got))
        seconds = _time(lambda: fn(pages[False][0]), runs=5)
        rows.append((name, f"{len(pages[False][0]) / 1e3:.0f} KB", f"{seconds * 1e3:7.1f}",
                     f"{fid[0]:.3f}", f"{fid[1]:.3f}", f"{_size(*packages):5.1f}", licence))
    return rows


def _table(head: tuple, rows: list[tuple]) -> str:
    widths = [max(len(str(r[i])) if i < len(r) else 0 for r in [head, *rows]) for i in range(len(head))]
    out = ["  ".join(str(h).ljust(w) for h, w in zip(head, widths))]
    for r in rows:
        out.append("  ".join(str(c).strip().ljust(w) for c, w in zip(r, widths)))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=40, help="pages in the generated PDF")
    ap.add_argument("--turns", type=int, default=120, help="turns in the generated HTML page")
    ap.add_argument("--search-calls", type=int, default=0,
                    help="also compare search engines on this many generated calls (benchmarks/compare_search.py)")
    args = ap.parse_args(argv)
    if args.search_calls:
        from benchmarks import compare_search

        compare_search.main(["--calls", str(args.search_calls)])
        print()
    print(f"PDF: {args.pages} pages of a transcript")
    print(_table(("library", "pages/s", "pages/s (words apart)", "word fidelity", "lines kept",
                  "word fid. (apart)", "lines kept (apart)", "MB installed", "licence"),
                 measure_pdf(args.pages)))
    print()
    print(f"HTML: an article of {args.turns} turns with menus, footer and scripts")
    print(_table(("library", "page", "ms per page", "fidelity", "fidelity (broken)", "MB installed", "licence"),
                 measure_html(args.turns)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
