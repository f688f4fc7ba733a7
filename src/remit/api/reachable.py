"""Which problems an operation can answer, read from the code rather than kept by hand.

Every typed problem is a `Problem` subclass with its status and stable code. The functions an
operation runs are followed from its handler and dependencies through the names their code
refers to (`service.create_customer`, `operations.write`, `claim`, …): a problem class one of
them names can be raised. A class they use (a repository, a body model) stands for its whole
module, and every module that one imports: there a problem counts when the module calls it
(`InvoiceNotDraft(...)`). That over-estimates a little — never omits — which is what a client
handling errors needs; the contract fuzzing checks the result against the live server.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import types
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from fastapi.dependencies.models import Dependant

from remit.kernel.problems import Problem

ROOT = "remit."


def problem_classes() -> list[type[Problem]]:
    """Every problem class of the modules imported so far (the app imports them all)."""
    found: list[type[Problem]] = []
    pending = [Problem]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: (cls.status, cls.code))


@dataclass(frozen=True)
class CodeFacts:
    """What a function's code refers to, and the code of every remit function it refers to
    in turn: values (globals, closure cells, attributes of modules), names, strings."""

    values: tuple[Any, ...]
    names: frozenset[str]
    strings: frozenset[str]

    def refers_to(self, value: Any) -> bool:
        return any(item is value for item in self.values)

    def classes(self) -> set[type]:
        return {value for value in self.values if isinstance(value, type)}


@cache
def code_facts(function: Callable[..., Any]) -> CodeFacts:
    values: dict[int, Any] = {}
    names: set[str] = set()
    strings: set[str] = set()
    pending: list[Any] = [function]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        direct = _direct_facts(current)
        if direct is None:
            continue
        own_values, own_names, own_strings, follow = direct
        values.update((id(value), value) for value in own_values)
        names |= own_names
        strings |= own_strings
        pending += follow
    return CodeFacts(tuple(values.values()), frozenset(names), frozenset(strings))


@cache
def _direct_facts(
    function: Any,
) -> tuple[tuple[Any, ...], frozenset[str], frozenset[str], tuple[Any, ...]] | None:
    """One function's own references (not those of what it calls), and what to follow."""
    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None or not _module_of(function).startswith(ROOT):
        return None
    names = frozenset(_names(code))
    values = tuple(_referenced(function, set(names)))
    follow = tuple(item for value in values for item in _code_of(value))
    return values, names, frozenset(_strings(code)), follow


def _code_of(value: Any) -> tuple[Any, ...]:
    """The functions to follow from a value: itself, or a remit class's methods (of its
    remit bases too); not a problem class's, which are not what raises it."""
    if inspect.isfunction(value):
        return (value,)
    if not isinstance(value, type) or issubclass(value, Problem):
        return ()
    return _methods(cast(Hashable, value))  # typeshed's `type` is not Hashable


@cache
def _methods(value: Hashable) -> tuple[Any, ...]:
    """A class's methods (`value`: the class, typed `Hashable` to be a key of the cache)."""
    found: list[Any] = []
    for cls in cast(type, value).__mro__:
        if _module_of(cls).startswith(ROOT):
            for member in vars(cls).values():
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                elif isinstance(member, property):
                    member = member.fget
                found += [member] if inspect.isfunction(member) else []
    return tuple(found)


def _referenced(function: Any, names: set[str]) -> Iterator[Any]:
    """Globals, closure values and defaults of `function` (with an instance, its class); of a
    module, the attributes the code names."""
    found = [function.__globals__.get(name) for name in names]
    found += [cell.cell_contents for cell in function.__closure__ or () if _filled(cell)]
    found += [*(function.__defaults__ or ()), *(function.__kwdefaults__ or {}).values()]
    for value in found:
        if isinstance(value, types.ModuleType):
            yield from (getattr(value, name) for name in names if hasattr(value, name))
        elif value is not None:
            yield value
            if _module_of(type(value)).startswith(ROOT):  # an instance: `NATIVE`, a style
                yield type(value)


def reachable_problems(endpoint: Callable[..., Any], dependant: Dependant) -> set[type[Problem]]:
    found: set[type[Problem]] = set()
    for function in _functions(endpoint, dependant):
        found |= {cls for cls in code_facts(function).classes() if issubclass(cls, Problem)}
    return found - {Problem}  # the base: caught and tested for, not raised


def reachable_strings(endpoint: Callable[..., Any], dependant: Dependant) -> set[str]:
    """String constants of the code the operation runs, and of the modules of its parameters'
    types (the body model's validators give codes by value)."""
    strings: set[str] = set()
    for function in _functions(endpoint, dependant):
        strings |= code_facts(function).strings
    types_ = {item for a in _annotations(dependant) for item in _types_in(a)}
    modules = module_closure(m for m in map(_module_of, types_) if m.startswith(ROOT))
    return strings.union(*(_module_facts(module)[2] for module in modules))


def module_closure(modules: Iterable[str]) -> frozenset[str]:
    return _closure(frozenset(modules))


@cache
def _closure(modules: frozenset[str]) -> frozenset[str]:
    seen: set[str] = set()
    pending = list(modules)
    while pending:
        module = pending.pop()
        if module not in seen and module.startswith(ROOT):
            seen.add(module)
            pending.extend(_module_facts(module)[0])
    return frozenset(seen)


def _functions(endpoint: Callable[..., Any], dependant: Dependant) -> list[Callable[..., Any]]:
    calls = [endpoint]
    pending = list(dependant.dependencies)
    while pending:
        sub = pending.pop()
        calls += [sub.call] if sub.call is not None else []
        pending.extend(sub.dependencies)
    return calls


def _annotations(dependant: Dependant) -> Iterator[Any]:
    for param in (*dependant.path_params, *dependant.query_params, *dependant.body_params):
        yield param.field_info.annotation
    for sub in dependant.dependencies:
        yield from _annotations(sub)


def _types_in(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in getattr(annotation, "__args__", ()):
        yield from _types_in(argument)


def _module_of(item: Any) -> str:
    if isinstance(item, types.ModuleType):
        return item.__name__
    return str(getattr(item, "__module__", "") or "")


def _names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):  # lambdas and nested functions
            yield from _names(constant)


def _strings(code: types.CodeType) -> Iterator[str]:
    for constant in code.co_consts:
        if isinstance(constant, str):
            yield constant
        elif isinstance(constant, types.CodeType):
            yield from _strings(constant)


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018 — an empty cell raises
    except ValueError:
        return False
    return True


@cache
def _module_facts(module: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(modules it imports, names it calls, string constants) of a module's source."""
    spec = importlib.util.find_spec(module) if module.startswith(ROOT) else None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return frozenset(), frozenset(), frozenset()
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    imports: set[str] = set()
    called: set[str] = set()
    strings: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imports |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            imports |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Call):
            called.add(_call_name(node.func))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
    modules = {name for name in imports if name.startswith(ROOT) and _is_module(name)}
    return frozenset(modules), frozenset(called), frozenset(strings)


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


@cache
def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
