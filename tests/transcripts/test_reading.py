"""Bad input at the file level: a clear one-line message naming the file
(and the line where there is one), never a traceback, never lost text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from transcripts import parse_file
from transcripts.reading import MAX_TRANSCRIPT_BYTES, TranscriptError, read_transcript_file

GOOD = "Operator\nWelcome to the call.\nJane Doe - CFO\nRevenue grew.\n"


def _refused(path: Path) -> str:
    with pytest.raises(TranscriptError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert caught.value.problem.path == str(path)
    return message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _refused(path) == f"{path}: file is empty"


@pytest.mark.parametrize("blank", [b"   \n\t\n  \r\n", b"\xef\xbb\xbf\n\n", b"\n"])
def test_white_space_only_file(tmp_path, blank):
    path = tmp_path / "blank.txt"
    path.write_bytes(blank)
    assert "only white space" in _refused(path)


@pytest.mark.parametrize(
    "data, says",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "zip archive"),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_binary_file(tmp_path, data, says):
    path = tmp_path / "call.txt"
    path.write_bytes(data)
    message = _refused(path)
    assert "not a text file" in message and says in message


def test_a_broken_pdf_named_txt_is_refused_as_a_pdf(tmp_path):
    """A PDF is read as a PDF whatever its name (transcripts.formats); one
    that cannot be read says so, in one line."""
    path = tmp_path / "call.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _refused(path) == f"{path}: not a readable PDF (damaged or incomplete)"


def test_cp1252_file_is_read_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "acme_q3_2024.txt"
    text = "Operator\nWelcome to the call.\nJane Doe - CFO\nWe\u2019re pleased \u2014 revenue grew 5\u20ac.\n"
    path.write_bytes(text.encode("cp1252"))
    call = parse_file(path)
    assert call.text == text  # decoded, not mangled
    assert call.encoding == "cp1252"
    assert [str(w) for w in call.warnings] == [
        f"{path}:4: not valid UTF-8 (byte 0x92 on this line is the first bad one); read as cp1252"
    ]
    assert call.warnings[0].severity == "warning"
    assert call.text[call.turns[1].start : call.turns[1].end] == "We\u2019re pleased \u2014 revenue grew 5\u20ac."


def test_utf16_file_with_byte_order_mark_is_text(tmp_path):
    path = tmp_path / "acme_q3_2024.txt"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode("utf-16"))
    call = parse_file(path)
    assert call.text == GOOD
    assert [t.speaker.name for t in call.turns] == ["Operator", "Jane Doe"]
    assert not call.warnings


def test_file_with_no_speaker_lines_is_one_turn_by_unknown(tmp_path):
    path = tmp_path / "memo.txt"
    text = "Some notes about the quarter.\n\nRevenue grew. Margins fell.\nThat is all.\n"
    path.write_text(text, encoding="utf-8")
    call = parse_file(path)
    assert len(call.turns) == 1
    turn = call.turns[0]
    assert turn.speaker.name == "Unknown" and turn.speaker.role == "unknown"
    assert call.text[turn.start : turn.end] == text.strip()
    assert [call.sentence_text(i) for i in turn.sentence_range] == [
        "Some notes about the quarter.", "Revenue grew.", "Margins fell.", "That is all.",
    ]
    assert [str(w) for w in call.warnings] == [
        f"{path}: no speaker lines found; the whole text is one turn by Unknown"
    ]
    assert call.qa_start is None and call.exchanges == []


def test_huge_file_is_refused_with_its_size(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    message = _refused(path)
    assert message == (
        f"{path}: file is 52.4 MB, over the {MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MB "
        "limit for one transcript; skipped"
    )


def test_missing_file_and_folder(tmp_path):
    assert _refused(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}: file not found"
    folder = tmp_path / "calls.txt"
    folder.mkdir()
    assert "folder" in _refused(folder)


def test_line_endings_and_byte_order_mark_are_the_only_changes(tmp_path):
    path = tmp_path / "acme_q3_2024.txt"
    raw = "\ufeffOperator  \r\n\tWelcome.\t\r\rJane Doe - CFO\rThanks.  "
    path.write_bytes(raw.encode("utf-8"))
    decoded = read_transcript_file(path)
    assert decoded.text == "Operator  \n\tWelcome.\t\n\nJane Doe - CFO\nThanks.  "
    assert decoded.encoding == "utf-8"
    assert decoded.size == len(raw.encode("utf-8"))
    assert decoded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
