"""Helpers of the billing tests: plans that renew every 30 days (a period is exactly
2 592 000 seconds), subscriptions, and time moved by moving a subscription into the past,
never the clock (ids carry the time they are made at, so the run always acts at the real
now)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select

from remit.billing.run import Billed, bill_next_period
from remit.runtime import Runtime
from remit.subscriptions.models import Subscription
from tests.support import TenantApi, expect

PERIOD = timedelta(days=30)


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def stamp(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def prorated(amount: str, start: str | datetime, end: str | datetime, whole: timedelta) -> str:
    """amount × (end − start) / whole, in whole seconds, rounded once half-up: the rule."""
    begin = moment(start) if isinstance(start, str) else start
    finish = moment(end) if isinstance(end, str) else end
    left = (finish - begin) // timedelta(seconds=1)
    exact = Fraction(Decimal(amount)) * Fraction(left, int(whole.total_seconds()))
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


async def plan(api: TenantApi, name: str = "Seats", **fields: Any) -> dict[str, Any]:
    product = expect(await api.post("/v1/products", {"name": name}), 201)
    body = {"product": product["id"], "amount": "10.00", "interval": "day",
            "interval_count": 30, **fields}  # fmt: skip
    made: dict[str, Any] = expect(await api.post("/v1/plans", body), 201)
    return made


async def metered_plan(api: TenantApi, event_name: str = "calls") -> dict[str, Any]:
    """0.50 per unit of the `n` its events sum."""
    body = {"event_name": event_name, "aggregation": "sum", "value_key": "n"}
    meter = expect(await api.post("/v1/meters", body), 201)
    return await plan(api, "Calls", amount="0.50", usage_type="metered", meter=meter["id"])


async def use(
    api: TenantApi, customer_id: str, identifier: str, n: int, at: str | None = None
) -> dict[str, Any]:
    """A usage event of `n` calls, now (or `at`)."""
    body = {"event_name": "calls", "customer": customer_id, "identifier": identifier,
            "payload": {"n": n}, **({"timestamp": at} if at else {})}  # fmt: skip
    made: dict[str, Any] = expect(await api.post("/v1/usage_events", body), 201)
    return made


async def subscribe(api: TenantApi, *items: tuple[dict[str, Any], int], **fields: Any) -> Any:
    lines = [{"plan": plan["id"], "quantity": n} for plan, n in items]
    fields.setdefault("customer", (await api.customer())["id"])
    fields.setdefault("collection_method", "send_invoice")
    return expect(await api.post("/v1/subscriptions", {"items": lines, **fields}), 201)


async def bill(api: TenantApi, runtime: Runtime, subscription_id: str) -> Billed:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        return await bill_next_period(ctx, subscription_id)


async def move_back(runtime: Runtime, subscription_id: str, by: timedelta) -> None:
    """As if everything had happened `by` earlier (its anchor, trial and periods)."""
    async with runtime.db.write() as session:
        row = await session.scalar(select(Subscription).where(Subscription.id == subscription_id))
        assert row is not None
        for field in ("next_bill_at", "current_period_start", "current_period_end",
                      "billing_cycle_anchor", "trial_start", "trial_end"):  # fmt: skip
            value = getattr(row, field)
            if value is not None:
                setattr(row, field, value - by)


async def halfway(api: TenantApi, runtime: Runtime, *items: tuple[dict[str, Any], int]) -> Any:
    """A subscription whose first period began 15 days ago and is billed."""
    made = await subscribe(api, *items)
    await move_back(runtime, made["id"], timedelta(days=15))
    assert await bill(api, runtime, made["id"]) is Billed.INVOICED
    return expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)


async def invoices(api: TenantApi, subscription_id: str) -> list[dict[str, Any]]:
    listed = expect(
        await api.get("/v1/invoices", params={"subscription": subscription_id, "limit": 100}), 200
    )
    return sorted(listed["data"], key=lambda invoice: invoice["id"])


async def pending(api: TenantApi, customer_id: str) -> list[dict[str, Any]]:
    listed = expect(await api.get("/v1/invoice_items", params={"customer": customer_id}), 200)
    return [item for item in listed["data"] if item["invoice"] is None]


def amounts(lines: list[dict[str, Any]]) -> list[str]:
    return [line["amount"] for line in lines]
