"""Test clock bodies (Stripe's `test_helpers.test_clock`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from remit.clocks.models import TestClock
from remit.kernel.fields import InputModel, OutTimestamp, Timestamp


class TestClockCreate(InputModel):
    __test__ = False  # not a pytest class
    frozen_time: Timestamp
    name: str | None = Field(None, min_length=1, max_length=300)


class TestClockAdvance(InputModel):
    __test__ = False
    frozen_time: Timestamp


class TestClockOut(BaseModel):
    __test__ = False
    object: Literal["test_helpers.test_clock"] = "test_helpers.test_clock"
    id: str
    livemode: bool
    name: str | None
    frozen_time: OutTimestamp
    status: Literal["ready", "advancing"]
    # Where an advance is going (null when ready).
    target_time: OutTimestamp | None
    created_at: OutTimestamp

    @classmethod
    def of(cls, clock: TestClock) -> TestClockOut:
        return cls(
            id=clock.id,
            livemode=clock.livemode,
            name=clock.name,
            frozen_time=clock.frozen_time,
            status="advancing" if clock.status == "advancing" else "ready",
            target_time=clock.target_time if clock.status == "advancing" else None,
            created_at=clock.created_at,
        )
