"""Shared steps for the customer balance's tests."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import httpx

from tests.api.resources import list_all
from tests.support import Api, TenantApi, expect


def ledger_path(customer_id: str) -> str:
    return f"/v1/customers/{customer_id}/balance_transactions"


async def adjust(
    api: Api, customer_id: str, amount: str, currency: str = "USD", **fields: Any
) -> httpx.Response:
    """A manual adjustment of the customer's balance (negative: credit)."""
    body = {"amount": amount, "currency": currency, **fields}
    return await api.post(ledger_path(customer_id), body)


async def ledger(api: Api, customer_id: str, **params: Any) -> list[dict[str, Any]]:
    """Every transaction of the customer, oldest first."""
    return list(reversed(await list_all(api, ledger_path(customer_id), **params)))


async def balances(api: Api, customer_id: str) -> dict[str, str]:
    found = expect(await api.get(f"/v1/customers/{customer_id}/balance"), 200)
    assert (found["object"], found["customer"]) == ("customer_balance", customer_id)
    return dict(found["balances"])


async def balance_is_the_ledger(api: TenantApi, customer_id: str) -> dict[str, str]:
    """Check the balance against its ledger: per currency the balance is the sum of the
    transactions, and each transaction's `ending_balance` the running sum at that point.
    Returns the balances."""
    running: dict[str, Decimal] = defaultdict(Decimal)
    for transaction in await ledger(api, customer_id):
        running[transaction["currency"]] += Decimal(transaction["amount"])
        assert Decimal(transaction["ending_balance"]) == running[transaction["currency"]]
    shown = await balances(api, customer_id)
    assert {currency: Decimal(amount) for currency, amount in shown.items()} == dict(running)
    return shown


async def draft(api: TenantApi, customer_id: str, amount: str, **fields: Any) -> dict[str, Any]:
    lines = [{"description": "Work", "quantity": "1", "unit_amount": amount}]
    return await api.invoice(customer=customer_id, lines=lines, **fields)


async def issued(api: TenantApi, customer_id: str, amount: str, **fields: Any) -> dict[str, Any]:
    """An invoice of `amount` for the customer, finalized at creation."""
    return await draft(api, customer_id, amount, status="open", **fields)


def balance_figures(invoice: dict[str, Any]) -> tuple[str, str, str, str]:
    return (
        invoice["starting_balance"],
        invoice["applied_balance"],
        invoice["ending_balance"],
        invoice["amount_due"],
    )
