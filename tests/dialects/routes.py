"""Every route of the four dialects, declared once, as tests/api/resources.py declares the
native API's resources.

A declaration says which remit scopes a key needs for the route, how the route answers
another account's object (`NotFound`, the provider's own not-found) or that the request
names none (`Unseen`), how many SQL statements one request may cost, and what the fuzz
attacks (its body or its query). Its scene makes, as the owner, what one valid request
needs, and that request; test_generic.py derives every suite from these.

The routes are those of src/remit/dialects/<name>/endpoints.py, in their order (a test
checks the app serves exactly these). Budgets are the counts measured on SQLite and on
PostgreSQL (the same on both, the address lock aside) once the dialects translated only; a
budget that is exceeded means a query was added: raise it only with a reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tests.dialects.generic import (
    RAPYD,
    REEPAY,
    RETEMPO,
    WHOP,
    Call,
    Dialect,
    NotFound,
    Owner,
)
from tests.support import expect


@dataclass(frozen=True)
class Unseen:
    """The request names none of the owner's objects: another account's request succeeds,
    shows none of the owner's objects, and changes nothing of theirs."""


UNSEEN = Unseen()


@dataclass(frozen=True)
class Scene:
    call: Call  # a valid request of the owner's
    owned: tuple[str, ...] = ()  # the owner's objects that its answer shows (lists, upserts)
    grow: Callable[[], Awaitable[Any]] | None = None  # adds two of what the answer lists


SceneMaker = Callable[[Owner], Awaitable[Scene]]


@dataclass(frozen=True)
class Route:
    dialect: Dialect
    method: str
    path: str  # as endpoints.py declares it, under the dialect's root
    scopes: tuple[str, ...]  # the remit scopes a key must hold (all of them); () if public
    scene: SceneMaker
    isolation: NotFound | Unseen | None  # None: no object to isolate (public, fallback)
    budget: int  # SQL statements of one request, BEGIN/COMMIT aside, key lookup included
    takes: str | None = None  # "body" or "query": what the fuzz attacks
    fields: tuple[str, ...] = ()  # more body fields (dotted) or query parameters it reads
    lists: bool = False  # answers a list (its scene can `grow`)
    variant: str = ""  # tells apart two declarations of one path (Whop's token reads)

    def __str__(self) -> str:
        variant = f"({self.variant})" if self.variant else ""
        return f"{self.dialect.name}-{self.method}-{self.path}{variant}"


@dataclass(frozen=True)
class Fallback:
    """A dialect's answer to a route it does not serve, whoever asks."""

    not_found: NotFound
    methods: tuple[str, ...]
    paths: tuple[str, ...]  # examples, under the dialect's root


async def twice(make: Callable[[], Awaitable[Any]]) -> None:
    await make()
    await make()


# — Retempo —

RT_PAYER = "0x" + "a1" * 20
RT_MERCHANT = "0x" + "b2" * 20
RT_RECORD_NOT_FOUND = NotFound(404, "Referenced database record was not found.")


async def rt_user(o: Owner, email: str = "payer@example.com", name: str = "Payer") -> dict:
    return (await o.ok("POST", "/api/v1/users", {"email": email, "name": name}))["user"]


async def rt_service(o: Owner) -> dict:
    body = {"name": "Oracle feed", "owner": {"email": "dev@example.com", "name": "Dev"}}
    return (await o.ok("POST", "/api/v1/services", body))["service"]


async def rt_plan(o: Owner, service_id: str) -> dict:
    body = {"name": "Pro", "pricingType": "FIXED_RECURRING", "billingInterval": "MONTH",
            "amount": "49.000000"}  # fmt: skip
    return (await o.ok("POST", f"/api/v1/services/{service_id}/plans", body))["plan"]


async def rt_ids(o: Owner) -> dict[str, str]:
    """A service (its owner the merchant), its plan and a payer."""
    service = await rt_service(o)
    plan = await rt_plan(o, service["id"])
    user = await rt_user(o)
    return {"serviceId": service["id"], "paymentPlanId": plan["id"], "userId": user["id"],
            "ownerId": service["ownerId"]}  # fmt: skip


async def rt_subscription(o: Owner, ids: dict[str, str]) -> str:
    body = {"customer": ids["userId"], "plan": ids["paymentPlanId"]}
    return expect(await o.api.post("/v1/subscriptions", body), 201)["id"]


async def rt_invoice(o: Owner, ids: dict[str, str], status: str = "OPEN") -> dict:
    body = {"serviceId": ids["serviceId"], "paymentPlanId": ids["paymentPlanId"],
            "userId": ids["userId"], "amount": "49", "status": status}  # fmt: skip
    return (await o.ok("POST", "/api/v1/invoices", body))["invoice"]


def rt_settlement_body(ids: dict[str, str], invoice_id: str) -> dict[str, Any]:
    return {
        "invoiceId": invoice_id, "referenceHash": "0x" + "ab" * 32, "payerAddress": RT_PAYER,
        "merchantAddress": RT_MERCHANT, "amount": "49", "payerId": ids["userId"],
        "merchantId": ids["ownerId"], "currency": "USDC", "recordedAt": "2030-01-01T00:00:00Z",
    }  # fmt: skip


async def rt_health(o: Owner) -> Scene:
    return Scene(Call("GET", "/health", anonymous=True))


async def rt_create_user(o: Owner) -> Scene:
    # Users are found by e-mail: another account's same address must be another user.
    user = await rt_user(o)
    body = {"email": "payer@example.com", "name": "Renamed", "role": "PAYER"}
    return Scene(Call("POST", "/api/v1/users", body, status=201), owned=(user["id"],))


async def rt_get_user(o: Owner) -> Scene:
    return Scene(Call("GET", f"/api/v1/users/{(await rt_user(o))['id']}"))


async def rt_create_service(o: Owner) -> Scene:
    developer = await rt_user(o, "dev@example.com", "Dev")
    body = {"name": "Oracle feed", "ownerId": developer["id"], "description": "Prices",
            "status": "ACTIVE"}  # fmt: skip
    return Scene(Call("POST", "/api/v1/services", body, status=201))


async def rt_list_services(o: Owner) -> Scene:
    ids = await rt_ids(o)
    owned = (ids["serviceId"], ids["paymentPlanId"])
    return Scene(Call("GET", "/api/v1/services"), owned, grow=lambda: twice(lambda: rt_ids(o)))


async def rt_get_service(o: Owner) -> Scene:
    ids = await rt_ids(o)
    return Scene(Call("GET", f"/api/v1/services/{ids['serviceId']}"))


async def rt_create_plan(o: Owner) -> Scene:
    service = await rt_service(o)
    body = {"name": "Per call", "pricingType": "USAGE_BASED", "billingInterval": "MONTH",
            "amount": "0.5", "currency": "USDC", "description": "Each call"}  # fmt: skip
    return Scene(Call("POST", f"/api/v1/services/{service['id']}/plans", body, status=201))


async def rt_list_plans(o: Owner) -> Scene:
    ids = await rt_ids(o)
    path = f"/api/v1/services/{ids['serviceId']}/plans"
    grow = lambda: twice(lambda: rt_plan(o, ids["serviceId"]))  # noqa: E731
    return Scene(Call("GET", path), (ids["paymentPlanId"],), grow)


async def rt_create_invoice(o: Owner) -> Scene:
    ids = await rt_ids(o)
    body = {
        "serviceId": ids["serviceId"], "paymentPlanId": ids["paymentPlanId"],
        "userId": ids["userId"], "subscriptionId": await rt_subscription(o, ids),
        "amount": "49", "currency": "USDC", "status": "OPEN", "dueAt": "2031-01-01T00:00:00Z",
    }  # fmt: skip
    return Scene(Call("POST", "/api/v1/invoices", body, status=201))


async def rt_get_invoice(o: Owner) -> Scene:
    invoice = await rt_invoice(o, await rt_ids(o))
    return Scene(Call("GET", f"/api/v1/invoices/{invoice['id']}"))


def rt_checkout_body(ids: dict[str, str]) -> dict[str, Any]:
    return {"serviceId": ids["serviceId"], "paymentPlanId": ids["paymentPlanId"],
            "userId": ids["userId"], "status": "PENDING",
            "expiresAt": "2031-01-01T00:00:00Z"}  # fmt: skip


async def rt_create_checkout(o: Owner) -> Scene:
    body = rt_checkout_body(await rt_ids(o))
    return Scene(Call("POST", "/api/v1/checkout-sessions", body, status=201))


async def rt_get_checkout(o: Owner) -> Scene:
    body = rt_checkout_body(await rt_ids(o))
    found = await o.ok("POST", "/api/v1/checkout-sessions", body)
    return Scene(Call("GET", f"/api/v1/checkout-sessions/{found['checkoutSession']['id']}"))


async def rt_usage_event(o: Owner) -> Scene:
    ids = await rt_ids(o)
    body = {
        "serviceId": ids["serviceId"], "subscriptionId": await rt_subscription(o, ids),
        "userId": ids["userId"], "eventKey": "call-1", "quantity": "3",
        "occurredAt": "2025-01-01T00:00:00Z",  # the past: usage is not foretold
    }  # fmt: skip
    return Scene(Call("POST", "/api/v1/usage-events", body, status=201))


async def rt_settle(o: Owner) -> Scene:
    ids = await rt_ids(o)
    invoice = await rt_invoice(o, ids)
    body = rt_settlement_body(ids, invoice["id"])
    return Scene(Call("POST", "/api/v1/settlements", body, status=201))


async def rt_get_settlement(o: Owner) -> Scene:
    ids = await rt_ids(o)
    invoice = await rt_invoice(o, ids)
    settled = await o.ok("POST", "/api/v1/settlements", rt_settlement_body(ids, invoice["id"]))
    return Scene(Call("GET", f"/api/v1/settlements/{settled['settlement']['id']}"))


async def rt_unknown(o: Owner) -> Scene:
    return Scene(Call("POST", "/api/v1/refunds", {"invoiceId": "inv_x"}, status=404))


R = RETEMPO
RETEMPO_ROUTES = (
    # 0: no database
    Route(R, "GET", "/health", (), rt_health, None, budget=0),
    # 8: key, the address's lock (PostgreSQL), user by e-mail, user, subscribers, update,
    # event, its attributes
    Route(R, "POST", "/api/v1/users", ("customers:write",), rt_create_user, UNSEEN,
          budget=8, takes="body"),
    # 3: key, user, its attributes
    Route(R, "GET", "/api/v1/users/{user_id}", ("customers:read",), rt_get_user,
          NotFound(404, "User was not found."), budget=3),
    # 10: key, owner, subscribers, attributes, event, product, plans, attributes, owner,
    # the owner's attributes
    Route(R, "POST", "/api/v1/services", ("products:write",), rt_create_service,
          RT_RECORD_NOT_FOUND, budget=10, takes="body",
          fields=("owner.email", "owner.name", "owner.role")),
    # 6: key, products, plans, attributes, owners, the owners' attributes (whatever the count)
    Route(R, "GET", "/api/v1/services", ("products:read",), rt_list_services, UNSEEN, budget=6,
          lists=True),
    # 6: key, product, plans, attributes, owner, the owner's attributes
    Route(R, "GET", "/api/v1/services/{service_id}", ("products:read",), rt_get_service,
          NotFound(404, "Service was not found."), budget=6),
    # 10: key, product twice, subscribers, event, plan, attributes; a USAGE_BASED plan's
    # meter, its event, and the plan's check of it
    Route(R, "POST", "/api/v1/services/{service_id}/plans", ("plans:write",), rt_create_plan,
          RT_RECORD_NOT_FOUND, budget=10, takes="body"),
    # 4: key, product, plans, attributes
    Route(R, "GET", "/api/v1/services/{service_id}/plans", ("plans:read",), rt_list_plans,
          RT_RECORD_NOT_FOUND, budget=4, lists=True),
    # 24: key, plan, user, subscription, account, invoice, lines, customer balance, counter,
    # 2 events, the view (with the usage events, the usage records of before and the attributes)
    Route(R, "POST", "/api/v1/invoices", ("invoices:write",), rt_create_invoice,
          NotFound(404, "Payment plan was not found for the service."), budget=24, takes="body"),
    # 10: key, invoice, lines, plan, product, user, settlements, usage events, usage records
    # of before, attributes
    Route(R, "GET", "/api/v1/invoices/{invoice_id}", ("invoices:read",), rt_get_invoice,
          NotFound(404, "Invoice was not found."), budget=10),
    # 20: key, plan, user, account, product, invoice, lines, customer balance, counter,
    # 2 events, attributes, the view
    Route(R, "POST", "/api/v1/checkout-sessions", ("invoices:write",), rt_create_checkout,
          NotFound(404, "Payment plan was not found for the service."), budget=20, takes="body"),
    # 9: key, invoice, lines, its kind, plan, product, plan, user, attributes
    Route(R, "GET", "/api/v1/checkout-sessions/{session_id}", ("invoices:read",),
          rt_get_checkout, NotFound(404, "Checkout session was not found."), budget=9),
    # 8: key, subscription, its plan twice, customer, meters, event, attributes
    Route(R, "POST", "/api/v1/usage-events", ("invoices:write",), rt_usage_event,
          NotFound(404, "Subscription was not found for the service and user."), budget=8,
          takes="body", fields=("invoiceId",)),
    # 21: key, invoice 4 times, plan, product, settlements, users, event, update, settlement
    Route(R, "POST", "/api/v1/settlements", ("invoices:write",), rt_settle, RT_RECORD_NOT_FOUND,
          budget=21, takes="body"),
    # 10: key, settlement, its attributes, invoice, lines, plan, product, attributes, merchant,
    # payer
    Route(R, "GET", "/api/v1/settlements/{settlement_id}", ("invoices:write",),
          rt_get_settlement, NotFound(404, "Settlement was not found."), budget=10),
    # 0: no database
    Route(R, "*", "/{path:path}", (), rt_unknown, None, budget=0, takes="body"),
)  # fmt: skip


# — Whop —

WH_MISSING = NotFound(404, "resource_missing")
WH_ADDRESS = {"name": "Ada", "line1": "1 Rue", "city": "Paris", "postal_code": "75001",
              "country": "FR"}  # fmt: skip


async def wh_invoice(o: Owner, **fields: Any) -> dict:
    body = {
        "collection_method": "send_invoice", "due_date": "2031-01-01T00:00:00Z",
        "plan": {"initial_price": 10, "plan_type": "one_time"},
        "product": {"title": "Consulting"}, "email_address": "ada@example.com",
        "customer_name": "Ada Lovelace", **fields,
    }  # fmt: skip
    return await o.ok("POST", "/invoices", body)


async def wh_create(o: Owner) -> Scene:
    customer = await o.api.customer(email="member@example.com", name="Member")
    product = expect(await o.api.post("/v1/products", {"name": "Course"}), 201)
    body = {
        "collection_method": "send_invoice", "due_date": "2031-01-01T00:00:00Z",
        "plan": {"initial_price": 10, "plan_type": "one_time", "currency": "usd",
                 "description": "One-off"},
        "member_id": "mber_" + customer["id"].partition("_")[2], "product_id": product["id"],
        "line_items": [{"label": "Work", "quantity": 2, "unit_price": 5}],
        "billing_address": WH_ADDRESS, "charge_buyer_fee": False,
    }  # fmt: skip
    return Scene(Call("POST", "/invoices", body))


async def wh_list(o: Owner) -> Scene:
    invoice = await wh_invoice(o)
    grow = lambda: twice(lambda: wh_invoice(o))  # noqa: E731
    params = (("first", "10"), ("direction", "desc"), ("order", "created_at"),
              ("statuses", "open"), ("collection_methods", "send_invoice"),
              ("created_after", "2020-01-01T00:00:00Z"))  # fmt: skip
    return Scene(Call("GET", "/invoices", params=params), (invoice["id"],), grow)


async def wh_get(o: Owner) -> Scene:
    return Scene(Call("GET", f"/invoices/{(await wh_invoice(o))['id']}"))


async def wh_by_token(o: Owner) -> Scene:
    token = (await wh_invoice(o))["fetch_invoice_token"]
    return Scene(Call("GET", f"/invoices/{token}", anonymous=True))


async def wh_update(o: Owner) -> Scene:
    draft = await wh_invoice(o, save_as_draft=True)
    body = {
        "line_items": [{"label": "Rework", "quantity": 1, "unit_price": 15}],
        "charge_buyer_fee": True, "due_date": "2032-01-01T00:00:00Z",
        "collection_method": "send_invoice", "billing_address": WH_ADDRESS,
    }  # fmt: skip
    return Scene(Call("PATCH", f"/invoices/{draft['id']}", body))


async def wh_delete(o: Owner) -> Scene:
    return Scene(Call("DELETE", f"/invoices/{(await wh_invoice(o, save_as_draft=True))['id']}"))


def wh_action(action: str) -> SceneMaker:
    async def scene(o: Owner) -> Scene:
        return Scene(Call("POST", f"/invoices/{(await wh_invoice(o))['id']}/{action}"))

    return scene


async def wh_unknown(o: Owner) -> Scene:
    return Scene(Call("POST", "/payments", {"amount": 1}, status=404))


W = WHOP
WH_CREATE = ("customers:write", "invoices:write", "plans:write")  # invoice:create, plan:basic:read
WH_READ = ("invoices:read", "plans:read")  # invoice:basic:read, plan:basic:read
WH_UPDATE = ("invoices:write",)  # invoice:update
WHOP_ROUTES = (
    # 18: key, member, product, plan, the lines' product, account, invoice, lines, customer
    # balance, counter, 3 events, update, customer
    Route(W, "POST", "/invoices", WH_CREATE, wh_create, WH_MISSING, budget=18, takes="body",
          fields=("company_id", "account_id", "email_address", "customer_name", "product.title",
                  "payment_method_id", "payment_token_id", "save_as_draft",
                  "automatically_finalizes_at", "mailing_address_id", "plan.renewal_price",
                  "plan.billing_period", "plan.trial_period_days", "plan.plan_type")),
    # 4: key, invoices, their lines, their customers
    Route(W, "GET", "/invoices", WH_READ, wh_list, UNSEEN, budget=4, takes="query", lists=True,
          fields=("company_id", "account_id", "last", "after", "before", "product_ids",
                  "product_ids[]", "statuses[]", "collection_methods[]", "created_before")),
    # 4: key, invoice, lines, customer
    Route(W, "GET", "/invoices/{invoice_id}", WH_READ, wh_get, WH_MISSING, budget=4),
    # 3: invoice, lines, account (no key)
    Route(W, "GET", "/invoices/{invoice_id}", (), wh_by_token, None, budget=3,
          variant="fetch_invoice_token"),
    # 14: key, invoice and lines twice, the lines' product, account, plan, update, lines
    # replaced, event, customer
    Route(W, "PATCH", "/invoices/{invoice_id}", WH_UPDATE, wh_update, WH_MISSING, budget=14,
          takes="body",
          fields=("member_id", "payment_method_id", "automatically_finalizes_at", "plan",
                  "product_id", "email_address", "mailing_address_id")),
    # 7: key, invoice, lines, subscribers, event, lines and invoice deleted
    Route(W, "DELETE", "/invoices/{invoice_id}", WH_UPDATE, wh_delete, WH_MISSING, budget=7),
    # 7: key, invoice, lines, settlements, subscribers, event, update
    Route(W, "POST", "/invoices/{invoice_id}/void", WH_UPDATE, wh_action("void"), WH_MISSING,
          budget=7),
    # 8: key, invoice, lines, settlements, subscribers, event, update, settlement
    Route(W, "POST", "/invoices/{invoice_id}/mark_paid", WH_UPDATE, wh_action("mark_paid"),
          WH_MISSING, budget=8),
    # 7: key, invoice, lines, settlements, subscribers, event, update
    Route(W, "POST", "/invoices/{invoice_id}/mark_uncollectible", WH_UPDATE,
          wh_action("mark_uncollectible"), WH_MISSING, budget=7),
    # 2: key, the invoice exists
    Route(W, "POST", "/invoices/{invoice_id}/resend", WH_UPDATE, wh_action("resend"),
          WH_MISSING, budget=2),
    # 0: no database
    Route(W, "*", "/{path:path}", (), wh_unknown, None, budget=0, takes="body"),
)  # fmt: skip


# — Rapyd —

RA_ADDRESS = {"name": "Ada", "line_1": "1 Main St", "city": "Copenhagen", "zip": "1000",
              "country": "DK"}  # fmt: skip


async def ra_customer(o: Owner) -> str:
    return (await o.ok("POST", "/v1/customers", {"name": "Ada Buyer"}))["id"]


async def ra_card(o: Owner, customer: str) -> str:
    path = f"/v1/customers/{customer}/payment_methods"
    return (await o.ok("POST", path, {"token": "tok_visa"}))["id"]


async def ra_product(o: Owner) -> str:
    return (await o.ok("POST", "/v1/products", {"name": "Widget"}))["id"]


async def ra_plan(o: Owner) -> str:
    body = {"product": await ra_product(o), "amount": 10, "currency": "USD", "interval": "month"}
    return (await o.ok("POST", "/v1/plans", body))["id"]


async def ra_draft(o: Owner, customer: str) -> str:
    body = {"customer": customer, "currency": "USD", "billing": "send_invoice"}
    return (await o.ok("POST", "/v1/invoices", body))["id"]


async def ra_item(o: Owner, customer: str, invoice: str | None = None) -> str:
    body = {"customer": customer, "currency": "USD", "unit_amount": 10, "quantity": 2}
    if invoice is not None:
        body["invoice"] = invoice
    return (await o.ok("POST", "/v1/invoice_items", body))["id"]


async def ra_open(o: Owner, customer: str) -> str:
    invoice = await ra_draft(o, customer)
    await ra_item(o, customer, invoice)
    await o.ok("POST", f"/v1/invoices/{invoice}/finalize")
    return invoice


async def ra_create_customer(o: Owner) -> Scene:
    body = {
        "name": "Ada Buyer", "email": "ada@example.com", "phone_number": "+4512345678",
        "business_vat_id": "DK12345678", "addresses": [RA_ADDRESS], "metadata": {"k": "v"},
    }  # fmt: skip
    return Scene(Call("POST", "/v1/customers", body))


async def ra_list_customers(o: Owner) -> Scene:
    customer = await ra_customer(o)
    call = Call("GET", "/v1/customers", params=(("limit", "10"),))
    return Scene(call, (customer,), grow=lambda: twice(lambda: ra_customer(o)))


async def ra_get_customer(o: Owner) -> Scene:
    return Scene(Call("GET", f"/v1/customers/{await ra_customer(o)}"))


async def ra_update_customer(o: Owner) -> Scene:
    body = {"name": "Ada Renamed", "email": "new@example.com", "addresses": [RA_ADDRESS],
            "metadata": {"k": "w"}}  # fmt: skip
    return Scene(Call("POST", f"/v1/customers/{await ra_customer(o)}", body))


async def ra_delete_customer(o: Owner) -> Scene:
    return Scene(Call("DELETE", f"/v1/customers/{await ra_customer(o)}"))


async def ra_add_card(o: Owner) -> Scene:
    path = f"/v1/customers/{await ra_customer(o)}/payment_methods"
    return Scene(Call("POST", path, {"token": "tok_visa", "metadata": {"k": "v"}}))


async def ra_create_product(o: Owner) -> Scene:
    body = {"name": "Widget", "description": "A widget", "metadata": {"k": "v"}}
    return Scene(Call("POST", "/v1/products", body))


async def ra_get_product(o: Owner) -> Scene:
    return Scene(Call("GET", f"/v1/products/{await ra_product(o)}"))


async def ra_create_plan(o: Owner) -> Scene:
    body = {
        "product": await ra_product(o), "amount": 10, "currency": "USD", "interval": "month",
        "interval_count": 1, "trial_period_days": 0, "nickname": "Monthly",
        "metadata": {"k": "v"},
    }  # fmt: skip
    return Scene(Call("POST", "/v1/plans", body))


async def ra_get_plan(o: Owner) -> Scene:
    return Scene(Call("GET", f"/v1/plans/{await ra_plan(o)}"))


async def ra_create_subscription(o: Owner) -> Scene:
    customer = await ra_customer(o)
    body = {"customer": customer, "subscription_items": [{"plan": await ra_plan(o),
            "quantity": 1}], "payment_method": await ra_card(o, customer),
            "metadata": {"k": "v"}}  # fmt: skip
    return Scene(Call("POST", "/v1/payments/subscriptions", body))


async def ra_get_subscription(o: Owner) -> Scene:
    body = {"customer": await ra_customer(o),
            "subscription_items": [{"plan": await ra_plan(o), "quantity": 1}]}  # fmt: skip
    subscription = await o.ok("POST", "/v1/payments/subscriptions", body)
    return Scene(Call("GET", f"/v1/payments/subscriptions/{subscription['id']}"))


async def ra_create_invoice(o: Owner) -> Scene:
    body = {
        "customer": await ra_customer(o), "currency": "USD", "billing": "send_invoice",
        "days_until_due": 14, "description": "Consulting", "statement_descriptor": "REMIT",
        "tax_percent": 8, "metadata": {"k": "v"},
    }  # fmt: skip
    return Scene(Call("POST", "/v1/invoices", body))


async def ra_list_invoices(o: Owner) -> Scene:
    customer = await ra_customer(o)
    invoice = await ra_draft(o, customer)
    params = (("limit", "10"), ("customer", customer))
    grow = lambda: twice(lambda: ra_draft(o, customer))  # noqa: E731
    return Scene(Call("GET", "/v1/invoices", params=params), (invoice,), grow)


def ra_upcoming(path: str) -> SceneMaker:
    async def scene(o: Owner) -> Scene:
        customer = await ra_customer(o)
        await ra_item(o, customer)
        params = (("customer", customer), ("currency", "USD"))
        grow = lambda: twice(lambda: ra_item(o, customer))  # noqa: E731
        return Scene(Call("GET", path, params=params), grow=grow)

    return scene


def ra_invoice(method: str, suffix: str = "", body: Any = None, state: str = "draft") -> SceneMaker:
    """A request about one invoice, in `state`: draft (with an item), open, or open and
    payable with the customer's card (`body` may name it: "{card}")."""

    async def scene(o: Owner) -> Scene:
        customer = await ra_customer(o)
        card = await ra_card(o, customer) if state == "payable" else ""
        if state == "draft":
            invoice = await ra_draft(o, customer)
            await ra_item(o, customer, invoice)
        else:
            invoice = await ra_open(o, customer)
        sent = body if card == "" else {key: value.format(card=card) for key, value in body.items()}
        grow = lambda: twice(lambda: ra_item(o, customer, invoice))  # noqa: E731
        return Scene(Call(method, f"/v1/invoices/{invoice}{suffix}", sent), (invoice,), grow)

    return scene


RA_INVOICE_UPDATE = {"description": "Changed", "tax_percent": 10, "days_until_due": 7,
                     "statement_descriptor": "REMIT 2", "metadata": {"k": "w"}}  # fmt: skip


async def ra_create_item(o: Owner) -> Scene:
    customer = await ra_customer(o)
    body = {"customer": customer, "invoice": await ra_draft(o, customer), "currency": "USD",
            "unit_amount": 10.5, "quantity": 2, "description": "Hours",
            "metadata": {"k": "v"}}  # fmt: skip
    return Scene(Call("POST", "/v1/invoice_items", body))


async def ra_list_items(o: Owner) -> Scene:
    customer = await ra_customer(o)
    invoice = await ra_draft(o, customer)
    item = await ra_item(o, customer, invoice)
    params = (("limit", "10"), ("customer", customer), ("invoice", invoice))
    grow = lambda: twice(lambda: ra_item(o, customer, invoice))  # noqa: E731
    return Scene(Call("GET", "/v1/invoice_items", params=params), (item,), grow)


def ra_one_item(method: str, body: Any = None) -> SceneMaker:
    async def scene(o: Owner) -> Scene:
        customer = await ra_customer(o)
        item = await ra_item(o, customer, await ra_draft(o, customer))
        return Scene(Call(method, f"/v1/invoice_items/{item}", body))

    return scene


async def ra_unknown(o: Owner) -> Scene:
    return Scene(Call("POST", "/v1/payouts", {"amount": 1}, status=404))


P = RAPYD
RA_GET_INVOICE = NotFound(400, "ERROR_GET_INVOICE")
RA_ITEM_MISSING = NotFound(400, "ERROR_INVOICE_ITEM_NOT_FOUND")
RA_CUSTOMER_MISSING = NotFound(400, "INVALID_CUSTOMER")
RA_MISSING = NotFound(400, "ERROR_RESOURCE_MISSING")  # remit's resource_missing, as Rapyd's
RAPYD_ROUTES = (
    # 7: key, handle, subscribers, customer, event, customer, payment methods
    Route(P, "POST", "/v1/customers", ("customers:write",), ra_create_customer, UNSEEN,
          budget=7, takes="body",
          fields=("payment_method", "payment_method.token", "invoice_prefix", "ewallet",
                  "coupon", "description")),
    # 2: key, page
    Route(P, "GET", "/v1/customers", ("customers:read",), ra_list_customers, UNSEEN, budget=2,
          takes="query", lists=True, fields=("starting_after", "ending_before")),
    # 3: key, customer, payment methods
    Route(P, "GET", "/v1/customers/{customer_id}", ("customers:read",), ra_get_customer,
          RA_CUSTOMER_MISSING, budget=3),
    # 7: key, customer, subscribers, update, event, customer, payment methods
    Route(P, "POST", "/v1/customers/{customer_id}", ("customers:write",), ra_update_customer,
          RA_MISSING, budget=7, takes="body",
          fields=("phone_number", "invoice_prefix", "business_vat_id")),
    # 5: key, customer, subscribers, update, event
    Route(P, "DELETE", "/v1/customers/{customer_id}", ("customers:write",), ra_delete_customer,
          RA_MISSING, budget=5),
    # 6: key, customer, account, method, subscribers, event
    Route(P, "POST", "/v1/customers/{customer_id}/payment_methods", ("customers:write",),
          ra_add_card, RA_MISSING, budget=6, takes="body", fields=("type",)),
    # 4: key, subscribers, event, product
    Route(P, "POST", "/v1/products", ("plans:write",), ra_create_product, UNSEEN, budget=4,
          takes="body"),
    # 2: key, product
    Route(P, "GET", "/v1/products/{product_id}", ("plans:read",), ra_get_product, RA_MISSING,
          budget=2),
    # 5: key, product, subscribers, event, plan
    Route(P, "POST", "/v1/plans", ("plans:write",), ra_create_plan,
          NotFound(400, "INVALID_PRODUCT"), budget=5, takes="body"),
    # 2: key, plan
    Route(P, "GET", "/v1/plans/{plan_id}", ("plans:read",), ra_get_plan, RA_MISSING, budget=2),
    # 8: key, customer, plan, payment method, subscribers, event, subscription, its item
    Route(P, "POST", "/v1/payments/subscriptions", ("subscriptions:write",),
          ra_create_subscription, RA_CUSTOMER_MISSING, budget=8, takes="body"),
    # 2: key, subscription
    Route(P, "GET", "/v1/payments/subscriptions/{subscription_id}", ("subscriptions:read",),
          ra_get_subscription, RA_MISSING, budget=2),
    # 6: key, account, pending items, invoice, subscribers, event
    Route(P, "POST", "/v1/invoices", ("invoices:write",), ra_create_invoice, RA_CUSTOMER_MISSING,
          budget=6, takes="body", fields=("due_date", "subscription", "payment_method")),
    # 3: key, invoices, their lines
    Route(P, "GET", "/v1/invoices", ("invoices:read",), ra_list_invoices, UNSEEN, budget=3,
          takes="query", lists=True, fields=("starting_after", "ending_before", "subscription")),
    # 4: key, customer, account, pending items
    Route(P, "GET", "/v1/invoices/upcoming", ("invoices:read",),
          ra_upcoming("/v1/invoices/upcoming"), RA_CUSTOMER_MISSING, budget=4, takes="query",
          lists=True),
    # 4: key, customer, account, pending items
    Route(P, "GET", "/v1/invoices/upcoming/lines", ("invoices:read",),
          ra_upcoming("/v1/invoices/upcoming/lines"), RA_CUSTOMER_MISSING, budget=4,
          takes="query", lists=True),
    # 3: key, invoice, lines
    Route(P, "GET", "/v1/invoices/{invoice_id}", ("invoices:read",), ra_invoice("GET"),
          RA_GET_INVOICE, budget=3, lists=True),
    # 3: key, invoice, lines
    Route(P, "GET", "/v1/invoices/{invoice_id}/lines", ("invoices:read",),
          ra_invoice("GET", "/lines"), RA_GET_INVOICE, budget=3, lists=True),
    # 10: key, invoice and lines twice, account, update, lines, subscribers, event
    Route(P, "POST", "/v1/invoices/{invoice_id}", ("invoices:write",),
          ra_invoice("POST", body=RA_INVOICE_UPDATE), RA_GET_INVOICE, budget=10, takes="body",
          fields=("due_date",)),
    # 10: key, invoice and lines twice, account, update, lines, subscribers, event
    Route(P, "PUT", "/v1/invoices/{invoice_id}", ("invoices:write",),
          ra_invoice("PUT", body=RA_INVOICE_UPDATE), RA_GET_INVOICE, budget=10, takes="body",
          fields=("due_date",)),
    # 7: key, invoice, lines, subscribers, event, lines and invoice deleted
    Route(P, "DELETE", "/v1/invoices/{invoice_id}", ("invoices:write",), ra_invoice("DELETE"),
          NotFound(400, "ERROR_DELETE_INVOICE"), budget=7),
    # 19: 3 transactions: start the charge (9), the simulator (2), record it (8)
    Route(P, "POST", "/v1/invoices/{invoice_id}/pay", ("invoices:write",),
          ra_invoice("POST", "/pay", {"payment_method": "{card}"}, "payable"),
          NotFound(400, "ERROR_PAY_INVOICE"), budget=19, takes="body"),
    # 10: key, invoice, lines, account, customer, customer balance, counter, update,
    # subscribers, event
    Route(P, "POST", "/v1/invoices/{invoice_id}/finalize", ("invoices:write",),
          ra_invoice("POST", "/finalize"), RA_GET_INVOICE, budget=10),
    # 7: key, invoice, lines, settlements, subscribers, event, update
    Route(P, "POST", "/v1/invoices/{invoice_id}/void", ("invoices:write",),
          ra_invoice("POST", "/void", state="open"), RA_GET_INVOICE, budget=7),
    # 7: key, invoice, lines, settlements, subscribers, event, update
    Route(P, "POST", "/v1/invoices/{invoice_id}/mark_uncollectible", ("invoices:write",),
          ra_invoice("POST", "/mark_uncollectible", state="open"), RA_GET_INVOICE, budget=7),
    # 9: key, customer, invoice, lines, account, update, line, subscribers, event
    Route(P, "POST", "/v1/invoice_items", ("invoices:write",), ra_create_item,
          RA_CUSTOMER_MISSING, budget=9, takes="body", fields=("amount", "subscription")),
    # 2: key, page
    Route(P, "GET", "/v1/invoice_items", ("invoices:read",), ra_list_items, UNSEEN, budget=2,
          takes="query", lists=True, fields=("starting_after", "ending_before")),
    # 5: key, pending item, line, its invoice and lines
    Route(P, "GET", "/v1/invoice_items/{item_id}", ("invoices:read",), ra_one_item("GET"),
          RA_ITEM_MISSING, budget=5),
    # 10: key, pending item, line, invoice, lines, account, 2 updates, subscribers, event
    Route(P, "POST", "/v1/invoice_items/{item_id}", ("invoices:write",),
          ra_one_item("POST", {"unit_amount": 12, "quantity": 3, "description": "More",
                               "metadata": {"k": "v"}}),
          RA_ITEM_MISSING, budget=10, takes="body", fields=("amount",)),
    # 10: key, pending item, line, invoice, lines, account, update, delete, subscribers, event
    Route(P, "DELETE", "/v1/invoice_items/{item_id}", ("invoices:write",),
          ra_one_item("DELETE"), RA_ITEM_MISSING, budget=10),
    # 0: no database
    Route(P, "*", "/v1/{path:path}", (), ra_unknown, None, budget=0, takes="body"),
)  # fmt: skip


# — Reepay —

RP_CUSTOMER_MISSING = NotFound(404, 9)
RP_INVOICE_MISSING = NotFound(404, 31)
RP_LINES = [{"ordertext": "Widget", "amount": 10000, "quantity": 2, "vat": 0.25,
             "amount_incl_vat": True}]  # fmt: skip
RP_ADDRESS = {"company": "Analytical", "address": "1 Main St", "city": "Aarhus",
              "postal_code": "8000", "country": "DK"}  # fmt: skip


async def rp_customer(o: Owner, handle: str = "ada") -> str:
    body = {"handle": handle, "email": f"{handle}@example.com", "first_name": "Ada"}
    return (await o.ok("POST", "/v1/customer", body))["handle"]


async def rp_card(o: Owner, customer: str) -> str:
    path = f"/v1/customer/{customer}/payment_method"
    return (await o.ok("POST", path, {"source": "tok_visa"}))["id"]


async def rp_invoice(o: Owner, customer: str, handle: str = "inv-1") -> dict:
    body = {"handle": handle, "currency": "DKK", "order_lines": RP_LINES}
    return await o.ok("POST", f"/v1/customer/{customer}/invoice", body)


async def rp_create_customer(o: Owner) -> Scene:
    await rp_customer(o)
    body = {
        "handle": "buyer-1", "email": "buyer@example.com", "first_name": "Ada",
        "last_name": "Lovelace", "company": "Analytical", "address": "1 Main St",
        "address2": "2nd floor", "city": "Aarhus", "postal_code": "8000", "country": "DK",
        "phone": "+4512345678", "vat": "DK12345678", "metadata": {"k": "v"},
    }  # fmt: skip
    return Scene(Call("POST", "/v1/customer", body))


def rp_of_customer(method: str, suffix: str = "", body: Any = None) -> SceneMaker:
    async def scene(o: Owner) -> Scene:
        customer = await rp_customer(o)
        return Scene(Call(method, f"/v1/customer/{customer}{suffix}", body))

    return scene


async def rp_list_cards(o: Owner) -> Scene:
    customer = await rp_customer(o)
    await rp_card(o, customer)
    grow = lambda: twice(lambda: rp_card(o, customer))  # noqa: E731
    return Scene(Call("GET", f"/v1/customer/{customer}/payment_method"), grow=grow)


RP_INVOICE_BODY = {
    "handle": "inv-2", "currency": "DKK", "order_lines": RP_LINES, "metadata": {"k": "v"},
    "billing_address": RP_ADDRESS, "shipping_address": RP_ADDRESS,
}  # fmt: skip


async def rp_get_invoice(o: Owner) -> Scene:
    invoice = await rp_invoice(o, await rp_customer(o))
    return Scene(Call("GET", f"/v1/invoice/{invoice['id']}"))


def rp_of_invoice(action: str, body: Any = None, state: str = "pending") -> SceneMaker:
    """An action on a pending invoice (named by its handle), or on a failed one; `body` may
    name the customer's card ("{card}")."""

    async def scene(o: Owner) -> Scene:
        customer = await rp_customer(o)
        card = await rp_card(o, customer)
        invoice = await rp_invoice(o, customer)
        if state == "failed":
            await o.ok("POST", f"/v1/invoice/{invoice['handle']}/fail", {})
        sent = body and {key: value.format(card=card) for key, value in body.items()}
        return Scene(Call("POST", f"/v1/invoice/{invoice['handle']}/{action}", sent))

    return scene


async def rp_more_invoices(o: Owner, customer: str) -> None:
    for handle in ("inv-2", "inv-3"):
        await rp_invoice(o, customer, handle)


async def rp_pages(o: Owner) -> Scene:
    customer = await rp_customer(o)
    invoice = await rp_invoice(o, customer)
    params = (("page", "1"), ("size", "20"), ("search", "state:pending"), ("sort", "-created"))
    grow = lambda: rp_more_invoices(o, customer)  # noqa: E731
    return Scene(Call("GET", "/v1/invoice", params=params), (invoice["id"],), grow)


async def rp_list(o: Owner) -> Scene:
    customer = await rp_customer(o)
    invoice = await rp_invoice(o, customer)
    params = (("size", "20"), ("customer", customer), ("state", "pending"), ("currency", "DKK"),
              ("range", "created"), ("from", "2020-01-01"), ("to", "2100-01-01"))  # fmt: skip
    grow = lambda: rp_more_invoices(o, customer)  # noqa: E731
    return Scene(Call("GET", "/v1/list/invoice", params=params), (invoice["id"],), grow)


async def rp_unknown(o: Owner) -> Scene:
    return Scene(Call("POST", "/v1/subscription", {"plan": "gold"}, status=404))


E = REEPAY
REEPAY_ROUTES = (
    # 6: key, handle, customer, subscribers, insert, event
    Route(E, "POST", "/v1/customer", ("customers:write",), rp_create_customer, UNSEEN,
          budget=6, takes="body", fields=("generate_handle",)),
    # 2: key, customer
    Route(E, "GET", "/v1/customer/{handle}", ("customers:read",), rp_of_customer("GET"),
          RP_CUSTOMER_MISSING, budget=2),
    # 8: key, customer twice, account, card, subscribers, default, event
    Route(E, "POST", "/v1/customer/{handle}/payment_method", ("customers:write",),
          rp_of_customer("POST", "/payment_method", {"source": "tok_visa"}),
          RP_CUSTOMER_MISSING, budget=8, takes="body"),
    # 3: key, customer, cards
    Route(E, "GET", "/v1/customer/{handle}/payment_method", ("customers:read",), rp_list_cards,
          RP_CUSTOMER_MISSING, budget=3, lists=True),
    # 13: key, customer, account, handle, invoice, lines, customer balance, counter, 2 events,
    # update, settlements
    Route(E, "POST", "/v1/customer/{handle}/invoice", ("invoices:write",),
          rp_of_customer("POST", "/invoice", RP_INVOICE_BODY), RP_CUSTOMER_MISSING, budget=13,
          takes="body",
          fields=("settle.payment_method", "settle.due", "manual_transfer.method",
                  "manual_transfer.payment_date", "manual_transfer.reference",
                  "manual_transfer.comment", "order_lines.0.amount_incl_vat")),
    # 4: key, invoice, lines, settlements
    Route(E, "GET", "/v1/invoice/{reference}", ("invoices:read",), rp_get_invoice,
          RP_INVOICE_MISSING, budget=4),
    # 24: 3 transactions: start the charge (11), the simulator (2), record it (11)
    Route(E, "POST", "/v1/invoice/{reference}/settle", ("invoices:write",),
          rp_of_invoice("settle", {"payment_method": "{card}"}), RP_INVOICE_MISSING, budget=24,
          takes="body", fields=("due",)),
    # 13: key, invoice and lines twice, the same reference, settlements, subscribers, event,
    # update, settlement…, its refunds (shown as transactions)
    Route(E, "POST", "/v1/invoice/{reference}/manual_settle", ("invoices:write",),
          rp_of_invoice("manual_settle", {"method": "cash", "payment_date": "2026-12-01",
                                          "reference": "R-1", "comment": "At the desk"}),
          RP_INVOICE_MISSING, budget=13, takes="body"),
    # 10: key, invoice and lines twice, settlements, subscribers, event, update, settlements
    Route(E, "POST", "/v1/invoice/{reference}/cancel", ("invoices:write",),
          rp_of_invoice("cancel"), RP_INVOICE_MISSING, budget=10),
    # 10: key, invoice and lines twice, settlements, subscribers, event, update, settlements
    Route(E, "POST", "/v1/invoice/{reference}/fail", ("invoices:write",), rp_of_invoice("fail"),
          RP_INVOICE_MISSING, budget=10),
    # 9: key, invoice and lines twice, subscribers, event, update, settlements
    Route(E, "POST", "/v1/invoice/{reference}/reactivate", ("invoices:write",),
          rp_of_invoice("reactivate", state="failed"), RP_INVOICE_MISSING, budget=9),
    # 5: key, count, invoices, their lines, their settlements
    Route(E, "GET", "/v1/invoice", ("invoices:read",), rp_pages, UNSEEN, budget=5,
          takes="query", lists=True),
    # 5: key, customer, invoices, their lines, their settlements
    Route(E, "GET", "/v1/list/invoice", ("invoices:read",), rp_list, RP_CUSTOMER_MISSING,
          budget=5, takes="query", fields=("next_page_token", "handle"), lists=True),
    # 0: no database
    Route(E, "*", "/v1/{path:path}", (), rp_unknown, None, budget=0, takes="body"),
)  # fmt: skip


ROUTES = RETEMPO_ROUTES + WHOP_ROUTES + RAPYD_ROUTES + REEPAY_ROUTES

FALLBACKS = {
    "retempo": Fallback(
        NotFound(404, "Route was not found."),
        ("GET", "POST", "PUT", "PATCH", "DELETE"),
        ("/nothing/here", "/api/v1/refunds", "/api/v2/invoices"),
    ),
    "whop": Fallback(
        NotFound(404, "unknown_route"),
        ("GET", "POST", "PUT", "PATCH", "DELETE"),
        ("/nothing/here", "/payments", "/invoices/inv_x/pay"),
    ),
    "rapyd": Fallback(
        NotFound(404, "NOT_FOUND"),
        ("GET", "POST", "PUT", "DELETE"),
        ("/v1/nothing/here", "/v1/payouts", "/v1/invoices/invoice_x/refund"),
    ),
    "reepay": Fallback(
        NotFound(404, 8),
        ("GET", "POST", "PUT", "DELETE", "PATCH"),
        ("/v1/nothing/here", "/v1/subscription/abc", "/v1/invoice/x/y/z"),
    ),
}
