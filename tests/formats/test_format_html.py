"""Saved web pages: the article's text, never the site's menus, footers,
scripts or cookie notices; entities decoded; speakers on lines of their own."""

from __future__ import annotations

from format_fixtures import HTML_PAGE, HTML_SPEECH_LINES
from transcripts import load_corpus, parse_file
from transcripts.formats import read_source


def test_a_saved_page_reads_as_the_article(tmp_path):
    path = tmp_path / "saved page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    call = parse_file(path)
    assert call.format == "html"
    for chrome in ("Markets 3", "cookies", "Search", "Related articles", "Share this", "Premium",
                   "All rights reserved", "dataLayer", "not text", "pageview", "color: red"):
        assert chrome not in call.text, chrome
    assert [t.speaker.name for t in call.turns] == ["Operator", "Jane Roe", "Operator", "Sam Lee", "John Smith"]
    cfo = call.turns[1]
    assert call.text[cfo.start : cfo.end].split("\n") == HTML_SPEECH_LINES
    assert call.speakers[1].title == "Chief Financial Officer"
    assert call.turns[3].section == "qa"
    # the page says which call it is (its title and heading), the file name does not
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)


def test_the_page_title_names_the_call_when_the_article_does_not(tmp_path):
    page = ("<html><head><title>Acme Corp (ACME) Q3 2024 Earnings Call Transcript</title></head>"
            "<body><nav>Home | Markets</nav><p>Operator</p><p>Good day and welcome, everyone.</p></body></html>")
    path = tmp_path / "transcript.htm"
    path.write_text(page, encoding="utf-8")
    call = parse_file(path)
    assert "Home" not in call.text and call.text.startswith("Operator\n")
    assert (call.company, call.fiscal_year, call.quarter) == ("Acme", 2024, 3)


def test_unclosed_and_stray_tags_lose_no_text(tmp_path):
    page = ("<html><body><article><p>Jane Roe - CFO<p>Revenue grew <b>12%</span> this quarter."
            "</div><p>Margins expanded.<br>Cash &amp; equivalents rose.</article>"
            "<footer>About us</footer></body></html>")
    source = read_source(tmp_path / "page.html", page.encode())
    assert source.text.splitlines() == [
        "Jane Roe - CFO", "Revenue grew 12% this quarter.", "Margins expanded.", "Cash & equivalents rose.",
    ]


def test_the_article_with_most_text_wins_over_teasers(tmp_path):
    page = ("<html><body><article><p>Teaser: Why Acme jumped</p></article>"
            "<article><p>Operator</p><p>Welcome to the Acme call. " + "Revenue grew. " * 20 + "</p></article>"
            "<article><p>Another teaser</p></article></body></html>")
    text = read_source(tmp_path / "page.html", page.encode()).text
    assert text.startswith("Operator\nWelcome to the Acme call.") and "teaser" not in text.casefold()


def test_a_page_saved_complete_is_read_once_without_its_parts_folder(tmp_path):
    (tmp_path / "acme.html").write_text(HTML_PAGE, encoding="utf-8")
    parts = tmp_path / "acme_files"
    parts.mkdir()
    (parts / "ad-frame.html").write_text("<html><body><p>Buy now</p></body></html>", encoding="utf-8")
    (parts / "config.json").write_text("{}", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [c.format for c in corpus.calls] == ["html"] and not corpus.errors


def test_a_page_with_no_text_is_a_one_line_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><head><script>x()</script></head><body><nav>Home</nav></body></html>",
                    encoding="utf-8")
    corpus = load_corpus([path])
    assert [str(e) for e in corpus.errors] == [f"{path}: no article text found in this HTML page"]


def test_table_cells_stay_words_apart(tmp_path):
    page = "<html><body><article><table><tr><th>Revenue</th><td>$412M</td></tr></table></article></body></html>"
    assert read_source(tmp_path / "t.html", page.encode()).text == "Revenue $412M\n"


def test_menus_built_of_plain_divs_are_dropped_but_a_wrapper_never_loses_the_article(tmp_path):
    speech = "<p>Operator</p><p>Good day and welcome to the Acme call. " + "Revenue grew 12%. " * 10 + "</p>"
    page = (f"<html><body><div class='top-menu'><a>Markets</a><a>Videos</a></div>"
            f"<div id='content'>{speech}<div class='share-buttons'>Share on X</div></div>"
            f"<div class='site-footer'>Terms of use</div></body></html>")
    text = read_source(tmp_path / "p.html", page.encode()).text
    assert text.startswith("Operator\nGood day") and not any(w in text for w in ("Markets", "Share", "Terms"))
    wrapped = f"<html><body><div class='layout has-sidebar'>{speech}</div></body></html>"
    assert read_source(tmp_path / "w.html", wrapped.encode()).text.startswith("Operator\nGood day")
