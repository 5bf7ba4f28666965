"""The rules that turn a PDF's lines into a transcript's text, on plain
data: what is furniture and what is speech, where a paragraph ends."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from transcripts.formats.pdf_layout import PdfLine, PdfPage, compose

FULL = "and the rest of this sentence runs all the way to the right margin of the page"


def _page(*texts: str, gap_after: tuple[int, ...] = ()) -> PdfPage:
    lines, top = [], 40.0
    for i, text in enumerate(texts):
        lines.append(PdfLine(text, 50.0, top, top + 10, 50.0 + 5.2 * len(text)))
        top += 12.5 + (8 if i in gap_after else 0)
    return PdfPage(lines)


def test_a_speaker_who_starts_several_pages_is_not_taken_for_a_header():
    pages = [
        _page("Acme Q3 2024 Earnings Call", "Operator", "Thank you. " + FULL + ".", "Page 1 of 3"),
        _page("Acme Q3 2024 Earnings Call", "Operator", "Our next question. " + FULL + ".", "Page 2 of 3"),
        _page("Acme Q3 2024 Earnings Call", "Jane Roe - CFO", "Sure. " + FULL + ".", "Operator",
              "That concludes the call. " + FULL + ".", "Page 3 of 3"),
    ]
    lines = compose(pages).splitlines()
    assert lines.count("Operator") == 3
    assert lines.count("Acme Q3 2024 Earnings Call") == 1 and lines[0] == "Acme Q3 2024 Earnings Call"
    assert not any("Page" in ln for ln in lines)


def test_a_single_page_loses_its_page_number_but_keeps_everything_else():
    text = compose([_page("Jane Roe - CFO", "Revenue grew 12%.", "- 1 -")])
    assert text == "Jane Roe - CFO\nRevenue grew 12%.\n"


def test_wrapped_lines_join_and_a_wider_gap_starts_a_paragraph():
    page = _page("Jane Roe - CFO", "Revenue grew " + FULL, "and so on to the end.", "Margins " + FULL,
                 "finished here.", gap_after=(2,))
    assert compose([page]).splitlines() == [
        "Jane Roe - CFO",
        f"Revenue grew {FULL} and so on to the end.",
        f"Margins {FULL} finished here.",
    ]


def test_a_word_hyphenated_at_the_end_of_a_line_is_joined_whole():
    page = _page("Revenue grew in every re\x02", "gion we serve, " + FULL + ".", "Thanks.", gap_after=(1,))
    assert compose([page]).splitlines()[0] == f"Revenue grew in every region we serve, {FULL}."


def test_control_characters_never_reach_the_text():
    page = _page("Jane Roe \x1b[31m- CFO\x07", "Revenue\x00 grew.")
    text = compose([page])
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    assert "Jane Roe [31m- CFO" in text


_line = st.text(st.characters(codec="utf-8"), max_size=90)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(_line, st.floats(0, 800), st.floats(0, 800)), max_size=12), max_size=5))
def test_any_lines_on_any_pages_compose_without_error(raw_pages):
    pages = [PdfPage([PdfLine(t, x, y, y + 10, x + 5 * len(t)) for t, x, y in lines]) for lines in raw_pages]
    text = compose(pages)
    assert "\r" not in text and not any(ord(c) < 32 and c != "\n" for c in text)
    assert "\n\n" not in text and (text == "" or text.endswith("\n"))


def test_a_running_header_from_page_two_on_is_dropped_everywhere():
    pages = [
        _page("Acme Corp Q3 2024 Earnings Call", "Operator", "Welcome. " + FULL + "."),
        _page("Vendor Terminal | Client 42", "More speech. " + FULL + ".", "Page 2"),
        _page("Vendor Terminal | Client 42", "Even more speech. " + FULL + ".", "Page 3"),
    ]
    lines = compose(pages).splitlines()
    assert lines[:2] == ["Acme Corp Q3 2024 Earnings Call", "Operator"]
    assert not any("Vendor" in ln or "Page" in ln for ln in lines)
