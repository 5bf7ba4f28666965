"""``python -m tui`` is the ``earmark`` command."""

from tui.cli import run

run()
