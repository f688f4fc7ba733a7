"""Shared steps for payment tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from remit.invoices.models import Invoice
from remit.payments.models import SimulatorCharge
from remit.runtime import Runtime
from remit.settlements.models import Settlement
from tests.support import TenantApi, expect


async def customer_paying_with(api: TenantApi, token: str, **fields: Any) -> dict[str, Any]:
    """A customer whose default payment method is a simulator card with `token`."""
    customer = await api.customer(**fields)
    body = {"type": "card", "token": token, "is_default": True}
    expect(await api.post(f"/v1/customers/{customer['id']}/payment_methods", body), 201)
    return customer


async def invoice_for(api: TenantApi, token: str | None, **fields: Any) -> dict[str, Any]:
    """An open invoice of 100.00, collected automatically, its customer paying with `token`."""
    customer = await customer_paying_with(api, token) if token else await api.customer()
    return await api.open_invoice(customer=customer["id"], **fields)


async def charges_made(runtime: Runtime, account_id: str, invoice_id: str) -> int:
    """How many charges the simulator itself has on its books for the invoice."""
    async with runtime.db.read() as session:
        keys = select(Settlement.id).where(
            Settlement.account_id == account_id, Settlement.invoice_id == invoice_id
        )
        return int(
            await session.scalar(
                select(func.count()).where(SimulatorCharge.idempotency_key.in_(keys))
            )
            or 0
        )


async def make_due(runtime: Runtime, account_id: str, invoice_id: str) -> None:
    """Let time pass until the invoice's next payment attempt is due."""
    async with runtime.db.write() as session:
        await session.execute(
            update(Invoice)
            .where(Invoice.account_id == account_id, Invoice.id == invoice_id,
                   Invoice.next_payment_attempt_at.is_not(None))
            .values(next_payment_attempt_at=func.coalesce(Invoice.finalized_at, Invoice.created_at))
        )  # fmt: skip


async def settlements(api: TenantApi, invoice_id: str) -> list[dict[str, Any]]:
    return expect(await api.get(f"/v1/invoices/{invoice_id}/settlements"), 200)["data"]


async def drain_payments(runtime: Runtime) -> None:
    """Worker passes until there is no payment work left (the database is shared with other
    tests, whose due invoices come first in the queue)."""
    from remit.worker.payments import run_payments

    for _ in range(100):
        if not await run_payments(runtime):
            return
