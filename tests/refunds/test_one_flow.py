"""Refunds have one flow (STYLE: one way to do a thing): the processor is asked to refund in
`refunds.flow` only, where no transaction is open and the crash point sits."""

from __future__ import annotations

import ast

from tests.test_architecture import SRC, modules


def refund_calls(tree: ast.Module) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"refund", "retrieve_refund"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "processor"
    ]


def test_the_processor_refunds_in_the_flow_only() -> None:
    callers = {name for name, tree in modules(SRC) if refund_calls(tree)}
    assert callers == {"refunds/flow.py"}


def test_the_rule_catches_a_call_elsewhere() -> None:
    source = "async def f(processor, request):\n    return await processor.refund(request)\n"
    assert refund_calls(ast.parse(source)) == [2]
