"""The cyclic garbage collector, set for a long-running process that holds many objects.

CPython collects its youngest generation every 700 new container objects, and the oldest
whenever the middle one has been collected ten times and a quarter more objects have become
long-lived since the last full collection. A worker transaction that bills 50 subscriptions
makes some 100 000 objects (ORM state, snapshots, rows) that live until it commits, so at
CPython's pace they were traced again and again, and full collections ran every few
transactions: about a sixth of the worker's CPU in scenario 7 (docs/performance.md).
Collecting the youngest generation every 10 000 objects instead keeps the same ratios for
the older ones and left the processes' peak memory where it was.

`tune()` is called once by each process that serves or works (`remit serve`, each of its
`--workers` processes, `remit worker`), after the application is built.
"""

from __future__ import annotations

import gc

# New container objects between collections of the youngest generation (CPython's: 700).
YOUNG_THRESHOLD = 10_000


def tune() -> None:
    """Collect the youngest generation less often; the older ones keep their ratios."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
