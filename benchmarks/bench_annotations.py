"""Issue 4: annotation files.

Targets (medians):
- saving a file of 1,000 annotations: at most 50 ms;
- loading and anchoring 1,000 annotations on an unchanged call: at most 100 ms;
- the same on a changed call (text inserted at the top, some quotes edited):
  at most 1 s.

Set-up (not timed): one generated call of 10,000 words (``write_call``), and
1,000 annotations on it: whole sentences and parts of sentences, tags, notes
with quotes and line breaks, structured fields. "Save" is
``CallAnnotations.save()`` as the app calls it: compare with the file on
disk, write YAML, temp file + fsync + ``os.replace``. "Load and anchor" is
opening a ``CallAnnotations`` for the call: read, validate with line numbers,
place every annotation. For the changed call, a paragraph is inserted at the
top and one quote in twenty has a word replaced (found again fuzzily).

    python benchmarks/run.py annotations --scale 0.05
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from annotations.session import CallAnnotations
from benchmarks.generate import write_call
from benchmarks.harness import Row, median_time
from transcripts.corpus import parse_file

ISSUE = 4
FULL = 1000
RUNS = 7
_NOTES = ['Beat the "consensus" number', "Guide looks light\nfollow up: IR", "Marge — 日本", ""]


def _annotate(session: CallAnnotations, count: int, rng: random.Random) -> None:
    call = session.call
    n = call.sentence_count
    spans: set[tuple[int, int]] = set()
    while len(spans) < count:
        i = rng.randrange(n)
        start, end = call.sentence_starts[i], call.sentence_ends[i]
        if end - start < 20:
            continue
        if rng.random() < 0.5:  # a part of the sentence: its first words
            end = start + max(12, (end - start) // 2)
        spans.add((start, end))
    for k, (start, end) in enumerate(sorted(spans)):
        tags = ["metric"] if k % 3 else ["guidance", "risk"]
        fields = {"metric": "revenue", "value": k, "unit": "USD million"} if k % 4 == 0 else None
        session.add(start, end, tags, note=_NOTES[k % len(_NOTES)], fields=fields)


def _edit(text: str, quotes: list[str], rng: random.Random) -> str:
    """Insert a paragraph at the top and change one word in one quote in twenty."""
    for q in rng.sample(quotes, max(1, len(quotes) // 20)):
        words = q.split(" ")
        if len(words) < 4:
            continue
        j = rng.randrange(1, len(words) - 1)
        edited = " ".join(words[:j] + [words[j] + "s"] + words[j + 1 :])
        text = text.replace(q, edited, 1)
    return "Editor's note: corrected transcript, speaker names and figures checked.\n" + text


def run(scale: float = 1.0) -> list[Row]:
    count = max(50, int(FULL * scale))
    rng = random.Random(4)
    folder = Path(tempfile.mkdtemp(prefix="earmark-bench-annotations-"))
    try:
        path = folder / "bench-call.txt"
        path.write_text(write_call(random.Random(0), 0, 2024, 3, 10_000), encoding="utf-8")
        call = parse_file(path)
        session = CallAnnotations(call)
        _annotate(session, count, rng)
        assert session.save().ok

        save_s = median_time(lambda: session.save(), runs=RUNS)
        load_s = median_time(lambda: CallAnnotations(call), runs=RUNS)
        check = CallAnnotations(call)
        assert len(check.annotations) == count and all(a.status == "anchored" for a in check.annotations)

        path.write_text(_edit(call.text, [a.quote for a in check.annotations], rng), encoding="utf-8")
        changed = parse_file(path)
        changed_s = median_time(lambda: CallAnnotations(changed), runs=RUNS)
        placed = CallAnnotations(changed)
        statuses = {s: sum(a.status == s for a in placed.annotations) for s in ("anchored", "moved", "fuzzy", "orphaned")}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    note = f"{count} annotations"
    return [
        Row(ISSUE, f"save a file of {count} annotations (atomic, merge check)", save_s * 1000, "ms", 50, runs=RUNS, note=note),
        Row(ISSUE, f"load + anchor {count} annotations, unchanged call", load_s * 1000, "ms", 100, runs=RUNS, note=note),
        Row(ISSUE, f"load + anchor {count} annotations, changed call", changed_s * 1000, "ms", 1000, runs=RUNS,
            note=", ".join(f"{v} {k}" for k, v in statuses.items())),
    ]


if __name__ == "__main__":
    import sys

    from benchmarks.harness import format_table

    print(format_table(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)))
