"""Products, plans (a price of a product) and subscriptions (SPEC §2), and how invoices use
them: a plan's currency binds the invoice; a subscription must be the invoice customer's."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support import TenantApi, expect, params, problem

MISSING_PLAN = "plan_" + "0" * 26


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def product(api: TenantApi, **fields: Any) -> dict[str, Any]:
    return expect(await api.post("/v1/products", {"name": "Pro", **fields}), 201)


async def plan(api: TenantApi, **fields: Any) -> dict[str, Any]:
    if "product" not in fields:
        fields["product"] = (await product(api))["id"]
    fields.setdefault("amount", "29.00")
    return expect(await api.post("/v1/plans", fields), 201)


async def subscribe(api: TenantApi, customer_id: str, plan_id: str) -> httpx.Response:
    return await api.post("/v1/subscriptions", {"customer": customer_id, "plan": plan_id})


class TestProducts:
    async def test_create_and_read(self, api: TenantApi) -> None:
        made = await product(api, description="The pro tier", metadata={"tier": "3"})
        assert made["id"].startswith("prod_")
        assert (made["object"], made["name"], made["active"]) == ("product", "Pro", True)
        assert (made["description"], made["metadata"]) == ("The pro tier", {"tier": "3"})
        assert expect(await api.get(f"/v1/products/{made['id']}"), 200) == made

    async def test_writes_product_created(self, api: TenantApi) -> None:
        made = await product(api)
        listed = expect(await api.get("/v1/events", params={"related_object": made["id"]}), 200)
        assert [event["type"] for event in listed["data"]] == ["product.created"]

    @pytest.mark.parametrize(
        "body",
        [{}, {"name": ""}, {"name": "x" * 256}, {"name": 5}, {"name": "P", "active": "yes"},
         {"name": "P", "x": 1}],
    )  # fmt: skip
    async def test_bad_bodies_are_400(self, api: TenantApi, body: dict[str, Any]) -> None:
        problem(await api.post("/v1/products", body), 400, "validation_error")
        assert expect(await api.get("/v1/products"), 200)["data"] == []

    async def test_list_newest_first_and_paginated(self, api: TenantApi) -> None:
        made = [(await product(api, name=f"P{i}"))["id"] for i in range(3)]
        first = expect(await api.get("/v1/products", params={"limit": 2}), 200)
        assert ([p["id"] for p in first["data"]], first["has_more"]) == ([made[2], made[1]], True)
        rest = expect(
            await api.get("/v1/products", params={"starting_after": first["next_cursor"]}), 200
        )
        assert [p["id"] for p in rest["data"]] == [made[0]]

    async def test_other_accounts_products_are_invisible(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await product(other_api)
        problem(await api.get(f"/v1/products/{theirs['id']}"), 404, "resource_missing")
        assert expect(await api.get("/v1/products"), 200)["data"] == []

    async def test_scopes(self, api: TenantApi, raw_api) -> None:
        reader = await api.with_scopes("products:read")
        problem(await reader.post("/v1/products", {"name": "P"}), 403, "insufficient_scope")
        expect(await reader.get("/v1/products"), 200)
        other = await api.with_scopes("plans:write")
        problem(await other.get("/v1/products"), 403, "insufficient_scope")
        problem(await raw_api.get("/v1/products"), 401, "unauthorized")


class TestPlans:
    async def test_create_with_the_account_currency_by_default(self, api: TenantApi) -> None:
        made = await plan(api, amount="29", nickname="Pro monthly")
        assert made["id"].startswith("plan_")
        assert (made["amount"], made["currency"]) == ("29.00", "USD")
        assert (made["interval"], made["interval_count"], made["trial_days"]) == ("month", 1, 0)
        assert (made["nickname"], made["active"]) == ("Pro monthly", True)
        assert expect(await api.get(f"/v1/plans/{made['id']}"), 200) == made

    @pytest.mark.parametrize(
        ("currency", "amount", "shown"),
        [("jpy", "1000", "1000"), ("USDC", 49, "49.000000"), ("BTC", "0.00000001", "0.00000001"),
         ("KWD", "1.5", "1.500")],
    )  # fmt: skip
    async def test_amount_is_shown_at_the_currency_exponent(
        self, api: TenantApi, currency: str, amount: object, shown: str
    ) -> None:
        made = await plan(api, currency=currency, amount=amount)
        assert (made["currency"], made["amount"]) == (currency.upper(), shown)

    async def test_amount_finer_than_the_currency_is_422(self, api: TenantApi) -> None:
        product_id = (await product(api))["id"]
        body = problem(
            await api.post(
                "/v1/plans", {"product": product_id, "amount": "10.5", "currency": "JPY"}
            ),
            422,
            "amount_too_precise",
        )
        assert params(body) == {"amount"}

    async def test_amount_out_of_range_is_422(self, api: TenantApi) -> None:
        product_id = (await product(api))["id"]
        problem(
            await api.post("/v1/plans", {"product": product_id, "amount": "1000000000000001"}),
            422,
            "amount_out_of_range",
        )

    async def test_every_bad_field_is_listed(self, api: TenantApi) -> None:
        product_id = (await product(api))["id"]
        body = problem(
            await api.post(
                "/v1/plans",
                {
                    "product": product_id,
                    "amount": "-1",
                    "currency": "NOPE",
                    "interval": "fortnight",
                    "interval_count": 0,
                    "trial_days": -1,
                },
            ),
            400,
            "validation_error",
        )
        assert params(body) == {"amount", "currency", "interval", "interval_count", "trial_days"}

    async def test_unknown_product_is_404_naming_it(self, api: TenantApi) -> None:
        body = problem(
            await api.post("/v1/plans", {"product": "prod_" + "0" * 26, "amount": "1"}),
            404,
            "resource_missing",
        )
        assert params(body) == {"product"}

    async def test_another_accounts_product_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await product(other_api)
        problem(
            await api.post("/v1/plans", {"product": theirs["id"], "amount": "1"}),
            404,
            "resource_missing",
        )

    async def test_list_filters_by_product(self, api: TenantApi) -> None:
        pro, basic = await product(api, name="Pro"), await product(api, name="Basic")
        pro_plans = [(await plan(api, product=pro["id"]))["id"] for _ in range(2)]
        await plan(api, product=basic["id"])
        listed = expect(await api.get("/v1/plans", params={"product": pro["id"]}), 200)
        assert [p["id"] for p in listed["data"]] == list(reversed(pro_plans))
        assert len(expect(await api.get("/v1/plans"), 200)["data"]) == 3

    async def test_other_accounts_plans_are_invisible(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await plan(other_api)
        problem(await api.get(f"/v1/plans/{theirs['id']}"), 404, "resource_missing")
        assert expect(await api.get("/v1/plans"), 200)["data"] == []

    async def test_scopes(self, api: TenantApi) -> None:
        product_id = (await product(api))["id"]
        reader = await api.with_scopes("plans:read")
        response = await reader.post("/v1/plans", {"product": product_id, "amount": "1"})
        problem(response, 403, "insufficient_scope")
        expect(await reader.get("/v1/plans"), 200)


class TestSubscriptions:
    @pytest.mark.parametrize(
        ("interval", "count", "length"),
        [("day", 3, timedelta(days=3)), ("week", 2, timedelta(weeks=2)), ("year", 1, None),
         ("month", 1, None)],
    )  # fmt: skip
    async def test_period_follows_the_plan(
        self, api: TenantApi, interval: str, count: int, length: timedelta | None
    ) -> None:
        customer = await api.customer()
        made_plan = await plan(api, interval=interval, interval_count=count)
        subscription = expect(await subscribe(api, customer["id"], made_plan["id"]), 201)
        assert subscription["id"].startswith("sub_")
        assert (subscription["customer"], subscription["plan"]) == (
            customer["id"],
            made_plan["id"],
        )
        assert subscription["status"] == "active"
        start = moment(subscription["current_period_start"])
        end = moment(subscription["current_period_end"])
        if length is not None:
            assert end - start == length
        elif interval == "month":
            assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1
            assert end.time() == start.time()
        else:
            assert (end.year - start.year, end.month, end.time()) == (1, start.month, start.time())

    async def test_one_off_plan_has_no_period_end(self, api: TenantApi) -> None:
        customer = await api.customer()
        made_plan = await plan(api, interval="none")
        subscription = expect(await subscribe(api, customer["id"], made_plan["id"]), 201)
        assert subscription["current_period_end"] is None

    async def test_unknown_or_foreign_customer_and_plan_are_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer = await api.customer()
        mine = await plan(api)
        their_customer = await other_api.customer()
        their_plan = await plan(other_api)
        problem(await subscribe(api, their_customer["id"], mine["id"]), 404, "resource_missing")
        problem(await subscribe(api, customer["id"], their_plan["id"]), 404, "resource_missing")
        problem(await subscribe(api, customer["id"], MISSING_PLAN), 404, "resource_missing")
        assert expect(await api.get("/v1/subscriptions"), 200)["data"] == []

    async def test_list_filters_by_customer(self, api: TenantApi) -> None:
        made_plan = await plan(api)
        first = await api.customer(email="a@example.com")
        second = await api.customer(email="b@example.com")
        mine = expect(await subscribe(api, first["id"], made_plan["id"]), 201)
        expect(await subscribe(api, second["id"], made_plan["id"]), 201)
        listed = expect(await api.get("/v1/subscriptions", params={"customer": first["id"]}), 200)
        assert [s["id"] for s in listed["data"]] == [mine["id"]]

    async def test_other_accounts_subscriptions_are_invisible(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer = await other_api.customer()
        theirs = expect(
            await subscribe(other_api, customer["id"], (await plan(other_api))["id"]), 201
        )
        problem(await api.get(f"/v1/subscriptions/{theirs['id']}"), 404, "resource_missing")


class TestInvoicesForPlans:
    async def test_invoice_without_lines_bills_the_plan_once(self, api: TenantApi) -> None:
        made_plan = await plan(api, amount="29.00", nickname="Pro monthly")
        invoice = await api.invoice(plan=made_plan["id"], lines=[])
        assert invoice["plan"] == made_plan["id"]
        [line] = invoice["lines"]
        assert (line["description"], line["quantity"], line["unit_amount"]) == (
            "Pro monthly",
            "1",
            "29.00",
        )
        assert invoice["total"] == "29.00"

    async def test_plan_line_is_named_after_the_product_without_a_nickname(
        self, api: TenantApi
    ) -> None:
        made_plan = await plan(api, product=(await product(api, name="Widget"))["id"])
        invoice = await api.invoice(plan=made_plan["id"], lines=[])
        assert invoice["lines"][0]["description"] == "Widget"

    async def test_invoice_takes_the_plans_currency(self, api: TenantApi) -> None:
        made_plan = await plan(api, currency="EUR", amount="9.90")
        invoice = await api.invoice(plan=made_plan["id"], lines=[])
        assert (invoice["currency"], invoice["total"]) == ("EUR", "9.90")

    async def test_explicit_lines_replace_the_plan_price(self, api: TenantApi) -> None:
        made_plan = await plan(api, amount="29.00")
        invoice = await api.invoice(plan=made_plan["id"], lines=[{"unit_amount": "5.00"}])
        assert invoice["total"] == "5.00"

    async def test_other_currency_than_the_plan_is_422(self, api: TenantApi) -> None:
        made_plan = await plan(api, currency="EUR")
        customer = await api.customer()
        body = problem(
            await api.post(
                "/v1/invoices",
                {"customer": customer["id"], "plan": made_plan["id"], "currency": "USD"},
            ),
            422,
            "invalid_invoice",
        )
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("currency", "currency_mismatch")
        ]
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_changing_a_plan_invoice_to_another_currency_is_422(self, api: TenantApi) -> None:
        made_plan = await plan(api, currency="EUR")
        invoice = await api.invoice(plan=made_plan["id"], lines=[])
        problem(
            await api.patch(f"/v1/invoices/{invoice['id']}", {"currency": "GBP"}),
            422,
            "invalid_invoice",
        )
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice

    async def test_unknown_or_foreign_plan_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer = await api.customer()
        theirs = await plan(other_api)
        for plan_id in (theirs["id"], MISSING_PLAN):
            body = problem(
                await api.post("/v1/invoices", {"customer": customer["id"], "plan": plan_id}),
                404,
                "resource_missing",
            )
            assert params(body) == {"plan"}


class TestInvoicesForSubscriptions:
    async def test_invoice_names_the_customers_subscription(self, api: TenantApi) -> None:
        customer = await api.customer()
        subscription = expect(await subscribe(api, customer["id"], (await plan(api))["id"]), 201)
        invoice = await api.invoice(customer=customer["id"], subscription=subscription["id"])
        assert invoice["subscription"] == subscription["id"]

    async def test_another_customers_subscription_is_404(self, api: TenantApi) -> None:
        owner = await api.customer(email="owner@example.com")
        stranger = await api.customer(email="stranger@example.com")
        subscription = expect(await subscribe(api, owner["id"], (await plan(api))["id"]), 201)
        body = problem(
            await api.post(
                "/v1/invoices",
                {"customer": stranger["id"], "subscription": subscription["id"], "lines": []},
            ),
            404,
            "resource_missing",
        )
        assert params(body) == {"subscription"}

    async def test_another_accounts_subscription_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        their_customer = await other_api.customer()
        theirs = expect(
            await subscribe(other_api, their_customer["id"], (await plan(other_api))["id"]), 201
        )
        customer = await api.customer()
        problem(
            await api.post(
                "/v1/invoices", {"customer": customer["id"], "subscription": theirs["id"]}
            ),
            404,
            "resource_missing",
        )

    async def test_moving_the_draft_to_another_customer_keeps_the_check(
        self, api: TenantApi
    ) -> None:
        owner = await api.customer(email="owner@example.com")
        stranger = await api.customer(email="stranger@example.com")
        subscription = expect(await subscribe(api, owner["id"], (await plan(api))["id"]), 201)
        invoice = await api.invoice(customer=owner["id"], subscription=subscription["id"])
        problem(
            await api.patch(f"/v1/invoices/{invoice['id']}", {"customer": stranger["id"]}),
            404,
            "resource_missing",
        )
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice
