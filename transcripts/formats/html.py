"""Saved web pages (``.html``, ``.htm``): the article's text, not the site's.

A transcript saved from a news or investor site comes wrapped in menus,
share buttons, cookie notices, footers and scripts. The article is taken
from the page's ``<article>`` (the one with the most text, when there are
several), else its ``<main>``, else the whole body; inside it, the parts a
site uses for navigation and chrome (``nav``, ``header``, ``footer``,
``aside``, forms, scripts, styles) are left out. Every block element
(paragraph, heading, list item, ``<br>``) ends a line, so speaker lines and
paragraphs stay lines of their own; entities are decoded.

The standard library's ``html.parser`` does the parsing: measured against
selectolax and lxml on generated pages (``benchmarks/compare_libraries.py``)
it kept the same text, malformed pages included, at about 8 ms for a long
page: far less than the parse that follows, so a compiled parser of 8 to
12 MB would buy nothing a user notices.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from transcripts.formats.base import Format, FormatError, Source, StatedMetadata, first_bytes, source_from_text
from transcripts.reading import decode_bytes

_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside",
    "form", "button", "select", "textarea", "iframe", "object", "canvas", "dialog", "head",
})
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "section", "article", "main", "blockquote", "pre", "hr", "figure",
    "figcaption", "address", "details", "summary", "body",
})
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "cookie", "cookies", "consent",
    "breadcrumb", "breadcrumbs", "share", "sharing", "social", "newsletter", "advert", "ad", "ads",
    "promo", "related", "subscribe", "masthead", "toolbar", "popup", "modal",
})
"""Words in a ``class`` or ``id`` that mark a site's chrome built of plain
``div``s. Their text is dropped unless it would be most of the article (a
wrapper named ``has-sidebar`` around the whole page must not lose it)."""
_CHROME_SHARE = 0.5
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
                   "param", "source", "track", "wbr"})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _sniff(data: bytes) -> int:
    head = first_bytes(data).lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return 2
    return 1 if b"<html" in head or b"<body" in head else 0


class _Page(HTMLParser):
    """Collects the page's text as lines, each tagged with the container
    (article, main) it sits in, so the article can be chosen afterwards."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped here, chrome here)
        self.skipping = 0
        self.chrome = 0
        self.containers: list[int] = []  # ids of open article/main elements
        self.kinds: dict[int, str] = {}
        self.lines: list[tuple[tuple[int, ...], bool, str]] = []  # (containers, in chrome, line)
        self.current: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.pre = 0

    # -- structure ---------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self._break()
        elif tag in ("td", "th"):
            self.current.append(" ")  # cells of a table row are words apart
        if tag in _VOID:
            return
        role = next((v or "" for k, v in attrs if k == "role"), "").lower()
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") for k, v in attrs)
        skip = tag in _SKIP or role in _SKIP_ROLES or hidden
        if tag == "header" and self.containers:
            skip = False  # an article's own header holds its title and date
        named = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        chrome = bool(named) and not _CHROME_WORDS.isdisjoint(_WORD_SPLIT.split(named))
        self.stack.append((tag, skip, chrome))
        if skip:
            self.skipping += 1
        if chrome:
            self.chrome += 1
        if tag in ("article", "main") or role == "main":
            ident = len(self.kinds)
            self.kinds[ident] = "article" if tag == "article" else "main"
            self.containers.append(ident)
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        at = self._last_index(tag)
        if at == len(self.stack):
            return  # a stray end tag: ignored, as browsers do
        if tag in _BLOCK or any(t in _BLOCK for t, _, _ in self.stack[at + 1 :]):
            self._break()  # the text so far belongs inside the elements closing now
        while self.stack:
            open_tag, skip, chrome = self.stack.pop()
            if skip:
                self.skipping -= 1
            if chrome:
                self.chrome -= 1
            if open_tag in ("article", "main") and self.containers:
                self.containers.pop()
            if open_tag == "pre":
                self.pre -= 1
            if open_tag == tag:
                break

    def _last_index(self, tag: str) -> int:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                return i
        return len(self.stack)

    # -- text ----------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skipping:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._break()
                self.current.append(part)
        else:
            self.current.append(data)

    def _break(self) -> None:
        if self.current:
            line = " ".join(_SPACE.sub(" ", _INVISIBLE.sub("", "".join(self.current))).split())
            if line:
                self.lines.append((tuple(self.containers), self.chrome > 0, line))
            self.current = []

    def close(self) -> None:
        super().close()
        self._break()


def _article(page: _Page) -> list[str]:
    """The lines of the best container (the article with most text, else
    the main element with most text, else every line), without the chrome
    inside it, unless that chrome is most of its text."""
    chosen = page.lines
    for kind in ("article", "main"):
        sizes: dict[int, int] = {}
        for containers, _, line in page.lines:
            for ident in containers:
                if page.kinds[ident] == kind:
                    sizes[ident] = sizes.get(ident, 0) + len(line)
        if sizes:
            best = max(sizes, key=sizes.__getitem__)
            chosen = [entry for entry in page.lines if best in entry[0]]
            break
    total = sum(len(line) for _, _, line in chosen)
    chrome = sum(len(line) for _, in_chrome, line in chosen if in_chrome)
    keep_chrome = chrome >= _CHROME_SHARE * total
    return [line for _, in_chrome, line in chosen if keep_chrome or not in_chrome]


def read(path: str, data: bytes) -> Source:
    decoded = decode_bytes(path, data)
    page = _Page()
    try:
        page.feed(decoded.text)
        page.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise FormatError(path, f"cannot read this HTML page ({type(exc).__name__})") from None
    lines = _article(page)
    if not lines:
        raise FormatError(path, "no article text found in this HTML page")
    title = " ".join(" ".join(page.title).split()) or None
    source = source_from_text(path, data, "\n".join(lines) + "\n", "html",
                              encoding=decoded.encoding, metadata=StatedMetadata(title=title))
    source.warnings.extend(decoded.warnings)
    return source


FORMAT = Format("html", (".html", ".htm", ".xhtml"), _sniff, read)
