"""Highlight summaries of annotated calls: Markdown, CSV and JSON.

The pipeline is: load sources (calls + annotation files, ``sources``) ->
flat records (``records``) -> filter (``filters``, ``filter_words``) ->
render (``markdown``, ``csv_export``, ``json_export``) -> write atomically
(``output``). The command line (``earmark export``) and the app's export
dialog both go through ``export_records`` and ``write_export``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotations.export.csv_export import FILE_ENCODING as CSV_FILE_ENCODING
from annotations.export.csv_export import render_csv
from annotations.export.filter_words import parse_words, query_predicate
from annotations.export.filters import ExportFilter, FilterError, parse_period
from annotations.export.json_export import render_json
from annotations.export.markdown import render_markdown
from annotations.export.output import OutputError, write_atomic
from annotations.export.records import ExportRecord, build_records
from annotations.export.sources import ExportSources, load_sources, speaker_identities
from transcripts.search.query import call_matcher
from transcripts.terminal_safe import text_of_name

CALL_KEYS = ("company", "year", "quarter")
"""Filter words about a call as a whole, decided before its text is read."""

FORMATS: tuple[str, ...] = ("md", "csv", "json")
SUFFIXES: dict[str, str] = {"md": ".md", "csv": ".csv", "json": ".json"}
_RENDER = {"md": render_markdown, "csv": render_csv, "json": render_json}


def format_for_path(path: str | Path) -> str | None:
    """The format a file name implies (``summary.csv`` -> ``csv``)."""
    suffix = Path(path).suffix.lower()
    return {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json"}.get(suffix)


def render(records: list[ExportRecord], fmt: str, tags: list[str] | None = None) -> str:
    """``records`` as ``fmt``; ``tags``, the tags the export was asked for,
    decide the Markdown's sections (CSV and JSON list every tag a row has)."""
    if fmt not in _RENDER:
        raise ValueError(f"unknown export format {fmt!r} (md, csv or json)")
    if fmt == "md":
        return render_markdown(records, tags)
    return _RENDER[fmt](records)


def encode(text: str, fmt: str) -> bytes:
    """File bytes: CSV with a byte-order mark for spreadsheets (see
    ``csv_export``), the others plain UTF-8."""
    # A file name that is not UTF-8 is written with U+FFFD for its bad bytes:
    # the document stays valid UTF-8 (JSON and CSV readers require it).
    return text_of_name(text).encode(CSV_FILE_ENCODING if fmt == "csv" else "utf-8")


def write_export(path: str | Path, text: str, fmt: str) -> Path:
    """Write ``text`` to ``path`` atomically; raises ``OutputError``."""
    return write_atomic(path, encode(text, fmt))


@dataclass
class ExportResult:
    records: list[ExportRecord]
    text: str
    fmt: str
    orphaned: list[ExportRecord] = field(default_factory=list)


def build_filter(
    *,
    tags: list[str] | None = None,
    speakers: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    words: str | None = None,
) -> ExportFilter:
    """A filter from what a user typed; raises ``FilterError`` with a
    message for the user."""
    flt = ExportFilter(tags=list(tags or []), speakers=list(speakers or []))
    if since:
        flt.since = parse_period(since)
    if until:
        flt.until = parse_period(until, end=True)
    if flt.since and flt.until and flt.since > flt.until:
        raise FilterError(f"--since {since} is after --until {until}")
    if words:
        query = parse_words(words)
        if not query.is_empty:
            flt.words = [query_predicate(query)]
            flt.speaker_words = bool(query.values("speaker"))
            about_calls = tuple(f for f in query.filters if f.key in CALL_KEYS)
            if about_calls:
                # one matcher for every call: each company name is judged once, not once a quarter
                flt.calls = call_matcher(about_calls)
    return flt


def select_records(
    sources: ExportSources,
    flt: ExportFilter | None = None,
    *,
    base: str | Path | None = None,
    identities: dict | None = None,
) -> list[ExportRecord]:
    """Records of ``sources`` that pass ``flt``, calls in period order.
    ``base`` is the folder paths are shown relative to (cwd by default).

    Speaker identity across calls (``identities``, see
    ``sources.speaker_identities``) is built here only when a speaker
    filter needs it: on 1,000 calls it costs more than the rest of an
    export. The app may pass one it already holds."""
    ids = identities
    if ids is None and flt is not None and flt.needs_identity:
        ids = speaker_identities(sources.calls)
    records = build_records(sources.items, base=str(base) if base is not None else None, identities=ids)
    if flt is not None and flt.active:
        records = flt.apply(records)
    return records


def export_records(
    sources: ExportSources,
    fmt: str = "md",
    flt: ExportFilter | None = None,
    *,
    base: str | Path | None = None,
    identities: dict | None = None,
) -> ExportResult:
    """``select_records`` rendered as ``fmt``."""
    records = select_records(sources, flt, base=base, identities=identities)
    text = render(records, fmt, flt.tags if flt is not None and flt.tags else None)
    return ExportResult(records, text, fmt, [r for r in records if r.orphaned])


__all__ = [
    "FORMATS", "SUFFIXES", "ExportFilter", "ExportRecord", "ExportResult", "ExportSources",
    "FilterError", "OutputError", "build_filter", "build_records", "encode", "export_records",
    "format_for_path", "load_sources", "parse_period", "render", "select_records", "write_export",
]
