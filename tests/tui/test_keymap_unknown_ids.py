"""A keymap entry in config.yaml whose binding id does not exist (a typo)
is reported with the file's name, instead of being ignored in silence;
every id the app and its features really have is accepted."""

from __future__ import annotations

from tests.conftest import Q4_2003
from tui.app import EarmarkApp
from transcripts.locations import config_file
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


def write_config(text: str):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_warnings(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Config"]


async def test_a_misspelt_binding_id_is_reported_naming_the_file(samples_copy):
    path = write_config("keymap:\n  reader.nxt_sentence: n\n  reader.next_turn: b\n")
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        warnings = config_warnings(app)
        assert len(warnings) == 1
        assert str(path) in warnings[0] and "reader.nxt_sentence" in warnings[0]
        await pilot.press("b")  # the valid entry still applies
        assert app.reader.current_turn.index == 1


async def test_ids_of_features_and_modal_screens_are_known(samples_copy):
    # Bound by features at install time (annotations, export, search) and
    # by screens that are not open yet (note form, help, export dialog).
    write_config(
        "keymap:\n"
        "  annotations.tag_metric: b\n"
        "  export.open: E\n"
        "  search.next: ctrl+n\n"
        "  note.save: ctrl+w\n"
        "  help.close: ctrl+x\n"
        "  export.write: ctrl+e\n"
        "  app.help: f2\n"
    )
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        assert config_warnings(app) == []
