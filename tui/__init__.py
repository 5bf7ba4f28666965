"""The user interface: the Textual app and the ``earmark`` command line.

``EarmarkApp`` is imported lazily so that ``tui.cli`` and the headless
commands can be imported without Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.app import EarmarkApp

__all__ = ["EarmarkApp"]


def __getattr__(name: str) -> Any:
    if name == "EarmarkApp":
        from tui.app import EarmarkApp

        return EarmarkApp
    raise AttributeError(f"module 'tui' has no attribute {name!r}")
