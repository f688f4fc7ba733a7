"""Which processors exist: the built-ins, and any installed plug-in that declares an entry
point in the group `remit.processors` (`name = "package.module:factory"`)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from remit.payments.processors.base import Processor
from remit.payments.processors.manual import Manual
from remit.payments.processors.simulator import Simulator
from remit.runtime import Runtime

GROUP = "remit.processors"


def builtin_factories() -> dict[str, Callable[[Runtime], Processor]]:
    return {"simulator": Simulator, "manual": Manual}


def load(runtime: Runtime) -> dict[str, Processor]:
    factories = builtin_factories()
    for entry in entry_points(group=GROUP):
        factories.setdefault(entry.name, entry.load())
    return {name: factory(runtime) for name, factory in factories.items()}
