"""Work through several independent items so that one item's failure stays its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


async def every(job: Callable[[T], Awaitable[R]], items: Iterable[T]) -> list[R]:
    """`job` for each item in order, every one of them even when an earlier one fails (as
    jobs run side by side all run); then the first failure is raised. The results, when
    none failed."""
    results: list[R] = []
    failure: Exception | None = None
    for item in items:
        try:
            results.append(await job(item))
        except Exception as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    return results
