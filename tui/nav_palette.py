"""The moving keys of issue 12 in the command palette: "jump back",
"go to turn", "start of the Q&A", ... each with the key that does it now
(after the user's keymap), for a user who has not learnt the keys yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.palette import Entry, EntryListProvider

if TYPE_CHECKING:
    from tui.app import EarmarkApp

COMMANDS = (
    ("jump back", "nav.jump_back", "back to where the last jump left from"),
    ("jump forward", "nav.jump_forward", "forward again after a jump back"),
    ("go to turn\u2026", "nav.goto_turn", "a turn of this call by its number"),
    ("start of the Q&A", "nav.qa_start", "the first turn of the questions and answers"),
    ("next annotation", "nav.next_annotation", "in this call, then the next calls"),
    ("previous annotation", "nav.prev_annotation", "in this call, then the earlier calls"),
    ("set mark\u2026", "nav.mark_set", "then a letter: this place, kept across restarts"),
    ("go to mark\u2026", "nav.mark_go", "then its letter"),
)


def key_for(app: "EarmarkApp", binding_id: str) -> str:
    """The key(s) bound to ``binding_id`` now, as the help shows them."""
    keys = [b.key_display or app.get_key_display(b) for bindings in app._bindings.key_to_bindings.values()
            for b in bindings if b.id == binding_id]
    return " / ".join(dict.fromkeys(keys))


class NavCommands(EntryListProvider):
    def entries(self) -> list[Entry]:
        app: EarmarkApp = self.app  # type: ignore[assignment]
        out: list[Entry] = []
        for text, binding_id, help_text in COMMANDS:
            key = key_for(app, binding_id)
            out.append((f"{text} ({key})" if key else text, help_text,
                        lambda b=binding_id: app.run_action(f"run_key_handler({b!r})")))
        return out


def install(app: "EarmarkApp") -> None:
    if NavCommands not in app.COMMANDS:
        app.COMMANDS = app.COMMANDS | {NavCommands}  # this app only, not the class
