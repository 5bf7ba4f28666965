"""One name per metric across calls: "total revenues", "revenue" and "net
sales" are the same line of the ledger.

The built-in spellings are the suggestion vocabulary
(``annotations.suggest.fields.METRICS``). A user corrects or extends them in
``metrics.yaml`` in the config folder::

    aliases:
      net sales: revenue          # this company's "net sales" is its revenue
      core FFO: FFO
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotations.suggest.fields import metric_of
from transcripts.locations import config_dir
from transcripts.model import Problem

MAX_BYTES = 1_000_000


def metrics_file() -> Path:
    return config_dir() / "metrics.yaml"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class MetricNames:
    aliases: dict[str, str] = field(default_factory=dict)
    """Casefolded spelling -> the name to show."""

    def canonical(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            return ""
        mapped = self.aliases.get(_key(name))
        if mapped:
            return mapped
        found = metric_of(name)
        # Only when the vocabulary's spelling is the whole name: "revenue per
        # employee" is not revenue.
        if found and found[1] == 0 and found[2] >= len(name) - 1:
            return found[0]
        return name


def load_metric_names(path: Path | None = None) -> tuple[MetricNames, list[Problem]]:
    """The user's aliases; a bad file is one problem line and the built-in
    names, never a stop. Read through the same guards as annotation files
    (nesting, alias expansion, YAML's forbidden characters)."""
    from annotations.yamlio import YamlError, compose, construct

    path = path or metrics_file()
    names = MetricNames()
    try:
        if not path.is_file():
            return names, []
        if path.stat().st_size > MAX_BYTES:
            return names, [Problem(str(path), f"larger than {MAX_BYTES:,} bytes; the built-in metric names are used")]
        node = compose(path.read_text(encoding="utf-8"))
        doc = construct(node) if node is not None else None
    except YamlError as exc:
        return names, [Problem(str(path), f"{exc}; the built-in metric names are used", exc.line)]
    except (OSError, UnicodeDecodeError) as exc:
        return names, [Problem(str(path), f"not read ({type(exc).__name__}); the built-in metric names are used")]
    if doc is None:
        return names, []
    aliases = doc.get("aliases") if isinstance(doc, dict) else None
    if not isinstance(aliases, dict):
        return names, [Problem(str(path), "expected 'aliases:' holding 'spelling: metric' lines")]
    problems = []
    for spelling, target in aliases.items():
        if not isinstance(spelling, str) or not isinstance(target, str) or not target.strip():
            problems.append(Problem(str(path), f"alias {spelling!r}: both sides must be text"))
            continue
        names.aliases[_key(spelling)] = " ".join(target.split())
    return names, problems
