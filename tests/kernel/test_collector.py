"""The collector's settings for serving and working processes."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from remit.kernel import collector


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("thresholds")
def test_tune_collects_the_young_generation_less_often_and_keeps_the_older_ratios() -> None:
    gc.set_threshold(700, 10, 10)
    collector.tune()
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 10, 10)
    collector.tune()  # twice is the same as once
    assert gc.get_threshold() == (10_000, 10, 10)
