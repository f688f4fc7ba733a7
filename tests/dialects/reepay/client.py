"""A minimal Reepay client for tests: HTTP Basic with the private key and no password."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx

from remit.api_keys.service import issue_key
from remit.runtime import Runtime
from tests.support import acting_for


async def issue_private_key(runtime: Runtime, account_id: str, scopes: list[str]) -> str:
    async with acting_for(runtime, account_id) as ctx:
        issued = await issue_key(ctx, scopes, kind="reepay", prefix="priv_")
    return issued.secret


def basic(user: str, password: str = "") -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}", "content-type": "application/json"}


class ReepayApi:
    """`await reepay.post("/v1/customer", {...})` → the response (`.json()` for the body)."""

    def __init__(self, http: httpx.AsyncClient, private_key: str, prefix: str = "/reepay") -> None:
        self.http, self.private_key, self.prefix = http, private_key, prefix

    async def call(self, method: str, path: str, body: Any = None, **params: Any) -> httpx.Response:
        content = None if body is None else json.dumps(body).encode()
        headers = basic(self.private_key)
        url = self.prefix + path
        return await self.http.request(
            method, url, content=content, params=params or None, headers=headers
        )

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.call("GET", path, **params)

    async def post(self, path: str, body: Any = None) -> httpx.Response:
        return await self.call("POST", path, {} if body is None else body)

    # Factories for what most tests need.
    async def customer(self, handle: str = "ada", **fields: Any) -> dict[str, Any]:
        body = {"handle": handle, "email": f"{handle}@example.com", "first_name": "Ada", **fields}
        return ok(await self.post("/v1/customer", body))

    async def card(self, customer: str, source: str = "tok_visa") -> str:
        return ok(await self.post(f"/v1/customer/{customer}/payment_method", {"source": source}))[
            "id"
        ]

    async def invoice(self, customer: str, handle: str, **fields: Any) -> dict[str, Any]:
        body = invoice_body(handle, **fields)
        return ok(await self.post(f"/v1/customer/{customer}/invoice", body))


def invoice_body(handle: str, **fields: Any) -> dict[str, Any]:
    lines = [{"ordertext": "Widget", "amount": 10000, "quantity": 2, "vat": 0.25}]
    return {"handle": handle, "currency": "DKK", "order_lines": lines, **fields}


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, f"{response.status_code}: {response.text}"
    return response.json()


def error(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    """Reepay's error body, after checking the HTTP status, the code and the body's shape."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    body = response.json()
    assert body["code"] == code, body
    assert body["http_status"] == status and body["http_reason"]
    assert {"error", "path", "timestamp", "request_id"} <= set(body)
    assert body["path"].startswith("/v1/")
    return body
