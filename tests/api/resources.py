"""Every resource of the native API, declared once (STYLE.md, Tests: generic suites).

A resource that declares itself in `RESOURCES` inherits the whole contract suite of
`test_contract.py`: authentication, scopes, tenant isolation, unknown ids, pagination and
body validation, on both databases. A declaration says where the resource lives, which scopes
guard it and how to make one through the API; the suite derives every route from that.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support import Api, TenantApi, expect

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class Creation:
    """Where to POST what to create one object (its prerequisites already exist)."""

    path: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    scope: str
    body: dict[str, Any] | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    async def call(self, client: Api) -> httpx.Response:
        if self.method == "GET":
            return await client.get(self.path)
        if self.method == "DELETE":
            return await client.delete(self.path)
        body = {} if self.body is None else self.body
        return await getattr(client, self.method.lower())(self.path, body)


Prepare = Callable[[TenantApi], Awaitable[Creation]]
Factory = Callable[[TenantApi], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Resource:
    name: str
    path: str  # the collection: list and create
    prefix: str  # of its ids
    read_scope: str
    write_scope: str | None  # None: read-only through the API
    # Makes the prerequisites with the `*` key and says what to POST (None: read-only).
    prepare: Prepare | None = None
    # Read-only resources: how to bring one into being (through other resources).
    factory: Factory | None = None
    item_root: str | None = None  # where single objects are read, when not under `path`
    nested_under: str | None = None  # the field naming the parent whose list holds the object
    update_body: dict[str, Any] | None = None  # None: no PATCH
    deletable: bool = False
    actions: tuple[str, ...] = ()  # POST {item}/{action}
    has_parent: bool = False  # created under or referring to another object of the account
    shown_once: tuple[str, ...] = ()  # fields only the creating response carries (secrets)
    _many: Callable[[TenantApi, int], Awaitable[list[dict[str, Any]]]] | None = field(
        default=None, repr=False
    )

    def __str__(self) -> str:
        return self.name

    # Paths
    def item(self, obj: dict[str, Any] | str) -> str:
        """Under `item_root`, else in the object's collection (its parent's, when nested; a
        bare id names no parent, so its path names none either and finds nothing)."""
        if isinstance(obj, str):
            return f"{self.item_root or self.path}/{obj}"
        return f"{self.item_root or self.collection_of(obj)}/{obj['id']}"

    def collection_of(self, obj: dict[str, Any]) -> str:
        if self.nested_under is None:
            return self.path
        return self.path.format(parent=obj[self.nested_under])

    def unknown_id(self) -> str:
        """A well-formed id of this resource's type that no account has."""
        return f"{self.prefix}_{'0' * 26}"

    # Making objects
    async def create(self, api: TenantApi, via: Api | None = None) -> dict[str, Any]:
        """One object; prerequisites made with `api`, the object itself with `via` if given."""
        if self.prepare is None:
            assert self.factory is not None
            return await self.factory(api)
        creation = await self.prepare(api)
        created = expect(await (via or api).post(creation.path, creation.body), 201)
        for name in self.shown_once:
            assert name in created, f"{self.name}: the creating response lacks {name}"
            del created[name]  # the object as every later read shows it
        return created

    async def create_many(self, api: TenantApi, count: int) -> list[dict[str, Any]]:
        """`count` objects in one list, oldest first."""
        if self._many is not None:
            return await self._many(api, count)
        return [await self.create(api) for _ in range(count)]

    # Routes
    def read_routes(self, obj: dict[str, Any]) -> list[Route]:
        return [
            Route("GET", self.collection_of(obj), self.read_scope),
            Route("GET", self.item(obj), self.read_scope),
        ]

    def write_routes(self, obj: dict[str, Any]) -> list[Route]:
        """Every state-changing route, with an (empty or valid) body."""
        if self.write_scope is None:
            return []
        create = Route("POST", self.collection_of(obj), self.write_scope, {})
        return [create, *self.item_write_routes(obj)]

    def item_write_routes(self, obj: dict[str, Any] | str) -> list[Route]:
        """The routes that change one existing object (PATCH, DELETE, actions)."""
        if self.write_scope is None:
            return []
        scope, item = self.write_scope, self.item(obj)
        routes = [Route("POST", f"{item}/{action}", scope) for action in self.actions]
        if self.update_body is not None:
            routes.append(Route("PATCH", item, scope, self.update_body))
        if self.deletable:
            routes.append(Route("DELETE", item, scope))
        return routes

    def routes(self, obj: dict[str, Any]) -> list[Route]:
        return self.read_routes(obj) + self.write_routes(obj)


# Factories: each makes what the resource needs with the `*` key.


async def _customer(api: TenantApi) -> Creation:
    return Creation("/v1/customers", {"email": "ada@example.com", "name": "Ada"})


async def _product(api: TenantApi) -> Creation:
    return Creation("/v1/products", {"name": "Widget"})


async def _new_product(api: TenantApi) -> dict[str, Any]:
    return expect(await api.post("/v1/products", {"name": "Widget"}), 201)


async def _plan(api: TenantApi) -> Creation:
    product = await _new_product(api)
    return Creation("/v1/plans", {"product": product["id"], "amount": "12.50", "interval": "month"})


async def _subscription(api: TenantApi) -> Creation:
    creation = await _plan(api)
    plan = expect(await api.post(creation.path, creation.body), 201)
    customer = await api.customer()
    return Creation("/v1/subscriptions", {"customer": customer["id"], "plan": plan["id"]})


async def _invoice(api: TenantApi) -> Creation:
    customer = await api.customer()
    body = {
        "customer": customer["id"],
        "lines": [{"description": "Work", "quantity": "2", "unit_amount": "50.00"}],
    }
    return Creation("/v1/invoices", body)


def _settlement_body() -> dict[str, Any]:
    # Pending, so that the owner can still confirm or fail it.
    return {"amount": "10.00", "method": "bank_transfer", "status": "pending"}


async def _settlement(api: TenantApi) -> Creation:
    invoice = await api.open_invoice()
    return Creation(f"/v1/invoices/{invoice['id']}/settlements", _settlement_body())


async def _settlements(api: TenantApi, count: int) -> list[dict[str, Any]]:
    invoice = await api.open_invoice()
    path = f"/v1/invoices/{invoice['id']}/settlements"
    return [expect(await api.post(path, _settlement_body()), 201) for _ in range(count)]


async def _event(api: TenantApi) -> dict[str, Any]:
    customer = await api.customer()
    found = expect(await api.get("/v1/events", params={"related_object": customer["id"]}), 200)
    assert [event["type"] for event in found["data"]] == ["customer.created"]
    return found["data"][0]


CUSTOMERS = Resource(
    "customers",
    "/v1/customers",
    "cus",
    "customers:read",
    "customers:write",
    prepare=_customer,
    update_body={"name": "Renamed"},
    deletable=True,
)
PRODUCTS = Resource(
    "products",
    "/v1/products",
    "prod",
    "products:read",
    "products:write",
    prepare=_product,
    update_body={"metadata": {"changed": "yes"}},
)
PLANS = Resource(
    "plans",
    "/v1/plans",
    "plan",
    "plans:read",
    "plans:write",
    prepare=_plan,
    has_parent=True,
    update_body={"nickname": "Renamed"},
)
SUBSCRIPTIONS = Resource(
    "subscriptions",
    "/v1/subscriptions",
    "sub",
    "subscriptions:read",
    "subscriptions:write",
    prepare=_subscription,
    actions=("cancel", "pause"),
    has_parent=True,
    update_body={"metadata": {"changed": "yes"}},
)
INVOICES = Resource(
    "invoices",
    "/v1/invoices",
    "inv",
    "invoices:read",
    "invoices:write",
    prepare=_invoice,
    update_body={"description": "Changed"},
    deletable=True,  # drafts
    actions=("finalize", "void", "mark_uncollectible"),
    has_parent=True,
)
SETTLEMENTS = Resource(
    "settlements",
    "/v1/invoices/{parent}/settlements",
    "stl",
    "invoices:read",
    "invoices:write",
    prepare=_settlement,
    item_root="/v1/settlements",
    nested_under="invoice",
    actions=("confirm", "fail"),
    has_parent=True,
    _many=_settlements,
)
EVENTS = Resource("events", "/v1/events", "evt", "events:read", None, factory=_event)


def _adjustment_body() -> dict[str, Any]:
    return {"amount": "-10.00", "currency": "USD", "description": "Goodwill"}


async def _balance_transaction(api: TenantApi) -> Creation:
    customer = await api.customer()
    return Creation(f"/v1/customers/{customer['id']}/balance_transactions", _adjustment_body())


async def _balance_transactions(api: TenantApi, count: int) -> list[dict[str, Any]]:
    customer = await api.customer()
    path = f"/v1/customers/{customer['id']}/balance_transactions"
    return [expect(await api.post(path, _adjustment_body()), 201) for _ in range(count)]


BALANCE_TRANSACTIONS = Resource(
    "customer_balance_transactions",
    "/v1/customers/{parent}/balance_transactions",
    "cbtxn",
    "customers:read",
    "customers:write",
    prepare=_balance_transaction,
    nested_under="customer",
    has_parent=True,
    _many=_balance_transactions,
)


async def _paid_settlement(api: TenantApi) -> dict[str, Any]:
    invoice = await api.open_invoice()
    body = {"amount": "100.00", "method": "bank_transfer"}  # confirmed: refundable
    return expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", body), 201)


async def _refund(api: TenantApi) -> Creation:
    settlement = await _paid_settlement(api)
    return Creation("/v1/refunds", {"settlement": settlement["id"], "amount": "10.00"})


async def _refunds(api: TenantApi, count: int) -> list[dict[str, Any]]:
    body = {"settlement": (await _paid_settlement(api))["id"], "amount": "10.00"}
    return [expect(await api.post("/v1/refunds", body), 201) for _ in range(count)]


REFUNDS = Resource(
    "refunds",
    "/v1/refunds",
    "re",
    "refunds:read",
    "refunds:write",
    prepare=_refund,
    has_parent=True,
    _many=_refunds,
)


async def _credit_note(api: TenantApi) -> Creation:
    invoice = await api.open_invoice()
    return Creation("/v1/credit_notes", {"invoice": invoice["id"], "amount": "10.00"})


CREDIT_NOTES = Resource(
    "credit_notes",
    "/v1/credit_notes",
    "cn",
    "credit_notes:read",
    "credit_notes:write",
    prepare=_credit_note,
    actions=("void",),
    has_parent=True,
)


async def _webhook_endpoint(api: TenantApi) -> Creation:
    return Creation("/v1/webhook_endpoints", {"url": "https://example.com/hooks"})


WEBHOOK_ENDPOINTS = Resource(
    "webhook_endpoints",
    "/v1/webhook_endpoints",
    "we",
    "webhooks:read",
    "webhooks:write",
    prepare=_webhook_endpoint,
    update_body={"description": "Changed"},
    deletable=True,
    actions=("rotate_secret",),
    shown_once=("secret",),
)

RESOURCES = (
    CUSTOMERS,
    PRODUCTS,
    PLANS,
    SUBSCRIPTIONS,
    INVOICES,
    SETTLEMENTS,
    REFUNDS,
    EVENTS,
    WEBHOOK_ENDPOINTS,
    BALANCE_TRANSACTIONS,
    CREDIT_NOTES,
)
WRITABLE = tuple(resource for resource in RESOURCES if resource.write_scope is not None)
PARENTED = tuple(resource for resource in RESOURCES if resource.has_parent)
UPDATABLE = tuple(resource for resource in RESOURCES if resource.update_body is not None)


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The RFC 9457 body of an error response, after checking its shape, status and code."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body = response.json()
    for member in ("type", "title", "status", "detail", "code"):
        assert member in body, f"problem without '{member}': {body}"
    assert body["status"] == status, body
    assert body["code"] == code, body
    assert isinstance(body["title"], str) and body["title"], body
    assert isinstance(body["detail"], str) and body["detail"], body
    assert isinstance(body["type"], str) and body["type"], body
    for error in body.get("errors", []):
        assert set(error) >= {"param", "message", "code"}, error
    return body


def params_of(body: dict[str, Any]) -> list[str]:
    return [error["param"] for error in body.get("errors", [])]


def error_for(body: dict[str, Any], param: str) -> dict[str, Any]:
    """The entry of `errors` that names `param` (fails when there is none)."""
    found = [error for error in body.get("errors", []) if error["param"] == param]
    assert found, f"'{param}' is not named in {body.get('errors')}"
    return found[0]


async def list_all(client: Api, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every object of a list (following cursors)."""
    found: list[dict[str, Any]] = []
    query: dict[str, Any] = {"limit": 100, **params}
    while True:
        page = expect(await client.get(path, params=query), 200)
        found += page["data"]
        if not page["has_more"]:
            return found
        query["starting_after"] = page["next_cursor"]
