"""The app on a folder of PDFs, saved pages and a scan: the calls open and
can be annotated like text files, the scan is named once, nothing crashes."""

from __future__ import annotations

import yaml

from tests.formats.format_fixtures import HTML_PAGE, SPEAKERS, write_call_pdf, write_scanned_pdf
from tui.app import EarmarkApp
from tui.config import Config
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def test_a_pdf_opens_and_takes_annotations_beside_it(tmp_path):
    write_call_pdf(tmp_path / "acme-2024-q3.pdf")
    (tmp_path / "acme-2024-q2.html").write_text(HTML_PAGE.replace("Q3 2024", "Q2 2024"), encoding="utf-8")
    write_scanned_pdf(tmp_path / "scan.pdf")
    app = EarmarkApp([str(tmp_path)], config=Config())
    app.installers = ["tui.annotations_ui:install"]
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        assert sorted(c.format for c in app.corpus.calls) == ["html", "pdf"]
        assert [n for n in notes if "scan.pdf" in n] == [
            f"{tmp_path / 'scan.pdf'}: no text layer: a scanned PDF? Earmark reads a PDF's text; run it through OCR first"
        ]
        pdf_call = next(c for c in app.corpus.calls if c.format == "pdf")
        app.open_call(pdf_call.id)
        await pilot.pause()
        assert app.current_call.format == "pdf"
        assert [t.speaker.name for t in app.current_call.turns] == SPEAKERS
        await pilot.press("}", "2")
        await pilot.pause()
    doc = yaml.safe_load((tmp_path / "acme-2024-q3.annotations.yaml").read_text(encoding="utf-8"))
    assert doc["transcript"] == "acme-2024-q3.pdf"
    (a,) = doc["annotations"]
    assert a["tags"] == ["guidance"]
    assert pdf_call.text[a["start"] : a["end"]] == a["quote"]
