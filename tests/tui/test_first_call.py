"""A folder opens on its latest call by period, not on the file whose name
sorts first (issue 9 item 25); a call the user started reading while the
rest loaded stays open."""

from __future__ import annotations

import shutil

from tests.conftest import Q1_2003, Q4_2003, SAMPLES
from tui.app import EarmarkApp
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def ready(app, pilot) -> None:
    await workers_idle(app)
    await pilot.pause()


async def test_periods_in_the_names_open_the_latest(tmp_path):
    # The names sort Q1 first; the older call's name sorts first too.
    shutil.copy(SAMPLES / Q1_2003, tmp_path / "verisign-2003-q1.txt")
    shutil.copy(SAMPLES / Q4_2003, tmp_path / "verisign-2003-q4.txt")
    app = EarmarkApp([str(tmp_path)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert sorted(p.name for p in tmp_path.iterdir())[0] == "verisign-2003-q1.txt"
        assert (app.current_call.fiscal_year, app.current_call.quarter) == (2003, 4)
        assert app.status.part("call") == app.current_call.label


async def test_periods_only_in_the_text_open_the_latest(tmp_path):
    # Names that say nothing: the period comes from each call's own words.
    shutil.copy(SAMPLES / Q1_2003, tmp_path / "a.txt")
    shutil.copy(SAMPLES / Q4_2003, tmp_path / "b.txt")
    app = EarmarkApp([str(tmp_path)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.corpus.calls) == 2
        latest = max(app.corpus.calls, key=lambda c: (c.fiscal_year, c.quarter))
        assert latest.path.endswith("b.txt")
        assert app.current_call is latest
        assert app.reader.cursor == 0


async def test_a_call_being_read_while_loading_stays_open(tmp_path):
    shutil.copy(SAMPLES / Q1_2003, tmp_path / "a.txt")
    shutil.copy(SAMPLES / Q4_2003, tmp_path / "b.txt")
    app = EarmarkApp([str(tmp_path)], installers=[])
    early = app._show_early_call

    def show_and_read(call):
        early(call)
        app.reader.goto_sentence(3)  # the user pressed j j j meanwhile

    app._show_early_call = show_and_read
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.current_call.path.endswith("a.txt")
        assert app.reader.cursor == 3


async def test_the_call_left_off_at_is_shown_before_the_folder_is_walked(tmp_path, monkeypatch):
    import tui.app_loading as app_module

    folder = tmp_path / "calls"
    (folder / "older").mkdir(parents=True)
    shutil.copy(SAMPLES / Q4_2003, folder / "verisign-2003-q4.txt")
    left_off = folder / "older" / "verisign-2003-q1.txt"
    shutil.copy(SAMPLES / Q1_2003, left_off)
    walks: list = []
    real = app_module.find_transcripts
    monkeypatch.setattr(app_module, "find_transcripts", lambda *a, **k: walks.append(a) or real(*a, **k))
    app = EarmarkApp([str(folder)], installers=[])
    app.resume_path = str(left_off)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert walks == []  # only the load walked the folder, after the call was shown
        assert app.current_call.path == str(left_off) and app.current_call.quarter == 1


def test_a_call_left_off_at_outside_the_folders_or_hidden_is_not_taken_without_the_walk(tmp_path):
    from tui.first_call import resumed_file

    folder = tmp_path / "calls"
    (folder / ".old").mkdir(parents=True)
    inside, hidden, outside = folder / "a.txt", folder / ".old" / "b.txt", tmp_path / "c.txt"
    for p in (inside, hidden, outside):
        p.write_text("Operator: hello\n", encoding="utf-8")
    assert resumed_file([str(folder)], str(inside)) == inside
    assert resumed_file([str(folder)], str(hidden)) is None
    assert resumed_file([str(folder)], str(outside)) is None
    assert resumed_file([str(outside)], str(outside)) == outside  # a file opened by name
    assert resumed_file([str(folder)], str(folder / "gone.txt")) is None
    assert resumed_file([str(folder)], None) is None


async def test_a_warm_start_shows_its_first_call_without_parsing_it(tmp_path, monkeypatch):
    """The first call, shown before the corpus is in, comes from the parsed-
    call cache when its bytes were parsed before (a parse and the parser's
    import were half of the first paint); its text is the same."""
    from transcripts import file_parse, load_corpus

    shutil.copy(SAMPLES / Q4_2003, tmp_path / "verisign-2003-q4.txt")
    expected = load_corpus([tmp_path]).calls[0]
    parsed: list[str] = []
    real = file_parse.parse_bytes
    monkeypatch.setattr(file_parse, "parse_bytes", lambda path, data: parsed.append(path) or real(path, data))
    shown: list = []
    app = EarmarkApp([str(tmp_path)], installers=[])
    real_show = app._show_early_call
    monkeypatch.setattr(app, "_show_early_call", lambda call: shown.append(call) or real_show(call))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert parsed == []
        assert [c.path for c in shown] == [expected.path]
        assert shown[0].text == expected.text and shown[0].id == expected.id
        # An edited file is parsed again, not taken from the cache.
    (tmp_path / "verisign-2003-q4.txt").write_text(expected.text.replace("VeriSign", "VeriSlgn", 1), encoding="utf-8")
    app = EarmarkApp([str(tmp_path)], installers=[])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert parsed and "VeriSlgn" in app.current_call.text
