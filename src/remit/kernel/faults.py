"""Named fault points, for proving crash safety (tests only; inert unless armed).

`point("payments.after_charge")` does nothing in normal operation. Armed through the
environment (`REMIT_FAULTS=payments.after_charge`), it kills the process on the spot — a real
crash, for tests that run remit as a process. Armed in-process with `armed(...)`, it raises
`InjectedFault`, which nothing in remit catches.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

_FROM_ENVIRONMENT = frozenset(filter(None, os.environ.get("REMIT_FAULTS", "").split(",")))
_IN_PROCESS: set[str] = set()
CRASH_EXIT_CODE = 70


class InjectedFault(BaseException):
    """Raised at an armed fault point (a BaseException: no `except Exception` swallows it)."""


def point(name: str) -> None:
    if name in _FROM_ENVIRONMENT:
        os._exit(CRASH_EXIT_CODE)
    if name in _IN_PROCESS:
        raise InjectedFault(name)


@contextmanager
def armed(name: str) -> Iterator[None]:
    _IN_PROCESS.add(name)
    try:
        yield
    finally:
        _IN_PROCESS.discard(name)
