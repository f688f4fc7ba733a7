"""Reading credit notes: by id, lists filtered by invoice, customer and creation time (the
generic suite covers cursors, scopes and tenants), the reads pages and PDFs use, and the
statements each costs."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from remit.credit_notes import service
from remit.runtime import Runtime
from tests.api.resources import list_all
from tests.credit_notes.helpers import MIXED_LINES, issue, line_ids
from tests.support import QueryCounter, TenantApi, acting_for, expect, params, problem


def ids(notes: list[dict[str, object]]) -> list[object]:
    return [note["id"] for note in notes]


class TestList:
    async def test_filtered_by_invoice_and_customer(self, api: TenantApi) -> None:
        first, second = await api.open_invoice(), await api.open_invoice()
        a = await issue(api, first["id"], amount="1.00")
        b = await issue(api, second["id"], amount="2.00")
        c = await issue(api, first["id"], amount="3.00")
        by_invoice = await list_all(api, "/v1/credit_notes", invoice=first["id"])
        assert ids(by_invoice) == [c["id"], a["id"]]
        by_customer = await list_all(api, "/v1/credit_notes", customer=second["customer"])
        assert ids(by_customer) == [b["id"]]
        assert await list_all(api, "/v1/credit_notes", invoice="inv_" + "0" * 26) == []

    async def test_filtered_by_creation_time(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        early = await issue(api, invoice["id"], amount="1.00")
        await asyncio.sleep(0.01)
        late = await issue(api, invoice["id"], amount="1.00")
        moment = datetime.fromisoformat(late["created_at"].replace("Z", "+00:00"))
        just_before = (moment - timedelta(milliseconds=1)).isoformat()
        path = "/v1/credit_notes"
        assert ids(await list_all(api, path, **{"created[gte]": late["created_at"]})) == [
            late["id"]
        ]
        assert ids(await list_all(api, path, **{"created[lte]": just_before})) == [early["id"]]
        assert ids(await list_all(api, path, **{"created[gt]": just_before})) == [late["id"]]
        assert ids(await list_all(api, path, **{"created[lt]": late["created_at"]})) == [
            early["id"]
        ]
        bad = await api.get(path, params={"created[gte]": "yesterday"})
        assert params(problem(bad, 400, "validation_error")) == {"created[gte]"}


class TestReadsForPagesAndDocuments:
    async def test_an_invoices_notes_oldest_first_void_ones_too(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await api.open_invoice()
        first = await issue(api, invoice["id"], amount="1.00")
        expect(await api.post(f"/v1/credit_notes/{first['id']}/void"), 200)
        second = await issue(api, invoice["id"], amount="2.00")
        async with acting_for(runtime, api.account_id) as ctx:
            notes = await service.credit_notes_of_invoice(ctx, invoice["id"])
            shown = [service.present(note, ctx.links).model_dump(mode="json") for note in notes]
            one = service.present(await service.get_credit_note(ctx, second["id"]), ctx.links)
        assert [(note["id"], note["status"]) for note in shown] == [
            (first["id"], "void"), (second["id"], "issued"),
        ]  # fmt: skip
        assert one.model_dump(mode="json") == second


class TestBudgets:
    async def test_issuing_a_note_of_many_lines(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        invoice = await api.open_invoice(lines=MIXED_LINES * 10)
        lines = [{"invoice_line": line, "quantity": "1"} for line in line_ids(invoice)]
        await issue(api, invoice["id"], amount="1.00")  # earlier notes are read too
        queries.reset()
        await issue(api, invoice["id"], lines=lines)
        # key, invoice (locked), its lines, no charge awaiting its outcome, earlier notes and
        # their lines, account, counter, note, its lines (one batch), subscribers, events (one
        # batch), invoice update
        assert queries.count <= 13, queries.statements

    async def test_a_list_does_not_grow_with_the_page(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        invoice = await api.open_invoice(lines=MIXED_LINES)
        for _ in range(12):
            await issue(api, invoice["id"], amount="0.10")
        counts = []
        for limit in (2, 12):
            queries.reset()
            expect(await api.get("/v1/credit_notes", params={"limit": limit}), 200)
            counts.append(queries.count)
        assert counts[0] == counts[1] <= 3, queries.statements  # key, page, lines
