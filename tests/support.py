"""Helpers for tests: API clients bound to an account, query counting, object factories."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from remit.accounts import service as accounts
from remit.api_keys import service as api_keys
from remit.context import Context
from remit.runtime import Runtime


class Api:
    """A thin client: JSON in, `httpx.Response` out, with optional default headers."""

    def __init__(self, http: httpx.AsyncClient, headers: dict[str, str] | None = None) -> None:
        self.http = http
        self.headers = headers or {}

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        return {**self.headers, **(extra or {})}

    async def get(self, path: str, *, params: Any = None, headers: dict[str, str] | None = None):
        return await self.http.get(path, params=params, headers=self._headers(headers))

    async def post(
        self,
        path: str,
        json_body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | str | None = None,
    ) -> httpx.Response:
        if content is None and json_body is not None:
            content = json.dumps(json_body)
        return await self.http.post(path, content=content, headers=self._headers(headers))

    async def patch(
        self,
        path: str,
        json_body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | str | None = None,
    ) -> httpx.Response:
        if content is None and json_body is not None:
            content = json.dumps(json_body)
        return await self.http.patch(path, content=content, headers=self._headers(headers))

    async def delete(self, path: str, *, headers: dict[str, str] | None = None) -> httpx.Response:
        return await self.http.delete(path, headers=self._headers(headers))


@dataclass
class TenantApi(Api):
    """The API as one account: `api.account_id`, `api.key` (scope `*`)."""

    http: httpx.AsyncClient = field(repr=False)
    account_id: str = ""
    key: str = field(default="", repr=False)
    runtime: Runtime | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        super().__init__(self.http, {"Authorization": f"Bearer {self.key}"})

    async def with_scopes(self, *scopes: str) -> Api:
        """A client for a new key of this account holding only `scopes`."""
        assert self.runtime is not None
        secret = await issue_key(self.runtime, self.account_id, list(scopes))
        return Api(self.http, {"Authorization": f"Bearer {secret}"})

    async def live(self) -> TenantApi:
        """The same account through a live-mode key (scope `*`): it sees live objects only."""
        assert self.runtime is not None
        secret = await issue_key(self.runtime, self.account_id, ["*"], livemode=True)
        return TenantApi(
            http=self.http, account_id=self.account_id, key=secret, runtime=self.runtime
        )

    # Factories for the objects most tests need.
    async def customer(self, **fields: Any) -> dict[str, Any]:
        body = {"email": "buyer@example.com", "name": "Buyer", **fields}
        return expect(await self.post("/v1/customers", body), 201)

    async def invoice(self, **fields: Any) -> dict[str, Any]:
        if "customer" not in fields:
            fields["customer"] = (await self.customer())["id"]
        fields.setdefault(
            "lines", [{"description": "Work", "quantity": "1", "unit_amount": "100.00"}]
        )
        return expect(await self.post("/v1/invoices", fields), 201)

    async def open_invoice(self, **fields: Any) -> dict[str, Any]:
        return await self.invoice(status="open", **fields)


def expect(response: httpx.Response, status: int) -> Any:
    """The response's JSON, after checking its status (the body is shown when it differs)."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    return response.json() if response.content else None


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The problem body, after checking the status, the media type and the code."""
    body = expect(response, status)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["code"] == code, body
    return body


def params(body: dict[str, Any]) -> set[str]:
    """The parameters a validation problem names."""
    return {error["param"] for error in body.get("errors", [])}


async def event_types(api: Api, object_id: str) -> list[str]:
    """Types of the events about one object, newest first."""
    listed = expect(await api.get("/v1/events", params={"related_object": object_id}), 200)
    return [event["type"] for event in listed["data"]]


async def read_invoice(api: Api, invoice_id: str) -> dict[str, Any]:
    return expect(await api.get(f"/v1/invoices/{invoice_id}"), 200)


@asynccontextmanager
async def acting_for(
    runtime: Runtime, account_id: str, *, livemode: bool = False
) -> AsyncIterator[Context]:
    """A write transaction acting for an account in one mode (test unless `livemode`), as the
    CLI does: for what has no API route, such as issuing keys."""
    async with runtime.db.write() as session:
        yield runtime.context(session, account_id, "test", livemode=livemode)


async def create_tenant(
    runtime: Runtime, http: httpx.AsyncClient, name: str = "Test Co", currency: str = "USD"
) -> TenantApi:
    async with acting_for(runtime, "") as ctx:
        account = await accounts.create_account(ctx, name, currency)
        issued = await api_keys.issue_key(ctx, ["*"], name="test")
    return TenantApi(http=http, account_id=account.id, key=issued.secret, runtime=runtime)


async def issue_key(
    runtime: Runtime, account_id: str, scopes: list[str], *, livemode: bool = False
) -> str:
    """A key of the account with these scopes, of the test mode unless `livemode`."""
    async with acting_for(runtime, account_id, livemode=livemode) as ctx:
        return (await api_keys.issue_key(ctx, scopes)).secret


async def while_held(
    runtime: Runtime, lock: str, params: dict[str, Any], requests: list[Awaitable[httpx.Response]]
) -> list[httpx.Response]:
    """Deterministic races (PostgreSQL): this test's own transaction takes a lock (`lock`, a
    statement such as `SELECT … FOR UPDATE`), starts `requests`, checks that every one waits
    for the lock — the code under test must take it — then lets go; their answers."""
    async with runtime.db.engine.connect() as holder, holder.begin():
        await holder.execute(text(lock), params)
        tasks = [asyncio.ensure_future(request) for request in requests]
        await asyncio.sleep(0.3)
        assert not any(task.done() for task in tasks), "requests must wait for the lock"
    return list(await asyncio.gather(*tasks))


class QueryCounter:
    """Counts SQL statements sent through an engine (`with QueryCounter(engine) as q:`)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine.sync_engine
        self.statements: list[str] = []
        self.parameters: list[Any] = []

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.statements.append(statement)
        self.parameters.append(parameters)

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: Any) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    def reset(self) -> None:
        self.statements.clear()
        self.parameters.clear()

    def selects_from(self, table: str) -> list[tuple[str, Any]]:
        """The SELECT statements (with their parameters) that read `table`."""
        return [
            (statement, parameters)
            for statement, parameters in zip(self.statements, self.parameters, strict=True)
            if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement
        ]

    @property
    def count(self) -> int:
        """Statements other than transaction control (BEGIN/COMMIT are not queries)."""
        return len([s for s in self.statements if s.split()[0].upper() not in ("BEGIN", "COMMIT")])
