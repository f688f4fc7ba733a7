"""Credit notes racing on one invoice (STYLE: Transactions): lock the invoice, re-read what
is left, then issue. Deterministic on PostgreSQL (a transaction of the test holds the
invoice's row lock while the requests queue behind it); concurrent requests on both."""

from __future__ import annotations

import asyncio

from remit.runtime import Runtime
from tests.credit_notes.helpers import credit, invoice_of, issue
from tests.support import TenantApi, expect, while_held


class TestConcurrentNotes:
    async def test_two_notes_that_together_exceed_the_invoice_issue_one(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        invoice = await api.open_invoice()  # 100.00
        requests = [credit(api, invoice["id"], amount="60.00") for _ in range(2)]
        if backend == "postgresql":
            lock = "SELECT id FROM invoices WHERE id = :id FOR UPDATE"
            responses = await while_held(runtime, lock, {"id": invoice["id"]}, requests)
        else:
            responses = await asyncio.gather(*requests)
        assert sorted(r.status_code for r in responses) == [201, 422], [r.text for r in responses]
        refused = next(r for r in responses if r.status_code == 422)
        assert refused.json()["code"] == "credit_note_exceeds_invoice"
        after = await invoice_of(api, invoice["id"])
        assert (after["credited_amount"], after["amount_due"]) == ("60.00", "40.00")
        notes = expect(await api.get("/v1/credit_notes"), 200)["data"]
        assert [note["number"] for note in notes] == ["CN-0001"]
        assert (await issue(api, invoice["id"], amount="40.00"))["number"] == "CN-0002"

    async def test_many_concurrent_notes_never_credit_more_than_the_invoice(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        responses = await asyncio.gather(
            *(credit(api, invoice["id"], amount="30.00") for _ in range(8))
        )
        issued = [r.json() for r in responses if r.status_code == 201]
        refused = [r.json() for r in responses if r.status_code != 201]
        assert len(issued) == 3  # 3 × 30.00 fit in 100.00; a fourth would not
        assert {body["code"] for body in refused} == {"credit_note_exceeds_invoice"}
        assert sorted(note["number"] for note in issued) == ["CN-0001", "CN-0002", "CN-0003"]
        after = await invoice_of(api, invoice["id"])
        assert (after["credited_amount"], after["amount_due"]) == ("90.00", "10.00")
