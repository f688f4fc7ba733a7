"""When to try a failed automatic charge again, pure (SPEC §6).

Retries fall on days counted from the first failure: by default after 1, 3, 5 and 7 days.
Once they are used up, the failure is final.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def next_attempt(started_at: datetime, failures: int, schedule: tuple[int, ...]) -> datetime | None:
    """After `failures` failed attempts, the next one's time, or None when it was the last."""
    if failures < 1 or failures > len(schedule):
        return None
    return started_at + timedelta(days=schedule[failures - 1])
