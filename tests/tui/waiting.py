"""Waiting in UI tests for what a worker thread does, without sleeping a
fixed time: poll a condition, fail naming what never happened."""

from __future__ import annotations

import asyncio
import time
from typing import Callable

WAIT = 30.0


async def until(condition: Callable[[], object], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
