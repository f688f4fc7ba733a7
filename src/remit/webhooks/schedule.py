"""When to try a failed delivery again, pure (SPEC §7: backoff for about three days).

Delay before attempt n+1 = min(base × 2^(n−1), 12 h) × a jitter in [0.8, 1.2]. With the
default base of 30 s: 30 s, 1 min, 2 min, … 4.3 h, 8.5 h, then every 12 h, until the
delivery is older than the window (3 days): about 16 attempts.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

MAX_DELAY = timedelta(hours=12)
DEFAULT_WINDOW = timedelta(days=3)


def retry_delay(attempts: int, base: timedelta, jitter: float | None = None) -> timedelta:
    """The wait after `attempts` failed attempts (1 = after the first failure)."""
    factor = random.uniform(0.8, 1.2) if jitter is None else jitter
    exponent = min(attempts - 1, 40)  # 2^40 × any base is already past the cap
    growth: float = 2**exponent  # `int ** int` is typed Any: a negative exponent makes a float
    return min(base * growth, MAX_DELAY) * factor


def next_attempt(
    attempts: int, now: datetime, created_at: datetime, base: timedelta, window: timedelta
) -> datetime | None:
    """When to try again, or None to give up (the next try would fall outside the window)."""
    when = now + retry_delay(attempts, base)
    return when if when <= created_at + window else None
