"""Shared steps for credit note tests."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.support import Api, TenantApi, expect

# An invoice of three lines at two rates (SPEC §3.2's example): 119.97 + 9.07 tax = 129.04.
MIXED_LINES = [
    {"description": "Hours", "quantity": "3", "unit_amount": "19.99", "tax_rate": "8.25"},
    {"description": "Parts", "quantity": "1.5", "unit_amount": "33.333", "tax_rate": "8.25"},
    {"description": "Fee", "quantity": "1", "unit_amount": "10.00", "tax_rate": "0"},
]


async def credit(api: Api, invoice_id: str, **fields: Any) -> httpx.Response:
    return await api.post("/v1/credit_notes", {"invoice": invoice_id, **fields})


async def issue(api: Api, invoice_id: str, **fields: Any) -> Any:
    return expect(await credit(api, invoice_id, **fields), 201)


async def preview(api: Api, invoice_id: str, **fields: Any) -> httpx.Response:
    """`GET /v1/credit_notes/preview` with the POST's fields (lines and metadata as JSON)."""
    params = {"invoice": invoice_id}
    for name, value in fields.items():
        params[name] = json.dumps(value) if name in ("lines", "metadata") else value
    return await api.get("/v1/credit_notes/preview", params=params)


async def invoice_of(api: TenantApi, invoice_id: str) -> Any:
    return expect(await api.get(f"/v1/invoices/{invoice_id}"), 200)


def line_ids(invoice: dict[str, Any]) -> list[str]:
    return [line["id"] for line in invoice["lines"]]


async def pay(api: Api, invoice_id: str, amount: str | None = None) -> Any:
    """A confirmed cash settlement of the invoice (what is left, unless `amount`)."""
    body: dict[str, Any] = {"method": "cash"}
    if amount is not None:
        body["amount"] = amount
    return expect(await api.post(f"/v1/invoices/{invoice_id}/settlements", body), 201)


async def balance(api: Api, customer_id: str, currency: str = "USD") -> str | None:
    found = expect(await api.get(f"/v1/customers/{customer_id}/balance"), 200)
    return dict(found["balances"]).get(currency)
