"""The house's rules that the import contracts (`lint-imports`, pyproject.toml) cannot see.

- A dialect translates (SPEC §8): it touches no session, flushes nothing, locks nothing,
  reads no clock and sets no attribute of remit's objects (a status above all); the core's
  services do all of that.
- An invoice's status is written in one place (`invoices.changes.transition`), through the
  lifecycle's rules.
- No module imports another of remit's inside a function: the layers hold at import time
  (the composition root wires what the lower layers must not import).

Each rule is checked on the source, so a new line that breaks it fails here, by name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "remit"
DIALECTS = SRC / "dialects"

# Calls that read a clock; a dialect answers with the request's time (`received_at`).
CLOCKS = {("time", "time"), ("time", "monotonic"), ("datetime", "now"), ("datetime", "utcnow"),
          ("date", "today"), (None, "utc_now")}  # fmt: skip
# Attributes a dialect must not reach for: the store and its locks.
STORE = {"session", "flush", "with_for_update", "get_for_update", "execute", "scalar",
         "scalars", "commit", "rollback"}  # fmt: skip


def modules(root: Path) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield str(path.relative_to(SRC)), ast.parse(path.read_text(), str(path))


def _called(node: ast.Call) -> tuple[str | None, str] | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return owner, func.attr
    if isinstance(func, ast.Name):
        return None, func.id
    return None


def dialect_violations(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in CLOCKS:
            found.append(f"line {node.lineno}: reads a clock")
        if isinstance(node, ast.Attribute) and node.attr in STORE:
            found.append(f"line {node.lineno}: touches the store (.{node.attr})")
        if isinstance(node, ast.keyword) and node.arg == "lock":
            found.append(f"line {node.value.lineno}: takes a row lock")
        targets = node.targets if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            if not isinstance(target, ast.Attribute) or target.attr.startswith("__"):
                continue  # a route handler's own name is no object's state
            if not (isinstance(target.value, ast.Name) and target.value.id == "self"):
                found.append(f"line {target.lineno}: sets .{target.attr} of an object")
    return found


@pytest.mark.parametrize(
    "path", sorted(DIALECTS.rglob("*.py")), ids=lambda p: str(p.relative_to(DIALECTS))
)
def test_a_dialect_only_translates(path: Path) -> None:
    tree = ast.parse(path.read_text(), str(path))
    assert dialect_violations(tree) == [], path


def test_the_dialect_rule_catches_what_it_forbids() -> None:
    """The checker itself: each forbidden form is found (a rule that finds nothing is no
    rule)."""
    source = """
from datetime import datetime
async def handler(ctx, invoice):
    await ctx.session.flush()
    invoice.status = "paid"
    found = await repo.get(invoice.id, lock=True)
    when = datetime.now()
"""
    found = dialect_violations(ast.parse(source))
    assert sorted(found) == [
        "line 4: touches the store (.flush)",
        "line 4: touches the store (.session)",
        "line 5: sets .status of an object",
        "line 6: takes a row lock",
        "line 7: reads a clock",
    ], found


def status_writers(tree: ast.Module) -> list[tuple[str, str, int]]:
    """(function, object, line) of every assignment to an object's `status`, but an
    exception's own (`self.status`, its HTTP status)."""
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                flat = target.elts if isinstance(target, ast.Tuple) else [target]
                for item in flat:
                    if not (isinstance(item, ast.Attribute) and item.attr == "status"):
                        continue
                    owner = item.value.id if isinstance(item.value, ast.Name) else "?"
                    if owner != "self":
                        found.append((function.name, owner, item.lineno))
    return found


# Objects other than invoices have statuses of their own, written by their own services.
OTHER_STATUSES = {
    "collection/settle.py",  # a settlement's
    "collection/charges.py",  # a settlement's (the charge's outcome)
    "subscriptions/service.py",  # a subscription's
    "clocks/service.py",  # a test clock's
    "worker/deliveries.py",  # a webhook delivery's
    "webhooks/service.py",  # a webhook delivery's (a retry)
    "payments/processors/simulator.py",  # the simulator's own charge
    "credit_notes/service.py",  # a credit note's
    "refunds/service.py",  # a refund's
    "api/metrics.py",  # an HTTP response's, as the access log and /metrics count it
}


def test_an_invoice_status_is_written_in_one_place() -> None:
    writers = {
        (name, function)
        for name, tree in modules(SRC)
        for function, owner, _ in status_writers(tree)
        if name not in OTHER_STATUSES or owner == "invoice"
    }
    assert writers == {("invoices/changes.py", "transition")}


def test_the_status_rule_catches_a_bypass() -> None:
    source = "def settle(invoice, settlement):\n    invoice.status = 'paid'\n"
    assert status_writers(ast.parse(source)) == [("settle", "invoice", 2)]


def nested_imports(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("remit"):
                found.append((node.lineno, node.module or ""))
            if isinstance(node, ast.Import):
                found += [(node.lineno, a.name) for a in node.names if a.name.startswith("remit")]
    return found


# Imported on first use, on purpose: the OpenTelemetry SDK loads only when tracing is on.
LAZY_IMPORTS = {"observability/tracing.py": ["remit.observability"]}


def test_no_module_of_remit_is_imported_inside_a_function() -> None:
    found = {name: nested for name, tree in modules(SRC) if (nested := nested_imports(tree))}
    assert {name: [module for _, module in nested] for name, nested in found.items()} == (
        LAZY_IMPORTS
    ), found


def calls_to(tree: ast.Module, names: set[str]) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and (called := _called(node)) and called[1] in names
    ]


def test_one_flow_charges_invoices() -> None:
    """The charge steps (`charges.begin`, `charges.complete`) and the processor call run in
    `collection.flow` only: the API, the hosted page, the worker and the dialects all go
    through it."""
    callers = {
        name
        for name, tree in modules(SRC)
        if (calls_to(tree, {"begin", "complete", "unresolved", "retrieve"}) and "charges" in name)
        or any(
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "charges"
            and node.attr in {"begin", "complete", "unresolved"}
            for node in ast.walk(tree)
        )
    }
    assert callers <= {"collection/flow.py", "collection/charges.py"}, callers
    processor_calls = {
        name
        for name, tree in modules(SRC)
        if any(
            isinstance(node, ast.Attribute)
            and node.attr in {"charge", "retrieve"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "processor"
            for node in ast.walk(tree)
        )
    }
    assert processor_calls == {"collection/flow.py"}


def test_what_is_left_to_pay_is_computed_in_one_place() -> None:
    """`amount_due - amount_paid` is `invoices.totals.amount_remaining`; nothing else
    subtracts the two."""
    found = []
    for name, tree in modules(SRC):
        for node in ast.walk(tree):
            parts = []
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
                parts = [node.left, node.right]
            elif isinstance(node, ast.Call) and _called(node) in {(None, "subtract")}:
                parts = list(node.args)
            names = {p.attr for p in parts if isinstance(p, ast.Attribute)}
            names |= {p.id for p in parts if isinstance(p, ast.Name)}
            if {"amount_due", "amount_paid"} <= names:
                found.append(name)
    assert found == ["invoices/totals.py"]


def test_no_list_is_cut_at_a_page() -> None:
    """A caller that wants every row asks the core for every row, never for a first page
    of 100 and silence about the rest."""
    found = [
        (name, node.lineno)
        for name, tree in modules(SRC)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _called(node) in {(None, "PageRequest")}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert found == []
