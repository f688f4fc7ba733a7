"""`usage.events.record_event(…, billed_by=…)`: an event recorded as billed already by an
invoice of its customer (a provider's usage linked to an invoice its client priced), which
the billing run then never bills (tests/dialects/retempo/test_usage_events.py runs it);
refused for another customer's invoice, an unknown one, and one that will never be paid."""

from __future__ import annotations

import pytest

from remit.invoices import service as invoices
from remit.kernel.problems import NotFound, Problem, ValidationFailed
from remit.runtime import Runtime
from remit.usage import events
from remit.usage.errors import UsageEventInvoiceClosed
from remit.usage.schemas import UsageEventCreate
from tests.support import TenantApi, expect


async def _record(
    runtime: Runtime, api: TenantApi, customer: str, invoice_id: str
) -> events.Recorded:
    data = UsageEventCreate(event_name="tokens", customer=customer, identifier="u-1",
                            payload={"tokens": "2"})  # fmt: skip
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "test", livemode=False)
        return await events.record_event(ctx, data, billed_by=invoice_id)


async def _billed_on(runtime: Runtime, api: TenantApi, invoice_id: str) -> list[str]:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "test", livemode=False)
        invoice = await invoices.get_invoice(ctx, invoice_id)
        return [event.id for event in await events.billed_on(ctx, invoice)]


@pytest.fixture
async def customer(api: TenantApi) -> str:
    body = {"event_name": "tokens", "aggregation": "sum", "value_key": "tokens"}
    expect(await api.post("/v1/meters", body), 201)
    return str((await api.customer())["id"])


class TestBilledBy:
    async def test_the_event_is_recorded_as_billed_by_the_invoice(
        self, api: TenantApi, runtime: Runtime, customer: str
    ) -> None:
        invoice = await api.open_invoice(customer=customer)
        recorded = await _record(runtime, api, customer, invoice["id"])
        assert recorded.created and recorded.event.invoice_id == invoice["id"]
        assert await _billed_on(runtime, api, invoice["id"]) == [recorded.event.id]
        native = expect(await api.get(f"/v1/usage_events/{recorded.event.id}"), 200)
        assert native["invoice"] == invoice["id"]

    @pytest.mark.parametrize(
        ("case", "refusal"),
        [("other customer", ValidationFailed), ("unknown", NotFound),
         ("void", UsageEventInvoiceClosed)],
    )  # fmt: skip
    async def test_refused_and_nothing_recorded(
        self, api: TenantApi, runtime: Runtime, customer: str, case: str, refusal: type[Problem]
    ) -> None:
        if case == "other customer":
            invoice_id = (await api.open_invoice())["id"]
        elif case == "unknown":
            invoice_id = "inv_unknown"
        else:
            invoice_id = (await api.open_invoice(customer=customer))["id"]
            expect(await api.post(f"/v1/invoices/{invoice_id}/void"), 200)
        with pytest.raises(refusal) as raised:
            await _record(runtime, api, customer, invoice_id)
        assert [error.param for error in raised.value.errors] == (
            [] if case == "void" else ["invoice"]
        )
        assert expect(await api.get("/v1/usage_events"), 200)["data"] == []
