"""Running work in worker processes, safely, or saying it cannot be done.

Parsing a thousand calls is CPU work, so it goes to a process pool. How
the workers start matters: ``fork`` is fastest but unsafe when the process
runs other threads (the app loads calls in a worker thread); ``forkserver``
and ``spawn`` are safe but start each worker by importing the ``__main__``
script again, which would re-run a user's unguarded script. When no safe
way exists the caller does the work in its own process instead.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.context import BaseContext
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.M)


def worker_count(items: int, wanted: int | None, threshold: int) -> int:
    """How many processes to use: one for small inputs (starting workers
    costs more than it saves), never more than the CPUs, and one when no
    safe way to start workers exists."""
    if items <= threshold:
        return 1
    cpus = os.cpu_count() or 1
    n = max(1, min(wanted if wanted is not None else cpus, cpus, items // 10))
    return n if n > 1 and start_context() is not None else 1


def start_context() -> BaseContext | None:
    """``fork`` when this process runs no other thread; otherwise
    ``forkserver`` if the main script can be imported again without
    running it; otherwise None (do the work here)."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods and main_is_safe_to_import():
        return multiprocessing.get_context("forkserver")
    return None


def main_is_safe_to_import() -> bool:
    """True when starting a worker will not re-run the user's main script:
    a package's ``__main__`` (multiprocessing skips it), or a script whose
    work sits under ``if __name__ == "__main__":`` (console scripts such as
    ``earmark`` and ``pytest`` are written that way)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and (spec.name == "__main__" or spec.name.endswith(".__main__")):
        return True
    path = getattr(main, "__file__", None)
    if not path:
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read(200_000)
    except OSError:
        return False
    return bool(_MAIN_GUARD.search(source))


def map_chunks(
    func: Callable[[list[T]], list[R]],
    chunks: Sequence[list[T]],
    workers: int,
    on_chunk: Callable[[int, list[R]], None],
    window: int | None = None,
) -> None:
    """Run ``func`` on each chunk in ``workers`` processes, handing each
    chunk's position and results to ``on_chunk`` (in this process) as they
    finish.

    With ``window``, at most that many chunks are in flight, and a chunk's
    results are let go once handed over: when ``on_chunk`` is the slower
    side (the index writer), results would otherwise pile up in memory.
    Raises whatever the pool raises (e.g. ``BrokenProcessPool``); the caller
    decides how to finish the work."""
    ctx = start_context()
    if ctx is None:
        raise RuntimeError("no safe way to start worker processes here")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload([func.__module__])
    limit = window if window is not None else len(chunks)
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        pending: dict[Future, int] = {}
        queued = iter(range(len(chunks)))
        for i in queued:
            pending[pool.submit(func, chunks[i])] = i
            if len(pending) >= limit:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                i = pending.pop(future)
                on_chunk(i, future.result())
                nxt = next(queued, None)
                if nxt is not None:
                    pending[pool.submit(func, chunks[nxt])] = nxt
