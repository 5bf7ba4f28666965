"""A small call in every file format, written by the tests themselves.

The same made-up call (Acme Corp, Q3 2024) is laid out as a PDF of two
pages with a running header and footer, a saved web page wrapped in a
site's menus, JSON in each common shape, and caption files, so each test
can say what a user should get back.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.pdf_writer import Document, Page, layout_transcript, write_pdf

HEADER = ["Acme Corp Q3 2024 Earnings Call", "Example Research Terminal | www.example.com"]
FOOTER = ["(c) 2024 Example Research. All rights reserved. Republication prohibited."]

CFO_OPENING = (
    "Thank you, operator, and good afternoon, everyone. Revenue for the third quarter was "
    "$412 million, up 12% from a year ago, driven by strong demand in our cloud segment and "
    "continued growth in recurring subscriptions across every region we serve."
)
CFO_GUIDE = (
    "For the fourth quarter we expect revenue in the range of $430 million to $445 million, "
    "and we would look for operating margin to come in at approximately 31% as the new data "
    "centres come online and the integration costs of the acquisition roll off."
)
ANALYST_Q = (
    "Hi, thanks for taking my question. Could you talk about the cadence of cloud bookings "
    "through the quarter and whether the strength in September carries into October?"
)
CEO_ANSWER = (
    "Sure. Bookings built steadily through the quarter, and September was the strongest month "
    "we have had in the segment. October is tracking in line with our plan, and the pipeline "
    "of large deals is the deepest it has been in two years, which gives us confidence."
)

BLOCKS: list[tuple[str, str]] = [
    ("Operator", "Good day, and welcome to the Acme Corp third quarter 2024 earnings conference "
                 "call. I would now like to turn the call over to Jane Roe, Chief Financial "
                 "Officer. Please go ahead."),
    ("Jane Roe - Chief Financial Officer", f"{CFO_OPENING}\n{CFO_GUIDE}"),
    ("Operator", "Thank you. We will now begin the question-and-answer session. Our first "
                 "question comes from Sam Lee with Big Bank."),
    ("Sam Lee, Big Bank - Analyst", ANALYST_Q),
    ("John Smith - Chief Executive Officer", CEO_ANSWER),
]
"""(speaker line, speech) with paragraphs separated by ``\\n``."""

SPEAKERS = ["Operator", "Jane Roe", "Operator", "Sam Lee", "John Smith"]


def call_pdf(words_apart: bool = False, lines_per_page: int = 16) -> Document:
    """The call on two pages (16 lines each), wrapped at 80 columns."""
    doc = layout_transcript(BLOCKS, HEADER, FOOTER, width=80, lines_per_page=lines_per_page,
                            words_apart=words_apart)
    assert len(doc.pages) == 2
    return doc


def write_call_pdf(path: Path, **options) -> Document:
    doc = call_pdf(**options)
    path.write_bytes(write_pdf(doc.pages, compress=True))
    return doc


def write_scanned_pdf(path: Path, pages: int = 2) -> None:
    path.write_bytes(write_pdf([Page(image=True) for _ in range(pages)]))


MENU = "".join(f'<li><a href="/section/{i}">Markets {i}</a></li>' for i in range(12))

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Acme Corp (ACME) Q3 2024 Earnings Call Transcript | Example Media</title>
<script>window.dataLayer = [{{"page": "<p>not text</p>"}}];</script>
<style>.menu {{ color: red }}</style></head>
<body>
<div class="cookie-banner" role="dialog"><p>We use cookies. Accept all cookies?</p></div>
<header class="site"><nav><ul class="menu">{MENU}</ul></nav><form><input name="q"><button>Search</button></form></header>
<main>
<article>
<header><h1>Acme Corp (ACME) Q3 2024 Earnings Call Transcript</h1><p>By Staff Writer &ndash; Oct 24, 2024</p></header>
<h2>Prepared Remarks:</h2>
<p><strong>Operator</strong></p>
<p>Good day, and welcome to the Acme Corp third quarter 2024 earnings conference call. I would now
like to turn the call over to Jane Roe, Chief Financial Officer. Please go ahead.</p>
<p><strong>Jane Roe</strong> -- <em>Chief Financial Officer</em></p>
<p>Thank you, operator &amp; good afternoon, everyone. Revenue for the third quarter was $412&nbsp;million,
up 12% from a year ago &mdash; driven by strong demand in our cloud segment.
<p>For the fourth quarter we expect revenue of $430 million to $445 million. We&#8217;re confident.
<h2>Questions &amp; Answers:</h2>
<p><strong>Operator</strong></p>
<p>Our first question comes from Sam Lee with Big Bank.</p>
<p><strong>Sam Lee</strong> -- <em>Big Bank -- Analyst</em></p>
<p>Hi, thanks for taking my question. Could you talk about the cadence of cloud bookings?</p>
<p><strong>John Smith</strong> -- <em>Chief Executive Officer</em></p>
<p>Sure. Bookings built steadily through the quarter, and September was the strongest month.</p>
<aside><h3>Related articles</h3><ul><li>Why Acme stock jumped today</li></ul></aside>
<footer><p>Share this article on social media</p></footer>
</article>
</main>
<aside class="sidebar"><p>Premium investing services. Join now!</p></aside>
<footer class="site"><p>&copy; 2024 Example Media. All rights reserved. Terms of use.</p><ul>{MENU}</ul></footer>
<script>track("pageview");</script>
</body></html>
"""

HTML_SPEECH_LINES = [
    "Thank you, operator & good afternoon, everyone. Revenue for the third quarter was $412 million, "
    "up 12% from a year ago \u2014 driven by strong demand in our cloud segment.",
    "For the fourth quarter we expect revenue of $430 million to $445 million. We\u2019re confident.",
]

JSON_DATASET = {
    "company": "Acme Corp",
    "ticker": "ACME",
    "date": "2024-10-24",
    "fiscal_year": 2024,
    "quarter": "Q3",
    "participants": [
        {"name": "Jane Roe", "title": "Chief Financial Officer"},
        {"name": "John Smith", "title": "Chief Executive Officer"},
        {"name": "Sam Lee", "company": "Big Bank", "title": "Analyst"},
    ],
    "prepared_remarks": [
        {"speaker": "Operator", "text": "Good day, and welcome to the call. I will turn it over to Jane Roe."},
        {"speaker": "Jane Roe", "text": [CFO_OPENING, CFO_GUIDE]},
    ],
    "q_and_a": [
        {"speaker": "Operator", "text": "Our first question comes from Sam Lee with Big Bank."},
        {"speaker": "Sam Lee", "text": ANALYST_Q},
        {"speaker": "John Smith", "text": CEO_ANSWER},
    ],
}

JSON_API = [{
    "symbol": "ACME",
    "quarter": 3,
    "year": 2024,
    "date": "2024-10-24 17:00:00",
    "content": (
        "Operator: Good day, and welcome to the Acme Corp third quarter 2024 earnings call.\r\n"
        f"Jane Roe: {CFO_OPENING}\r\n"
        f"Jane Roe: {CFO_GUIDE}\r\n"
        f"Sam Lee: {ANALYST_Q}\r\n"
        f"John Smith: {CEO_ANSWER}\r\n"
    ),
}]

JSON_TURNS = [
    {"speaker": "Operator", "text": "Good day, and welcome to the Acme Corp third quarter 2024 earnings call."},
    {"speaker": "Jane Roe", "title": "Chief Financial Officer", "text": CFO_OPENING},
    {"speaker": "Jane Roe", "title": "Chief Financial Officer", "text": CFO_GUIDE},
    {"speaker": "Sam Lee", "firm": "Big Bank", "text": ANALYST_Q},
    {"speaker": "John Smith", "title": "Chief Executive Officer", "text": CEO_ANSWER},
]


def write_json(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


VTT = """WEBVTT
Kind: captions

NOTE produced by a speech-to-text service

1
00:00:00.000 --> 00:00:04.200
<v Speaker 0>Good day, and welcome to the Acme Corp third quarter</v>

2
00:00:04.200 --> 00:00:07.900 align:start position:10%
<v Speaker 0>2024 earnings call. I'll turn it over to our CFO, Jane Roe.</v>

00:00:08.000 --> 00:00:11.500
<v.loud Speaker 1>Thanks, operator. Revenue was <b>$412 million</b>, up 12%.</v>

00:00:11.500 --> 00:00:13.000
and margins expanded &amp; cash flow reached a record.

00:00:13.100 --> 00:00:15.000
<v Speaker 0>Our first question</v> <v Speaker 2>Hi, thanks.</v>
"""

VTT_LINES = [
    "Speaker 0: Good day, and welcome to the Acme Corp third quarter 2024 earnings call. "
    "I'll turn it over to our CFO, Jane Roe.",
    "Speaker 1: Thanks, operator. Revenue was $412 million, up 12%. and margins expanded & cash flow reached a record.",
    "Speaker 0: Our first question",
    "Speaker 2: Hi, thanks.",
]

SRT = """1
00:00:00,000 --> 00:00:04,200
Speaker 0: Good day, and welcome to the Acme Corp
third quarter 2024 earnings call.

2
00:00:04,200 --> 00:00:07,900
Speaker 0: I'll turn it over to our CFO.

3
00:00:08,000 --> 00:00:11,500
Speaker 1: Thanks, operator. <i>Revenue</i> was $412 million.

4
00:00:11,500 --> 00:00:13,000
Margins expanded.

5
00:00:13,100 --> 00:00:15,000
Speaker 0: Our first question comes from Sam Lee.
"""

SRT_LINES = [
    "Speaker 0: Good day, and welcome to the Acme Corp third quarter 2024 earnings call. I'll turn it over to our CFO.",
    "Speaker 1: Thanks, operator. Revenue was $412 million. Margins expanded.",
    "Speaker 0: Our first question comes from Sam Lee.",
]
