"""Issue 6: exporting highlight summaries.

Target: 10,000 annotations across 1,000 calls to each format (Markdown, CSV,
JSON) in at most 2 s.

Set-up (not timed): the generated corpus (``generate_corpus``) is copied into
a temporary folder; ten annotations per call are written beside each
transcript as ``<stem>.annotations.yaml`` by the store's own writer, as the
app writes them (tags, notes with commas, quotes, line breaks and non-ASCII
text, structured fields, one in fifty orphaned); the calls are loaded once,
as the app holds them.

Timed, per format (medians of 5 and 3 runs):

1. the export itself, from annotations already loaded and anchored (as the
   app holds them): building the records, rendering, and writing the file
   atomically (temp + fsync + rename);
2. the same plus reading, validating and anchoring the 1,000 annotation
   files through the store, which is what ``earmark export`` adds once the
   calls are open.

3. the whole command, ``earmark export FOLDER --format F -o FILE`` in
   process (median of 3), which also loads the 1,000 calls from the warm
   parse cache with their ``call:`` corrections: what a user waits for.
Speaker identity is not built: an export needs it only for speaker filters.

    python benchmarks/run.py export --scale 0.05
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import tempfile
import time
from pathlib import Path

from annotations.export import export_records, load_sources, write_export
from benchmarks.generate import generate_corpus
from benchmarks.harness import Row, median_time
from transcripts import load_corpus
from transcripts.sidecar import sidecar_path

ISSUE = 6
TARGET_S = 2.0
PER_CALL = 10
RUNS = 5

_USER_TAGS = ["risk", "capex", "pricing", "competition", "follow-up", "margin"]
_METRICS = ["revenue", "deferred revenue", "EPS", "gross margin", "operating cash flow", "capex", "bookings"]
_NOTES = [
    'Beat the "consensus" number, barely',
    "Guide looks light, watch Q&A\nfollow up with IR",
    "Marge brute — en hausse, 日本 demand",
    "Mgmt says: pricing stable, churn | flat",
    "",
]

def _annotation(rng: random.Random, call, i: int) -> dict:
    n = call.sentence_count
    s = rng.randrange(n)
    e = min(n - 1, s + rng.choice((0, 0, 0, 1)))
    start, end = call.sentence_starts[s], call.sentence_ends[e]
    kind = rng.random()
    tags = ["metric"] if kind < 0.4 else ["guidance"] if kind < 0.7 else [rng.choice(_USER_TAGS)]
    if rng.random() < 0.1:
        tags.append(rng.choice(_USER_TAGS))
    fields: dict = {}
    if tags[0] == "metric":
        fields = {"metric": rng.choice(_METRICS), "value": round(rng.uniform(1, 900), 1), "unit": "USD million"}
    elif tags[0] == "guidance":
        low = rng.randrange(100, 900)
        fields = {"metric": rng.choice(_METRICS), "low": low, "high": low + rng.randrange(5, 40),
                  "unit": "USD million", "period": f"Q{call.quarter % 4 + 1 if call.quarter else 1} {call.fiscal_year}"}
    quote = call.text[start:end]
    ann = {"id": hashlib.sha1(f"{call.id}-{i}".encode()).hexdigest()[:6], "tags": tags,
           "start": start, "end": end, "quote": quote,
           "prefix": call.text[max(0, start - 32):start], "suffix": call.text[end:end + 32]}
    if rng.random() < 0.02:  # orphaned: the saved quote is no longer in the text
        ann["quote"] = "a sentence since edited out " + str(i)
    note = rng.choice(_NOTES)
    if note:
        ann["note"] = note
    if fields:
        ann["fields"] = fields
    ann["created"] = "2026-11-21T10:00:00Z"
    return ann


def write_annotations(calls, seed: int = 6) -> int:
    """Annotation files as Earmark itself writes them (the store's codec), so
    reading them takes the path users' files take."""
    from annotations.codec import to_text
    from annotations.model import Annotation, AnnotationFile

    rng = random.Random(seed)
    total = 0
    for call in calls:
        path = sidecar_path(call.path)
        af = AnnotationFile(path=path, transcript=Path(call.path).name, sha256=call.sha256)
        for i in range(PER_CALL):
            d = _annotation(rng, call, i)
            af.annotations.append(Annotation(
                id=d["id"], start=d["start"], end=d["end"], quote=d["quote"], tags=d["tags"],
                prefix=d["prefix"], suffix=d["suffix"], note=d.get("note", ""),
                fields=d.get("fields", {}), created=d["created"],
            ))
        path.write_text(to_text(af), encoding="utf-8")
        total += len(af.annotations)
    return total


def _prepare(scale: float, tmp: Path) -> tuple[Path, list, int]:
    source = generate_corpus(calls=max(20, round(1000 * scale)), words=10_000)
    folder = tmp / "calls"
    folder.mkdir()
    for f in source.glob("*.txt"):
        shutil.copyfile(f, folder / f.name)
    calls = load_corpus([folder]).calls
    total = write_annotations(calls)
    return folder, load_corpus([folder]).calls, total  # reload: the call: blocks are read too


def run(scale: float) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="earmark-bench-export-") as tmpdir:
        tmp = Path(tmpdir)
        folder, calls, total = _prepare(scale, tmp)
        what = f"{total:,} annotations / {len(calls):,} calls"
        loaded = load_sources([], calls=calls)  # as the app holds them
        for fmt in ("md", "csv", "json"):
            out = tmp / f"summary.{fmt}"

            def from_memory(fmt: str = fmt, out: Path = out) -> None:
                result = export_records(loaded, fmt, base=tmp)
                write_export(out, result.text, fmt)

            def from_files(fmt: str = fmt, out: Path = out) -> None:
                sources = load_sources([], calls=calls)  # read + validate + anchor 1,000 files
                result = export_records(sources, fmt, base=tmp)
                write_export(out, result.text, fmt)

            t = median_time(from_memory, runs=RUNS, warmup=1)
            size = out.stat().st_size / 1e6
            rows.append(Row(ISSUE, f"export {fmt}: {what}", t, "s", TARGET_S,
                            runs=RUNS, note=f"records+render+write, {size:.1f} MB"))
            t = median_time(from_files, runs=3, warmup=1)
            rows.append(Row(ISSUE, f"export {fmt} + reading the annotation files", t, "s", TARGET_S,
                            runs=3, note="store load + anchoring included"))

        from tui.commands import export as command

        for fmt in ("md", "csv", "json"):
            parser = argparse.ArgumentParser()
            command.add_arguments(parser)
            args = parser.parse_args([str(folder), "--format", fmt, "-o", str(tmp / f"cli.{fmt}")])
            t = median_time(lambda args=args: _quiet(command.run, args), runs=3, warmup=1)
            rows.append(Row(ISSUE, f"earmark export FOLDER --format {fmt} (whole command)", t, "s", TARGET_S,
                            runs=3, note="loads calls (warm cache) + annotation files, exports, writes"))
    return rows


def _quiet(fn, *args):
    import contextlib
    import io

    with contextlib.redirect_stderr(io.StringIO()):
        return fn(*args)


if __name__ == "__main__":
    import sys

    from benchmarks.harness import format_table

    t0 = time.perf_counter()
    print(format_table(run(float(sys.argv[1]) if len(sys.argv) > 1 else 0.05)))
    print(f"({time.perf_counter() - t0:.1f} s)")
