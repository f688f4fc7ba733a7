"""Token buckets, in process: `limit` requests a minute per key, in bursts up to `limit`.

Each process keeps its own buckets; behind N processes a client gets up to N × the limit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    per_minute: int
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # tokens, when

    def acquire(self, key: str) -> float:
        """Take a token for `key`: 0.0 if allowed, else the seconds until one is free."""
        now = time.monotonic()
        rate = self.per_minute / 60.0
        tokens, then = self._buckets.get(key, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - then) * rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / rate
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 50_000:
            self._forget_idle(now)
        return 0.0

    def retry_after(self, wait: float) -> str:
        return str(max(1, math.ceil(wait)))

    def _forget_idle(self, now: float) -> None:
        """Full buckets hold nothing worth keeping."""
        full = 60.0  # a minute idle refills any bucket
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full}
