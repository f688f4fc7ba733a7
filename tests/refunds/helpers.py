"""Shared steps for refund tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from remit.payments.models import SimulatorCharge
from remit.payments.processors.simulator import REFUND
from remit.runtime import Runtime
from remit.worker.refunds import run_refunds
from tests.payments.helpers import drain_payments, invoice_for, settlements
from tests.support import TenantApi, expect


async def card_settlement(api: TenantApi, runtime: Runtime, token: str = "tok_visa") -> Any:
    """A confirmed settlement of 100.00, charged through the simulator with `token`."""
    invoice = await invoice_for(api, token, collection_method="send_invoice")
    expect(await api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 200)
    await drain_payments(runtime)  # a pending charge is settled by the worker
    [settlement] = await settlements(api, invoice["id"])
    assert settlement["status"] == "confirmed", settlement
    return settlement


async def cash_settlement(api: TenantApi, amount: str = "100.00", status: str = "confirmed") -> Any:
    """A settlement recorded by hand (processor `manual`) against a new invoice of 100.00."""
    invoice = await api.open_invoice()
    body = {"method": "cash", "amount": amount, "status": status}
    return expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", body), 201)


async def refund(api: TenantApi, settlement: dict[str, Any], **fields: Any) -> Any:
    return await api.post("/v1/refunds", {"settlement": settlement["id"], **fields})


async def read_settlement(api: TenantApi, settlement_id: str) -> Any:
    return expect(await api.get(f"/v1/settlements/{settlement_id}"), 200)


async def refunds_of(api: TenantApi, settlement_id: str) -> list[Any]:
    listed = expect(await api.get("/v1/refunds", params={"settlement": settlement_id}), 200)
    return list(listed["data"])


async def refunds_booked(runtime: Runtime, refund_id: str) -> int:
    """How many refunds the simulator itself has on its books for this refund's key."""
    async with runtime.db.read() as session:
        count = await session.scalar(
            select(func.count()).where(SimulatorCharge.idempotency_key == refund_id)
        )
    return int(count or 0)


async def refunds_made_since(runtime: Runtime, moment: datetime) -> int:
    """How many refunds the simulator has made since `moment`, under any key (each test
    worker has a database of its own, and its tests run one at a time)."""
    async with runtime.db.read() as session:
        count = await session.scalar(
            select(func.count()).where(
                SimulatorCharge.reference.startswith(REFUND), SimulatorCharge.created_at >= moment
            )
        )
    return int(count or 0)


def impatient(runtime: Runtime) -> Runtime:
    """The runtime with no grace before unanswered refunds are sent again."""
    return replace(runtime, settings=replace(runtime.settings, charge_recovery_seconds=0.001))


async def drain_refunds(runtime: Runtime) -> None:
    """Worker passes until no refund the pass can resolve is left (other tests' too)."""
    for _ in range(100):
        if not await run_refunds(runtime):
            return
