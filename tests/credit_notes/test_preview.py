"""`GET /v1/credit_notes/preview`: the note the same parameters would issue, computed alone —
nothing written, no number taken."""

from __future__ import annotations

from typing import Any

from tests.credit_notes.helpers import MIXED_LINES, invoice_of, issue, line_ids, pay, preview
from tests.support import QueryCounter, TenantApi, expect, params, problem

# What only an issued note has.
ISSUED_ONLY = ("id", "number", "created_at", "updated_at", "hosted_url", "pdf_url")


def figures(note: dict[str, Any]) -> dict[str, Any]:
    shown = {key: value for key, value in note.items() if key not in ISSUED_ONLY}
    shown["lines"] = [{k: v for k, v in line.items() if k != "id"} for line in note["lines"]]
    return shown


class TestPreview:
    async def test_the_preview_is_the_note_that_would_be_issued(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=MIXED_LINES)
        await pay(api, invoice["id"], "100.00")
        hours, parts, _fee = line_ids(invoice)
        fields = {
            "lines": [{"invoice_line": hours, "quantity": "1"},
                      {"invoice_line": parts, "amount": "20.00"}],
            "reason": "order_change", "memo": "Less", "metadata": {"ticket": "42"},
        }  # fmt: skip
        shown = expect(await preview(api, invoice["id"], **fields), 200)
        assert (shown["id"], shown["number"]) == (None, None)
        assert [line["id"] for line in shown["lines"]] == [None, None]
        assert (shown["total"], shown["pre_payment_amount"], shown["credit_amount"]) == (
            "43.29", "29.04", "14.25",
        )  # fmt: skip  # 19.99 + 20.00 + 3.30 tax; 29.04 was left to pay
        issued = await issue(api, invoice["id"], **fields)
        assert figures(shown) == figures(issued)

    async def test_a_preview_writes_nothing_and_takes_no_number(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        invoice = await api.open_invoice()
        await issue(api, invoice["id"], amount="10.00")
        before = await invoice_of(api, invoice["id"])
        events = expect(await api.get("/v1/events"), 200)
        queries.reset()
        shown = expect(await preview(api, invoice["id"], amount="90.00"), 200)
        writes = [s for s in queries.statements
                  if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]  # fmt: skip
        assert writes == [] and shown["total"] == "90.00"
        assert await invoice_of(api, invoice["id"]) == before
        assert expect(await api.get("/v1/events"), 200) == events
        assert len(expect(await api.get("/v1/credit_notes"), 200)["data"]) == 1
        assert (await issue(api, invoice["id"], amount="90.00"))["number"] == "CN-0002"

    async def test_a_preview_refuses_what_the_issue_would(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        problem(await preview(api, invoice["id"], amount="100.01"), 422,
                "credit_note_exceeds_invoice")  # fmt: skip
        body = problem(await preview(api, invoice["id"], amount="1", refund_amount="1"), 422,
                       "credit_note_split_mismatch")  # fmt: skip
        assert params(body) == {"refund_amount"}
        closed = expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await preview(api, closed["id"], amount="1"), 409, "invoice_not_creditable")

    async def test_bad_parameters_are_named(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        path = "/v1/credit_notes/preview"
        bad_json = await api.get(path, params={"invoice": invoice["id"], "lines": "[{"})
        assert params(problem(bad_json, 400, "validation_error")) == {"lines"}
        missing = await api.get(path, params={"amount": "1.00"})
        assert params(problem(missing, 400, "validation_error")) == {"invoice"}
        wrong = await preview(api, invoice["id"], lines=[{"invoice_line": "il_x"}], amount="x")
        assert params(problem(wrong, 400, "validation_error")) == {"lines[0]", "amount"}
        problem(await preview(api, "inv_" + "0" * 26, amount="1"), 404, "resource_missing")

    async def test_a_preview_takes_the_read_scope(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        reader = await api.with_scopes("credit_notes:read")
        expect(await preview(reader, invoice["id"], amount="1.00"), 200)
        stranger = await api.with_scopes("invoices:read")
        problem(await preview(stranger, invoice["id"], amount="1.00"), 403, "insufficient_scope")
