"""Accounts, keys and customers for a benchmark run, made in-process through remit's services
(the CLI would take a second per account), and the SQL statements one request costs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import event

from remit.accounts import service as accounts
from remit.api_keys import service as api_keys
from remit.app import create_app
from remit.config import Settings
from remit.context import Context
from remit.runtime import Runtime
from remit.wiring import build_runtime


@dataclass(frozen=True)
class Tenant:
    account_id: str
    key: str
    customer_id: str = ""


def runtime_for(database_url: str, secret: str) -> Runtime:
    return build_runtime(Settings(database_url=database_url, secret_key=secret))


async def make_tenants(runtime: Runtime, count: int) -> list[Tenant]:
    made = []
    async with runtime.db.write() as session:
        for n in range(count):
            ctx = Context(
                session=session,
                account_id="",
                secrets=runtime.secrets,
                livemode=False,
                actor="bench",
            )
            account = await accounts.create_account(ctx, f"Bench {n}", "USD")
            ctx = Context(
                session=session,
                account_id=account.id,
                secrets=runtime.secrets,
                livemode=False,
                actor="bench",
            )
            issued = await api_keys.issue_key(ctx, ["*"], name="bench")
            made.append((account.id, issued.secret))
    tenants = []
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.bench") as client:
        for account_id, key in made:
            response = await client.post(
                "/v1/customers",
                json={"email": f"{account_id}@example.com", "name": "Bench customer"},
                headers={"Authorization": f"Bearer {key}"},
            )
            response.raise_for_status()
            tenants.append(Tenant(account_id, key, response.json()["id"]))
    return tenants


async def statements_per_request(
    runtime: Runtime, tenant: Tenant, method: str, path: str, body: Any, headers: dict[str, str]
) -> tuple[int, list[str]]:
    """Statements (BEGIN/COMMIT excluded, as in tests/test_query_budgets.py) one request sends."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = runtime.db.engine.sync_engine
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.bench") as client:
        event.listen(engine, "before_cursor_execute", record)
        try:
            response = await client.request(
                method,
                path,
                json=body,
                headers={"Authorization": f"Bearer {tenant.key}", **headers},
            )
        finally:
            event.remove(engine, "before_cursor_execute", record)
    response.raise_for_status()
    counted = [s for s in seen if s.split()[0].upper() not in ("BEGIN", "COMMIT")]
    return len(counted), counted
