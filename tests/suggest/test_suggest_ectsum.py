"""Suggestion quality on a fixed sample of ECTSum's real calls: the top 16
must cover more of the journalist's figures than ECT-BPS (about 0.60).
Quality, not speed: the time per call is a benchmark row, not a test."""

from __future__ import annotations

import pytest

from benchmarks import ectsum


@pytest.mark.skipif(not ectsum.available(), reason=f"no ECTSum data at {ectsum.DATA} (../shared absent)")
def test_top_16_cover_more_bullets_than_the_trained_baseline():
    m = ectsum.measure(every=8)  # 211 calls, a fixed sample
    assert m.calls > 150 and m.bullets > 600
    assert m.coverage > 0.60, f"coverage {m.coverage:.3f} on {m.bullets} bullets"
    assert m.precision > 0.12
