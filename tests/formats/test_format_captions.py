"""WebVTT and SRT caption files from speech-to-text: one ``Speaker N:``
line per turn, cues of one speaker merged, timings and styling dropped."""

from __future__ import annotations

import pytest

from format_fixtures import SRT, SRT_LINES, VTT, VTT_LINES
from transcripts import load_corpus, parse_file
from transcripts.formats import read_source


def test_webvtt_voices_become_speaker_lines(tmp_path):
    source = read_source(tmp_path / "call.vtt", VTT.encode())
    assert source.format == "vtt"
    assert source.text.splitlines() == VTT_LINES
    assert "-->" not in source.text and "NOTE" not in source.text and "<" not in source.text


def test_srt_speaker_prefixes_become_speaker_lines(tmp_path):
    source = read_source(tmp_path / "call.srt", SRT.replace("\n", "\r\n").encode("utf-8-sig"))
    assert source.format == "srt"
    assert source.text.splitlines() == SRT_LINES


def test_voices_named_by_name_keep_their_names(tmp_path):
    """``Name: speech`` lines, which the layouts read as speakers (the
    diarized and ``Name: speech`` layouts, ``transcripts.layouts``)."""
    vtt = ("WEBVTT\n\n00:00.000 --> 00:04.000\n<v Jane Roe>Thanks, operator. Revenue grew 12%.\n\n"
           "00:04.000 --> 00:08.000\n<v Jane Roe>Margins expanded as well.\n\n"
           "00:08.000 --> 00:12.000\n<v Sam Lee>Thanks for taking my question.\n")
    path = tmp_path / "acme-2024-q3.vtt"
    path.write_text(vtt, encoding="utf-8")
    call = parse_file(path)
    assert call.format == "vtt"
    assert call.text.splitlines() == [
        "Jane Roe: Thanks, operator. Revenue grew 12%. Margins expanded as well.",
        "Sam Lee: Thanks for taking my question.",
    ]


def test_captions_without_speakers_are_one_paragraph(tmp_path):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nGood day.\n\n2\n00:00:02,000 --> 00:00:03,000\nWelcome.\n"
    assert read_source(tmp_path / "x.srt", srt.encode()).text == "Good day. Welcome.\n"


@pytest.mark.parametrize("name, data", [
    ("bad.vtt", "WEBVTT\n\nthis file has no cues at all\n"),
    ("bad.srt", "1\nnot a timing\nhello\n"),
])
def test_a_caption_file_without_cues_is_a_one_line_error(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    (error,) = load_corpus([path]).errors
    assert str(error).startswith(f"{path}:1: no captions found:") and "\n" not in str(error)


def test_cues_run_together_without_blank_lines_lose_no_words_and_gain_no_numbers(tmp_path):
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nSpeaker 0: Good day.\n"
           "2\n00:00:02,000 --> 00:00:03,000\nWelcome to the call.\n")
    assert read_source(tmp_path / "x.srt", srt.encode()).text == "Speaker 0: Good day. Welcome to the call.\n"
