"""``y`` copies with a citation, through Pilot (issue 12 item 1): what the
clipboard got for the cursor's sentence, a selection, an annotation under
the cursor, one chosen in the annotations pane and a search hit; the
Markdown form and the citation template from the config; control text in
a transcript never reaches the clipboard; the status bar says what was
copied."""

from __future__ import annotations

import shutil
from contextlib import asynccontextmanager

import pytest

from tests.conftest import Q4_2003, SAMPLES
from tui.app import EarmarkApp
from tui.config import Config, load_config
from tui.widgets.search_pane import DEBOUNCE_SECONDS, SearchPane
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)
CASH = ("These results drove nearly $360 million in operating cash flow for the year, "
        "representing a 50% increase over 2002.")
DANA = "Dana Evan, EVP and CFO, VeriSign Q4 2003 earnings call (prepared remarks, turn 4)"
INSTALLERS = ["tui.widgets.search_pane:install", "tui.annotations_ui:install", "tui.copy_ui:install"]


@pytest.fixture(autouse=True)
def no_multiplexer(monkeypatch):
    """The tests may run inside tmux or screen: the app must not hand our
    quotes to the tester's own tmux."""
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.delenv("STY", raising=False)


def make_app(paths, config: Config | None = None) -> EarmarkApp:
    app = EarmarkApp([str(p) for p in paths], config=config or Config())
    app.installers = list(INSTALLERS)
    return app


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


@asynccontextmanager
async def opened(paths, config: Config | None = None):
    """The app on ``paths``, loaded, as (app, pilot)."""
    app = make_app(paths, config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        yield app, pilot


async def to_text(app, pilot, text: str) -> int:
    """Cursor on the sentence that starts with ``text``; its index."""
    call = app.current_call
    i = next(i for i in range(call.sentence_count) if call.sentence_text(i).startswith(text))
    app.reader.goto_sentence(i)
    await pilot.pause()
    return i


async def test_y_copies_the_cursor_sentence_with_its_citation(samples_copy):
    async with opened([samples_copy / Q4_2003]) as (app, pilot):
        await to_text(app, pilot, "These results drove")
        await pilot.press("y")
        assert app.clipboard == f'"{CASH}" \u2014 {DANA}'
        assert app.status.part("message").startswith("copied the sentence with its citation: \u201cThese results")


async def test_y_copies_the_selection_of_two_sentences(samples_copy):
    async with opened([samples_copy / Q4_2003]) as (app, pilot):
        i = await to_text(app, pilot, "These results drove")
        await pilot.press("v", "j", "y")
        call = app.current_call
        both = " ".join(call.text[call.sentence_starts[i]:call.sentence_ends[i + 1]].split())
        assert both.startswith(CASH) and len(both) > len(CASH) + 20
        assert app.clipboard == f'"{both}" \u2014 {DANA}'
        assert "copied the selection" in app.status.part("message")


async def test_y_copies_the_annotation_under_the_cursor_and_the_one_chosen_in_the_pane(samples_copy):
    async with opened([samples_copy / Q4_2003]) as (app, pilot):
        call = app.current_call
        figure = call.text.index("$360 million in operating cash flow")
        session = app.annotations.session()
        session.add(figure, figure + len("$360 million"), ["metric"])
        app.annotations.commit(session, "tagged")
        await to_text(app, pilot, "These results drove")
        await pilot.press("y")
        assert app.clipboard == f'"$360 million" \u2014 {DANA}'
        assert "copied the annotation" in app.status.part("message")
        # v then y: the whole sentence, although it holds the annotation
        await pilot.press("v", "y")
        assert app.clipboard == f'"{CASH}" \u2014 {DANA}'
        # In the annotations pane, the highlighted annotation, wherever the cursor is.
        await pilot.press("escape", "g")
        app.annotations.pane.focus()
        app.annotations.pane.highlighted = 0
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == f'"$360 million" \u2014 {DANA}'


async def test_y_in_the_search_hits_copies_the_hit(samples_copy):
    async with opened([samples_copy]) as (app, pilot):
        await pilot.press("slash")
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await ready(app, pilot)
        for ch in "operating cash flow":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await ready(app, pilot)
        pane = app.query_one(SearchPane)
        assert "y" not in app.clipboard and "operating cash flow" in pane.input.value  # y typed, not copied
        pane.hit_list.focus()
        await pilot.pause()
        hit = pane.hits[int(pane.hit_list.highlighted_option.id[4:])]
        await pilot.press("y")
        entry = next(e for e in app.corpus.entries if e.id == hit.call)
        call = app.corpus.full(entry)
        turn = call.turn_at(hit.start)
        assert app.clipboard.startswith(f'"{" ".join(hit.text.split())}" \u2014 {turn.speaker.name}')
        assert app.clipboard.endswith(f"VeriSign {call.period} earnings call ({'Q&A' if turn.section == 'qa' else 'prepared remarks'}, "
                                      f"turn {turn.index + 1})")
        assert "copied the search hit" in app.status.part("message")


async def test_markdown_form_and_citation_template_from_the_config(samples_copy, tmp_path):
    config_file = tmp_path / "config.yaml"
    config_file.write_text('copy:\n  format: markdown\n  citation: "{speaker} ({ticker}{company}, {period}, turn {turn})"\n',
                           encoding="utf-8")
    config = load_config(config_file)
    assert config.problems == []
    async with opened([samples_copy / Q4_2003], config) as (app, pilot):
        await to_text(app, pilot, "These results drove")
        await pilot.press("y")
        assert app.clipboard == f"> {CASH}\n>\n> \u2014 Dana Evan (VeriSign, Q4 2003, turn 4)"
        assert "as Markdown" in app.status.part("message")


async def test_the_palette_copies_either_form_whatever_the_config(samples_copy):
    async with opened([samples_copy / Q4_2003]) as (app, pilot):
        await to_text(app, pilot, "These results drove")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"copy: as Markdown")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == f"> {CASH}\n>\n> \u2014 {DANA}"


async def test_control_text_in_a_transcript_never_reaches_the_clipboard(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    text = (SAMPLES / Q4_2003).read_text(encoding="utf-8")
    evil = text.replace("These results drove", "These \x1b]0;owned\x07results drove", 1)
    (calls / "verisign-q4-2003.txt").write_text(evil, encoding="utf-8")
    async with opened([calls / "verisign-q4-2003.txt"]) as (app, pilot):
        await to_text(app, pilot, "These \x1b")
        await pilot.press("y")
        copied = app.clipboard
        assert "\x1b" not in copied and "\x07" not in copied
        assert copied.startswith('"These \u241b]0;owned\u2407results drove')


@pytest.mark.parametrize("body, message", [
    ('copy:\n  citation: "{speaker} {nope}"\n', "config.yaml:2: copy: citation: unknown field {nope}"),
    ('copy:\n  citation: "{speaker.__class__}"\n', "config.yaml:2: copy: citation: unknown field {speaker.__class__}"),
    ("copy:\n  format: html\n", "config.yaml:2: copy: format: must be one of plain, markdown"),
    ("copy: markdown\n", "config.yaml:1: copy: must be a mapping"),
    ("copy:\n  colour: red\n", "config.yaml:2: copy: unknown setting 'colour'"),
])
def test_a_bad_copy_setting_is_one_line_and_the_default_is_used(tmp_path, body, message):
    path = tmp_path / "config.yaml"
    path.write_text(body, encoding="utf-8")
    config = load_config(path)
    assert len(config.problems) == 1
    assert config.problems[0].startswith(str(path.parent) + "/" + message)
    assert config.copy == Config().copy


async def test_y_is_in_the_help_and_confirm_re_anchor_is_on_shift_y(samples_copy):
    app = EarmarkApp([str(samples_copy / Q4_2003)], config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        keys = {b.id: b.key for b in app._feature_bindings}
        assert keys["copy.quote"] == "y" and keys["annotations.confirm"] == "Y"
        assert keys["annotations.redo"] == "ctrl+r"
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Copy quote + citation" in shown
        assert "Redo what u undid" in shown


def test_copy_keeps_paragraph_breaks_in_markdown_and_not_in_the_plain_line(tmp_path):
    from annotations.citation import CopySettings, Quote, render
    from transcripts.corpus import parse_file

    path = tmp_path / "q.txt"
    shutil.copy(SAMPLES / Q4_2003, path)
    call = parse_file(path)
    turn = next(t for t in call.turns if len(t.paragraphs) > 1)
    (s0, e0), (s1, e1) = turn.paragraphs[:2]
    quote = Quote(call.text[s0:e1], call, turn)
    first, second = " ".join(call.text[s0:e0].split()), " ".join(call.text[s1:e1].split())
    md = render(quote, CopySettings(format="markdown"))
    assert md.startswith(f"> {first}\n>\n> {second}\n>\n> \u2014 {turn.speaker.name}")
    plain = render(quote)
    assert plain.startswith(f'"{first} {second}" \u2014 ') and "\n" not in plain


async def test_copy_and_redo_are_remappable_from_the_keymap(samples_copy):
    config = Config(keymap={"copy.quote": "ctrl+y", "annotations.redo": "ctrl+e"})
    async with opened([samples_copy / Q4_2003], config) as (app, pilot):
        await to_text(app, pilot, "These results drove")
        await pilot.press("y")
        assert app.clipboard == ""
        await pilot.press("ctrl+y")
        assert app.clipboard == f'"{CASH}" \u2014 {DANA}'
        await pilot.press("1", "u", "ctrl+e")
        assert app.status.part("message").startswith("redone: tagged metric")
