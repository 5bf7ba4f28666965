"""``earmark [PATH ...]``: build the app and run it.

With no PATH the app opens a writable copy of the bundled sample calls in the
user data directory, so annotations are never written into the installed
package. The copy is made on first use and only adds missing files: a user's
edits and annotations there are never overwritten.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Sequence

from transcripts.locations import SAMPLES_DIR, user_samples_dir
from transcripts.reading import TRANSCRIPT_SUFFIXES


def ensure_user_samples(dest: Path | None = None) -> Path:
    """Copy the bundled transcripts that are missing from ``dest``."""
    dest = dest or user_samples_dir()
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(SAMPLES_DIR.iterdir()):
        if not src.is_file() or src.suffix.lower() not in TRANSCRIPT_SUFFIXES:
            continue
        target = dest / src.name
        if not target.exists():
            shutil.copy2(src, target)
    return dest


def build_app(paths: Sequence[str], follow_links: bool = False):
    from tui.app import EarmarkApp

    if paths:
        return EarmarkApp(list(paths), follow_links=follow_links)
    samples = ensure_user_samples()
    return EarmarkApp([str(samples)], samples_dir=samples)


def launch_app(paths: Sequence[str], follow_links: bool = False) -> int:
    try:
        app = build_app(paths, follow_links)
    except OSError as exc:
        print(f"earmark: cannot prepare the sample calls: {exc}", file=sys.stderr)
        return 1
    app.run()
    return int(app.return_code or 0)
