"""Issue 10, file formats: PDF pages extracted per second, and the time to
read one call (format reader plus parse) in every format.

One generated call (about 10,000 words at scale 1, the samples' layout) is
written in each format: plain text; a PDF laid out at 90 columns with a
running header and footer (``benchmarks.pdf_writer``); a saved page with a
site's menus and footer; JSON as a list of turns; WebVTT with voice tags and
SRT with ``Name:`` prefixes, one cue a sentence. Each is read the way the
corpus reads a file (``transcripts.corpus.parse_bytes``), without the cache.

Targets: 100 PDF pages a second (a 30-page call extracted in well under
half a second, before it is cached), and a long call in any format read in
under a quarter of a second, so a file opened on its own appears at once.
"""

from __future__ import annotations

import html
import json
import random
import re

from benchmarks.generate import write_call
from benchmarks.harness import Row, median_time
from benchmarks.pdf_writer import layout_transcript, write_pdf
from transcripts.corpus import parse_bytes
from transcripts.formats import read_source
from transcripts.parser import parse_text

PAGES_PER_SECOND = 100.0
CALL_SECONDS = 0.25
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def _turns(text: str) -> list[tuple[str, str, str]]:
    """(speaker line, name, speech) of each turn of a generated call."""
    call = parse_text(text, "bench.txt")
    return [(text[t.line_start : t.line_end].strip(), t.speaker.name, text[t.start : t.end]) for t in call.turns]


def _html(turns: list[tuple[str, str, str]]) -> bytes:
    menu = "".join(f"<li><a href='/m{i}'>Menu {i}</a></li>" for i in range(60))
    body = "".join(f"<p><strong>{html.escape(line)}</strong></p>" +
                   "".join(f"<p>{html.escape(p)}</p>" for p in speech.split("\n"))
                   for line, _, speech in turns)
    return (f"<!DOCTYPE html><html><head><title>Call</title><script>var x = 1;</script></head><body>"
            f"<header><nav><ul>{menu}</ul></nav></header><main><article>{body}</article></main>"
            f"<footer><ul>{menu}</ul></footer></body></html>").encode()


def _captions(turns: list[tuple[str, str, str]], vtt: bool) -> bytes:
    out = ["WEBVTT", ""] if vtt else []
    t = 0.0
    n = 0
    for _, name, speech in turns:
        for sentence in _SENTENCE.split(speech.replace("\n", " ")):
            n += 1
            a, b = t, t + 3.5
            t = b
            stamp = (lambda s: f"{int(s // 3600):02d}:{int(s % 3600 // 60):02d}:{s % 60:06.3f}")
            if vtt:
                out += [f"{stamp(a)} --> {stamp(b)}", f"<v {name}>{sentence}</v>", ""]
            else:
                out += [str(n), f"{stamp(a)} --> {stamp(b)}".replace(".", ","), f"{name}: {sentence}", ""]
    return "\n".join(out).encode()


def files(words: int) -> dict[str, bytes]:
    text = write_call(random.Random(7), 3, 2024, 3, words)
    turns = _turns(text)
    doc = layout_transcript([(line, speech) for line, _, speech in turns],
                            ["Acme Systems Q3 2024 Earnings Call", "Example Research | www.example.com"],
                            ["(c) 2024 Example Research. All rights reserved."])
    return {
        "txt": text.encode(),
        "pdf": write_pdf(doc.pages, compress=True),
        "html": _html(turns),
        "json": json.dumps([{"speaker": name, "text": speech} for _, name, speech in turns]).encode(),
        "vtt": _captions(turns, vtt=True),
        "srt": _captions(turns, vtt=False),
    }, len(doc.pages)


def run(scale: float) -> list[Row]:
    words = max(1000, int(10_000 * scale))
    data, pages = files(words)
    rows = []
    pdf_seconds = median_time(lambda: read_source("acme-2024-q3.pdf", data["pdf"]), runs=5)
    rows.append(Row(10, f"PDF text extraction ({pages} pages, headers, wrapped lines)",
                    pages / pdf_seconds, "p/s", PAGES_PER_SECOND, higher_is_better=True, runs=5))
    for fmt, blob in data.items():
        seconds = median_time(lambda: parse_bytes(f"acme-2024-q3.{fmt}", blob), runs=5)
        rows.append(Row(10, f"read one {words:,}-word call: {fmt} ({len(blob) / 1e3:.0f} KB)",
                        seconds * 1e3, "ms", CALL_SECONDS * 1e3, runs=5))
    return rows


if __name__ == "__main__":
    from benchmarks.harness import format_table

    print(format_table(run(1.0)))
