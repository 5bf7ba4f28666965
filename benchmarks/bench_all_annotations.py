"""Issue 12, item 10: every call's annotations on one screen (``@``).

Targets (medians, at scale 1: 1,000 calls with 50 annotations each, 50,000
in all):
- the first reading of every annotation file from the corpus's entries (no
  call's text parsed): at most 5 s (50,000 annotations validated with line
  numbers; it runs in a worker and the screen says it is reading);
- opening the screen again with the files unchanged: at most 250 ms (each
  file is read again only when its size, mtime or inode changed);
- filtering the 50,000 with filter words as the user types
  (``author:kim tag:guidance role:cfo``): at most 250 ms.

Set-up (not timed): one small call parsed once and its entry copied under
1,000 names and companies (an entry is metadata; its text is never read),
each with an annotation file of 50 annotations written by ``codec``.

    python benchmarks/run.py all_annotations --scale 0.05
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

from annotations import codec
from annotations import every_call
from annotations.every_call import read_all, select
from annotations.export.filter_words import parse_words
from annotations.model import Annotation, AnnotationFile
from benchmarks.harness import Row, median_time
from transcripts.corpus import parse_file
from transcripts.sidecar import sidecar_path

ISSUE = 12
CALLS = 1000
PER_CALL = 50
RUNS = 5
_TEXT = (
    "Operator\nGood day, and welcome to the Acme Q3 2024 earnings conference call.\n\n"
    "Jane Roe - EVP and Chief Financial Officer\nRevenue was $220 million. Margins improved a lot.\n\n"
    "Operator\nOur first question comes from Sam Poe with Big Bank.\n\n"
    "Sam Poe - Big Bank - Analyst\nThanks. What drove revenue?\n"
)


def _corpus(folder: Path, calls: int) -> list:
    source = folder / "acme-2024-q3.txt"
    source.write_text(_TEXT, encoding="utf-8")
    base = parse_file(source)
    speakers = [sp.name for sp in base.speakers]
    entries = []
    for i in range(calls):
        path = folder / f"co{i:04d}-2024-q3.txt"
        shutil.copyfile(source, path)
        entry = copy.copy(base)
        entry.path, entry.id, entry.company = str(path), f"co{i:04d}-2024-q3", f"Company {i}"
        items = [
            Annotation(f"a{k:05d}", k * 3, k * 3 + 2, f"quote {k} revenue", ["guidance" if k % 3 else "metric"],
                       speaker=speakers[k % len(speakers)], author=("Kim Lee", "Dana Evan")[k % 2])
            for k in range(PER_CALL)
        ]
        af = AnnotationFile(path=sidecar_path(path), transcript=path.name, sha256=entry.sha256, annotations=items)
        sidecar_path(path).write_text(codec.to_text(af), encoding="utf-8")
        entries.append(entry)
    return entries


def run(scale: float) -> list[Row]:
    calls = max(10, int(CALLS * scale))
    folder = Path(tempfile.mkdtemp(prefix="earmark-bench-all-"))
    try:
        entries = _corpus(folder, calls)
        def first_read():
            every_call._read_before.clear()
            return read_all(entries)

        listing = first_read()
        assert len(listing.items) == calls * PER_CALL
        read = median_time(first_read, runs=RUNS)
        again = median_time(lambda: read_all(entries), runs=RUNS)
        query = parse_words("author:kim tag:guidance role:cfo")
        found = select(listing, query)
        assert found and all(item.annotation.author == "Kim Lee" for item in found)
        filtering = median_time(lambda: select(listing, query), runs=RUNS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    per = 1000 / min(scale, 1.0) if scale < 1 else 1000
    note = f"{calls} calls x {PER_CALL} annotations" + (" (scaled to 1,000 calls)" if scale < 1 else "")
    return [
        Row(ISSUE, "all annotations: first read of every file", read * per, "ms", 5000, runs=RUNS, note=note),
        Row(ISSUE, "all annotations: opened again (files unchanged)", again * per, "ms", 250, runs=RUNS, note=note),
        Row(ISSUE, "all annotations: filter words over all", filtering * per, "ms", 250, runs=RUNS, note=note),
    ]
