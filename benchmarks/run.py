"""Run the benchmarks and print one table: ``make bench``.

    python benchmarks/run.py                  # every benchmarks/bench_*.py
    python benchmarks/run.py corpus search    # bench_corpus.py, bench_search.py
    python benchmarks/run.py --scale 0.05     # a quick run on a smaller corpus
    python benchmarks/run.py scale --scale 30 # the scale section with 30,000 calls

A scale above 1 goes only to benchmarks that declare ``SCALE_UP = True``
(the scale section); the others run at scale 1 then.

One benchmark failing must not hide the others' figures: its error is
printed, the rest still run, and the exit code is 1 at the end.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and the packages importable
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import Row, format_table  # noqa: E402


def discover(names: list[str]) -> list[str]:
    """Module names to run: those asked for (``corpus`` or ``bench_corpus``),
    or every ``bench_*.py`` next to this file."""
    if not names:
        return sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n if n.startswith("bench_") else f"bench_{n}" for n in (Path(n).stem for n in names)]


def run_one(name: str, scale: float) -> tuple[list[Row], str | None]:
    """Rows of one benchmark, or its error as text (never raises)."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        rows = list(module.run(scale if getattr(module, "SCALE_UP", False) else min(scale, 1.0)))
    except Exception as exc:  # a broken benchmark must not stop the others
        detail = traceback.format_exc(limit=-3)
        return [], f"{name}: {type(exc).__name__}: {exc}\n{detail}"
    return rows, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Earmark's benchmarks.")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="shrink the generated corpus for a quick run (targets hold at 1.0); "
                             "above 1 only the scale section grows (30: 30,000 calls)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    rows: list[Row] = []
    failed: list[str] = []
    for name in discover(args.names):
        t0 = time.perf_counter()
        print(f"running {name} (scale {args.scale:g}) ...", file=sys.stderr, flush=True)
        got, error = run_one(name, args.scale)
        if error:
            failed.append(name)
            print(f"FAILED {error}", file=sys.stderr, flush=True)
        else:
            print(f"  {name}: {len(got)} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        rows.extend(got)
    print(format_table(rows))
    if failed:
        print(f"\n{len(failed)} benchmark(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
