"""Subscriptions with payment methods, and canceling them."""

from __future__ import annotations

from tests.payments.helpers import customer_paying_with
from tests.support import TenantApi, event_types, expect, params, problem


async def _plan(api: TenantApi) -> dict:
    product = expect(await api.post("/v1/products", {"name": "Hosting"}), 201)
    body = {"product": product["id"], "amount": "20.00", "interval": "month"}
    return expect(await api.post("/v1/plans", body), 201)


class TestPaymentMethod:
    async def test_a_subscription_keeps_its_customer_s_method(self, api: TenantApi) -> None:
        customer = await customer_paying_with(api, "tok_visa")
        method = (await api.get(f"/v1/customers/{customer['id']}")).json()["default_payment_method"]
        plan = await _plan(api)
        body = {"customer": customer["id"], "plan": plan["id"], "payment_method": method}
        subscription = expect(await api.post("/v1/subscriptions", body), 201)
        assert subscription["payment_method"] == method

    async def test_another_customer_s_method_is_refused(self, api: TenantApi) -> None:
        owner = await customer_paying_with(api, "tok_visa")
        method = (await api.get(f"/v1/customers/{owner['id']}")).json()["default_payment_method"]
        other, plan = await api.customer(), await _plan(api)
        body = {"customer": other["id"], "plan": plan["id"], "payment_method": method}
        refused = problem(await api.post("/v1/subscriptions", body), 404, "resource_missing")
        assert params(refused) == {"payment_method"}


class TestCancel:
    async def test_cancel_once(self, api: TenantApi) -> None:
        customer, plan = await api.customer(), await _plan(api)
        body = {"customer": customer["id"], "plan": plan["id"]}
        subscription = expect(await api.post("/v1/subscriptions", body), 201)
        canceled = expect(await api.post(f"/v1/subscriptions/{subscription['id']}/cancel"), 200)
        assert canceled["status"] == "canceled" and canceled["canceled_at"] is not None
        again = await api.post(f"/v1/subscriptions/{subscription['id']}/cancel")
        problem(again, 409, "subscription_canceled")
        assert (await event_types(api, subscription["id"])) == [
            "subscription.canceled",
            "subscription.created",
        ]

    async def test_another_account_cannot_cancel(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        customer, plan = await api.customer(), await _plan(api)
        body = {"customer": customer["id"], "plan": plan["id"]}
        subscription = expect(await api.post("/v1/subscriptions", body), 201)
        problem(
            await other_api.post(f"/v1/subscriptions/{subscription['id']}/cancel"),
            404,
            "resource_missing",
        )
        assert (
            expect(await api.get(f"/v1/subscriptions/{subscription['id']}"), 200)["status"]
            == "active"
        )
