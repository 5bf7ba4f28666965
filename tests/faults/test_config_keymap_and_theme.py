"""A keymap entry that takes a key from another binding is reported on
start, naming both binding ids (Textual would apply it in silence); and a
theme picked in the palette is saved to config.yaml, its comments and other
keys kept byte for byte."""

from __future__ import annotations

import os

from tests.conftest import Q4_2003
from tests.tui.test_keymap_unknown_ids import config_warnings, write_config
from transcripts.locations import config_file
from tui.app import EarmarkApp
from tui.config_save import NotSaved, save_setting
from benchmarks.harness import settle as workers_idle

SIZE = (140, 40)


async def warnings_for(samples_copy, config_text: str) -> list[str]:
    """The Config warnings of an app started with ``config_text``."""
    write_config(config_text)
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        return config_warnings(app)


async def test_a_key_taken_from_next_hit_is_reported_with_both_ids(samples_copy):
    warnings = await warnings_for(samples_copy, "keymap:\n  annotations.tag_metric: n\n")
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(str(config_file()))
    assert "annotations.tag_metric" in warnings[0] and "search.next" in warnings[0]


async def test_a_transcript_key_on_q_hiding_quit_is_reported(samples_copy):
    warnings = await warnings_for(samples_copy, "keymap:\n  reader.next_turn: q\n")
    assert len(warnings) == 1, warnings
    assert "reader.next_turn" in warnings[0] and "app.quit" in warnings[0]


async def test_keys_swapped_or_moved_to_free_keys_are_no_conflict(samples_copy):
    assert await warnings_for(
        samples_copy,
        "keymap:\n"
        "  reader.next_sentence: \"k,ctrl+n\"\n"  # the README's example, with j and k swapped
        "  reader.prev_sentence: j\n"
        "  app.help: f1\n"  # the same action as app.help_f1
        "  annotations.tag_metric: b\n",
    ) == []


async def test_two_entries_on_one_key_are_reported_once(samples_copy):
    warnings = await warnings_for(samples_copy, "keymap:\n  annotations.tag_metric: z\n  annotations.tag_guidance: z\n")
    assert len(warnings) == 1, warnings
    assert "annotations.tag_metric" in warnings[0] and "annotations.tag_guidance" in warnings[0]


CONFIG_WITH_COMMENTS = (
    "# Earmark settings, kept in my dotfiles\n"
    "theme: textual-dark   # the default\n"
    "keymap:\n"
    "  reader.next_sentence: \"j,ctrl+n\"  # emacs habit\n"
    "tags:\n"
    "  3: risk\n"
)


async def test_a_theme_picked_in_the_palette_is_saved_keeping_comments(samples_copy):
    path = write_config(CONFIG_WITH_COMMENTS)
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await workers_idle(app)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")  # "Theme": the theme picker
        await pilot.pause(0.5)
        await pilot.press(*"nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert app.theme == "nord"
    assert path.read_text(encoding="utf-8") == CONFIG_WITH_COMMENTS.replace(
        "theme: textual-dark   # the default", "theme: nord   # the default")
    app = EarmarkApp([str(samples_copy / Q4_2003)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"  # the next start opens with it


def test_a_theme_is_added_to_a_file_without_one_and_written_through_a_link(tmp_path):
    real = tmp_path / "dotfiles" / "earmark.yaml"
    real.parent.mkdir()
    real.write_text("# mine\ntags:\n  3: risk\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "config.yaml"
    link.symlink_to(real)
    assert save_setting(link, "theme", "gruvbox") == real
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "# mine\ntags:\n  3: risk\ntheme: gruvbox\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_broken_config_is_not_edited(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"theme: [nord\n# my notes\n")
    try:
        save_setting(path, "theme", "gruvbox")
    except NotSaved as exc:
        assert str(path) in str(exc)
    else:
        raise AssertionError("a file that is not valid YAML was edited")
    assert path.read_bytes() == b"theme: [nord\n# my notes\n"
