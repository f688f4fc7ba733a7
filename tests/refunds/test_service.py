"""The refund service as other services use it (credit notes): `refund_invoice` under the
invoice's lock, then `flow.send` once that transaction committed; and processors that
cannot refund."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from decimal import Decimal

import httpx
import pytest

from remit.app import create_app
from remit.context import Context
from remit.invoices.repository import InvoiceRepository
from remit.kernel.problems import Problem
from remit.payments.processors.base import ChargeRequest, ChargeResult, MethodDetails
from remit.refunds import flow, service
from remit.runtime import Runtime
from tests.refunds.helpers import card_settlement, read_settlement, refund, refunds_booked
from tests.support import Api, TenantApi, acting_for, event_types, expect, problem


def opener(runtime: Runtime, account_id: str) -> flow.Open:
    """Transactions as the account, as a credit note's service would open them."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[Context]:
        async with acting_for(runtime, account_id) as ctx:
            yield ctx

    return opened


async def paid_in_parts(api: TenantApi, *amounts: str) -> dict[str, object]:
    """An invoice of 100.00 paid by settlements made by hand, in this order."""
    invoice = await api.open_invoice()
    for amount in amounts:
        body = {"method": "bank_transfer", "amount": amount}
        expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", body), 201)
    return invoice


class TestRefundInvoice:
    async def test_the_amount_is_taken_from_the_newest_settlements_first(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await paid_in_parts(api, "40.00", "60.00")
        async with acting_for(runtime, api.account_id) as ctx:
            locked = await InvoiceRepository(ctx).get_for_update(str(invoice["id"]))
            refunds = await service.refund_invoice(
                ctx, runtime.processors, locked, Decimal("70.00"),
                reason="requested_by_customer", credit_note_id="cn_test",
            )  # fmt: skip
            shares = [(r.amount, r.status, r.credit_note_id) for r in refunds]
        assert shares == [
            (Decimal("60.00"), "succeeded", "cn_test"),
            (Decimal("10.00"), "succeeded", "cn_test"),
        ]
        listed = expect(await api.get("/v1/refunds", params={"invoice": invoice["id"]}), 200)
        assert [(r["amount"], r["credit_note"]) for r in listed["data"]] == [
            ("10.00", "cn_test"),
            ("60.00", "cn_test"),
        ]
        newer, older = [await read_settlement(api, r["settlement"]) for r in listed["data"][::-1]]
        assert (newer["amount_refunded"], older["amount_refunded"]) == ("60.00", "10.00")

    async def test_more_than_the_settlements_hold_is_refused_whole(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await paid_in_parts(api, "40.00", "60.00")
        async with acting_for(runtime, api.account_id) as ctx:
            locked = await InvoiceRepository(ctx).get_for_update(str(invoice["id"]))
            with pytest.raises(Problem) as refused:
                await service.refund_invoice(
                    ctx, runtime.processors, locked, Decimal("100.01"),
                    reason=None, credit_note_id=None,
                )  # fmt: skip
        assert refused.value.code == "refund_exceeds_settlement"
        assert [error.param for error in refused.value.errors] == ["amount"]
        listed = expect(await api.get("/v1/refunds", params={"invoice": invoice["id"]}), 200)
        assert listed["data"] == []

    async def test_processor_refunds_are_sent_after_the_transaction_commits(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        async with acting_for(runtime, api.account_id) as ctx:
            locked = await InvoiceRepository(ctx).get_for_update(settlement["invoice"])
            [begun] = await service.refund_invoice(
                ctx, runtime.processors, locked, Decimal("25.00"),
                reason="other", credit_note_id=None,
            )  # fmt: skip
            assert begun.status == "pending"
        assert await refunds_booked(runtime, begun.id) == 0  # not asked inside the transaction
        [sent] = await flow.send(runtime.processors, opener(runtime, api.account_id), [begun.id])
        assert (sent.id, sent.status) == (begun.id, "succeeded")
        assert await refunds_booked(runtime, begun.id) == 1
        assert await event_types(api, begun.id) == ["refund.succeeded", "refund.created"]
        [again] = await flow.send(runtime.processors, opener(runtime, api.account_id), [begun.id])
        assert again.status == "succeeded" and await refunds_booked(runtime, begun.id) == 1
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "25.00"


class Ledger:
    """A plug-in processor that charges but cannot refund (docs/examples' kind)."""

    name = "ledger"
    test_only = False

    def describe(self, method_type: str, token: str, wallet_address: str | None) -> MethodDetails:
        return MethodDetails(brand="ledger", last4=token[-4:])

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        return ChargeResult("succeeded", f"ledger_{request.idempotency_key}")

    async def retrieve(self, reference: str) -> ChargeResult:
        return ChargeResult("succeeded", reference)


@pytest.fixture
def with_ledger(runtime: Runtime) -> Iterator[Runtime]:
    runtime_with = replace(runtime)
    runtime_with.processors = {**runtime.processors, "ledger": Ledger()}
    yield runtime_with


class TestProcessorsThatCannotRefund:
    async def test_a_refund_through_a_processor_without_refunds_is_refused_cleanly(
        self, api: TenantApi, with_ledger: Runtime
    ) -> None:
        transport = httpx.ASGITransport(app=create_app(with_ledger))
        async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as http:
            ledger_api = Api(http, api.headers)
            customer = await api.customer()
            body = {"type": "card", "token": "ledger_0042", "processor": "ledger",
                    "is_default": True}  # fmt: skip
            path = f"/v1/customers/{customer['id']}/payment_methods"
            expect(await ledger_api.post(path, body), 201)
            invoice = await api.open_invoice(
                customer=customer["id"], collection_method="send_invoice"
            )
            expect(await ledger_api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 200)
            settlements = expect(await api.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)
            [settlement] = settlements["data"]
            refused = await ledger_api.post("/v1/refunds", {"settlement": settlement["id"]})
            body = problem(refused, 422, "refund_not_supported")
        assert [error["param"] for error in body["errors"]] == ["settlement"]
        assert "ledger" in body["detail"]
        # The processor is not even installed here: refused the same way.
        problem(await refund(api, settlement), 422, "refund_not_supported")
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "0.00"
        assert expect(await api.get("/v1/refunds"), 200)["data"] == []
        assert (
            expect(await api.get("/v1/events", params={"type": "refund.created"}), 200)["data"]
            == []
        )
