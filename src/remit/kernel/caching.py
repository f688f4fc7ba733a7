"""`functools.cache` for functions that take classes (a model, a table's class)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


def typed_cache(function: Callable[P, R]) -> Callable[P, R]:
    """`functools.cache`, typed as the function it caches: typeshed's wrapper takes any
    `Hashable` arguments, so calls through it go unchecked, and mypy counts no class as
    `Hashable` (python/mypy#11470), so calls with a class fail."""
    # The wrapper calls `function` with the arguments it gets: it takes what `function` takes.
    return cast(Callable[P, R], functools.cache(function))
