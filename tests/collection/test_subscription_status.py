"""A subscription follows the collection of its latest invoice (collection.subscription_status;
docs/billing.md, "Statuses"): every invoice the subscription makes is its latest — a
change's `subscription_update` invoice (`always_invoice`) as a period's — so a failed
automatic payment of one makes it `past_due`, paying it makes it `active`, and dunning giving
up applies the account's choice. An invoice made by hand for the subscription never counts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from remit.runtime import Runtime
from tests.billing.backdating import bill, invoices, move_back, plan, subscribe
from tests.support import TenantApi, expect


async def _declining(api: TenantApi) -> tuple[dict[str, Any], str]:
    customer = await api.customer()
    method = expect(
        await api.post(
            f"/v1/customers/{customer['id']}/payment_methods",
            {"type": "card", "token": "tok_chargeDeclined"},
        ),
        201,
    )
    return customer, method["id"]


async def _charged_halfway(api: TenantApi, runtime: Runtime) -> dict[str, Any]:
    """Charged automatically from a card that declines; its first period began 15 days ago
    and is billed (its invoice not charged yet: no worker runs here)."""
    customer, method = await _declining(api)
    made = await subscribe(
        api, (await plan(api), 3), customer=customer["id"],
        collection_method="charge_automatically", payment_method=method,
    )  # fmt: skip
    await move_back(runtime, made["id"], timedelta(days=15))
    await bill(api, runtime, made["id"])
    return made


async def _update_invoice(api: TenantApi, subscription: dict[str, Any]) -> dict[str, Any]:
    """An upgrade invoiced at once: its `subscription_update` invoice."""
    body = {"proration_behavior": "always_invoice",
            "items": [{"id": subscription["items"][0]["id"], "quantity": 5}]}  # fmt: skip
    expect(await api.patch(f"/v1/subscriptions/{subscription['id']}", body), 200)
    update = (await invoices(api, subscription["id"]))[-1]
    assert (update["billing_reason"], update["total"]) == ("subscription_update", "10.00")
    return update


async def _status(api: TenantApi, subscription: dict[str, Any]) -> str:
    status: str = expect(await api.get(f"/v1/subscriptions/{subscription['id']}"), 200)["status"]
    return status


class TestSubscriptionUpdateInvoice:
    async def test_a_failed_payment_makes_it_past_due_and_paying_it_active(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _charged_halfway(api, runtime)
        update = await _update_invoice(api, sub)
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert (after["status"], after["latest_invoice"]) == ("active", update["id"])
        paid = await api.post(f"/v1/invoices/{update['id']}/pay", {})
        assert paid.json()["last_payment_error"]["code"] == "card_declined", paid.text
        assert await _status(api, sub) == "past_due"  # not incomplete: not its first invoice
        settlement = {"method": "bank_transfer", "status": "confirmed"}
        expect(await api.post(f"/v1/invoices/{update['id']}/settlements", settlement), 201)
        assert await _status(api, sub) == "active"

    async def test_when_dunning_gives_up_the_account_decides(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settings = {"dunning_schedule_days": [1], "dunning_subscription_action": "cancel"}
        expect(await api.patch("/v1/account", settings), 200)
        sub = await _charged_halfway(api, runtime)
        update = await _update_invoice(api, sub)
        await api.post(f"/v1/invoices/{update['id']}/pay", {})
        assert await _status(api, sub) == "past_due"
        await api.post(f"/v1/invoices/{update['id']}/pay", {})  # the last attempt fails too
        assert await _status(api, sub) == "canceled"

    async def test_an_invoice_made_by_hand_for_it_changes_nothing(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _charged_halfway(api, runtime)
        body = {
            "customer": sub["customer"], "subscription": sub["id"], "status": "open",
            "collection_method": "charge_automatically", "payment_method": sub["payment_method"],
            "lines": [{"description": "Setup", "unit_amount": "5.00", "quantity": 1}],
        }  # fmt: skip
        manual = expect(await api.post("/v1/invoices", body), 201)
        assert manual["billing_reason"] == "manual"
        paid = await api.post(f"/v1/invoices/{manual['id']}/pay", {})
        assert paid.json()["last_payment_error"]["code"] == "card_declined", paid.text
        assert await _status(api, sub) == "active"
