"""`PATCH /v1/invoices/{id}` and `DELETE /v1/invoices/{id}` (SPEC §3.1): drafts only,
except metadata, which issued invoices still take."""

from __future__ import annotations

from tests.support import TenantApi, event_types, expect, problem
from tests.support import read_invoice as read


class TestUpdateDraft:
    async def test_lines_are_replaced_and_totals_recomputed(self, api: TenantApi) -> None:
        draft = await api.invoice()
        old_line_id = draft["lines"][0]["id"]
        updated = expect(
            await api.patch(
                f"/v1/invoices/{draft['id']}",
                {
                    "lines": [
                        {"description": "A", "quantity": "2", "unit_amount": "19.99"},
                        {"description": "B", "unit_amount": "5.00", "tax_rate": "20"},
                    ]
                },
            ),
            200,
        )
        assert [line["description"] for line in updated["lines"]] == ["A", "B"]
        assert old_line_id not in {line["id"] for line in updated["lines"]}
        assert (updated["subtotal"], updated["tax_amount"], updated["total"]) == (
            "44.98",
            "1.00",
            "45.98",
        )
        assert await read(api, draft["id"]) == updated

    async def test_only_the_fields_sent_change(self, api: TenantApi) -> None:
        draft = await api.invoice(description="First", po_number="PO-1")
        updated = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"description": "Second"}), 200
        )
        assert updated["description"] == "Second"
        assert updated["po_number"] == "PO-1"
        assert updated["lines"] == draft["lines"]
        assert updated["total"] == draft["total"]

    async def test_null_clears_a_field(self, api: TenantApi) -> None:
        draft = await api.invoice(po_number="PO-1", due_at="2030-01-01T00:00:00Z")
        updated = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"po_number": None, "due_at": None}),
            200,
        )
        assert (updated["po_number"], updated["due_at"]) == (None, None)

    async def test_currency_change_recomputes_at_the_new_exponent(self, api: TenantApi) -> None:
        draft = await api.invoice(lines=[{"quantity": "3", "unit_amount": "333.5"}])
        assert draft["total"] == "1000.50"
        updated = expect(await api.patch(f"/v1/invoices/{draft['id']}", {"currency": "jpy"}), 200)
        assert (updated["currency"], updated["total"]) == ("JPY", "1001")
        assert updated["lines"][0]["unit_amount"] == "333.5"

    async def test_currency_change_refused_when_a_discount_does_not_fit(
        self, api: TenantApi
    ) -> None:
        draft = await api.invoice(lines=[{"unit_amount": "10.00", "discount_amount": "1.50"}])
        response = await api.patch(f"/v1/invoices/{draft['id']}", {"currency": "JPY"})
        body = problem(response, 422, "amount_too_precise")
        assert {e["param"] for e in body["errors"]} == {"lines[0].discount_amount"}
        assert await read(api, draft["id"]) == draft

    async def test_customer_can_be_changed_on_a_draft(self, api: TenantApi) -> None:
        draft = await api.invoice()
        other = await api.customer(email="other@example.com")
        updated = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"customer": other["id"]}), 200
        )
        assert updated["customer"] == other["id"]

    async def test_customer_of_another_account_is_404_and_nothing_changes(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        draft = await api.invoice()
        theirs = await other_api.customer()
        response = await api.patch(
            f"/v1/invoices/{draft['id']}", {"customer": theirs["id"], "po_number": "X"}
        )
        problem(response, 404, "resource_missing")
        assert await read(api, draft["id"]) == draft

    async def test_bad_lines_are_refused_and_nothing_changes(self, api: TenantApi) -> None:
        draft = await api.invoice()
        response = await api.patch(
            f"/v1/invoices/{draft['id']}",
            {"description": "changed", "lines": [{"quantity": "0", "unit_amount": "1"}]},
        )
        body = problem(response, 400, "validation_error")
        assert {e["param"] for e in body["errors"]} == {"lines[0].quantity"}
        assert await read(api, draft["id"]) == draft

    async def test_writes_invoice_updated_and_moves_updated_at(self, api: TenantApi) -> None:
        draft = await api.invoice()
        updated = expect(await api.patch(f"/v1/invoices/{draft['id']}", {"po_number": "P"}), 200)
        assert updated["updated_at"] >= draft["updated_at"]
        assert updated["created_at"] == draft["created_at"]
        assert "invoice.updated" in await event_types(api, draft["id"])

    async def test_unknown_invoice_is_404(self, api: TenantApi) -> None:
        response = await api.patch("/v1/invoices/inv_" + "0" * 26, {"po_number": "P"})
        problem(response, 404, "resource_missing")

    async def test_another_accounts_invoice_is_404_and_unchanged(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.invoice()
        response = await api.patch(f"/v1/invoices/{theirs['id']}", {"metadata": {"x": "1"}})
        problem(response, 404, "resource_missing")
        assert expect(await other_api.get(f"/v1/invoices/{theirs['id']}"), 200) == theirs

    async def test_malformed_json_is_400_and_nothing_changes(self, api: TenantApi) -> None:
        draft = await api.invoice()
        for raw in (b'{"lines": [', b"{", b'{"po_number": "x"'):
            response = await api.patch(f"/v1/invoices/{draft['id']}", content=raw)
            problem(response, 400, "malformed_json")
        assert await read(api, draft["id"]) == draft

    async def test_unknown_fields_are_refused(self, api: TenantApi) -> None:
        draft = await api.invoice()
        body = problem(
            await api.patch(f"/v1/invoices/{draft['id']}", {"status": "open"}),
            400,
            "validation_error",
        )
        assert body["errors"][0]["param"] == "status"
        assert (await read(api, draft["id"]))["status"] == "draft"

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        draft = await api.invoice()
        reader = await api.with_scopes("invoices:read")
        response = await reader.patch(f"/v1/invoices/{draft['id']}", {"po_number": "P"})
        problem(response, 403, "insufficient_scope")
        assert await read(api, draft["id"]) == draft


class TestUpdateMetadata:
    async def test_metadata_merges_and_null_removes_a_key(self, api: TenantApi) -> None:
        draft = await api.invoice(metadata={"keep": "1", "drop": "2", "change": "3"})
        updated = expect(
            await api.patch(
                f"/v1/invoices/{draft['id']}",
                {"metadata": {"drop": None, "change": "new", "add": 4}},
            ),
            200,
        )
        assert updated["metadata"] == {"keep": "1", "change": "new", "add": 4}

    async def test_issued_invoices_take_metadata_only(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(metadata={"a": "1"})
        updated = expect(
            await api.patch(f"/v1/invoices/{invoice['id']}", {"metadata": {"b": "2"}}), 200
        )
        assert updated["metadata"] == {"a": "1", "b": "2"}
        assert updated["status"] == "open"
        assert (updated["number"], updated["total"]) == (invoice["number"], invoice["total"])
        assert "invoice.updated" in await event_types(api, invoice["id"])

    async def test_metadata_on_a_voided_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        updated = expect(
            await api.patch(f"/v1/invoices/{invoice['id']}", {"metadata": {"note": "x"}}), 200
        )
        assert (updated["status"], updated["metadata"]) == ("void", {"note": "x"})

    async def test_too_many_keys_are_refused(self, api: TenantApi) -> None:
        draft = await api.invoice(metadata={f"k{i}": "v" for i in range(50)})
        response = await api.patch(
            f"/v1/invoices/{draft['id']}", {"metadata": {f"x{i}": "v" for i in range(51)}}
        )
        problem(response, 400, "validation_error")
        assert await read(api, draft["id"]) == draft


class TestUpdateIssued:
    async def test_lines_of_an_open_invoice_are_refused_409(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        response = await api.patch(
            f"/v1/invoices/{invoice['id']}", {"lines": [{"unit_amount": "1.00"}]}
        )
        body = problem(response, 409, "invoice_not_draft")
        assert invoice["id"] in body["detail"]
        assert await read(api, invoice["id"]) == invoice

    async def test_refused_change_does_not_apply_the_metadata_sent_with_it(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice(metadata={"a": "1"})
        response = await api.patch(
            f"/v1/invoices/{invoice['id']}", {"po_number": "X", "metadata": {"a": "2"}}
        )
        problem(response, 409, "invoice_not_draft")
        assert await read(api, invoice["id"]) == invoice
        assert "invoice.updated" not in await event_types(api, invoice["id"])

    async def test_paid_invoice_fields_are_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"}), 201)
        response = await api.patch(f"/v1/invoices/{invoice['id']}", {"description": "late"})
        problem(response, 409, "invoice_not_draft")
        assert (await read(api, invoice["id"]))["description"] is None


class TestDelete:
    async def test_draft_is_deleted(self, api: TenantApi) -> None:
        draft = await api.invoice()
        response = await api.delete(f"/v1/invoices/{draft['id']}")
        assert response.status_code == 204
        assert response.content == b""
        problem(await api.get(f"/v1/invoices/{draft['id']}"), 404, "resource_missing")
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_writes_invoice_deleted(self, api: TenantApi) -> None:
        draft = await api.invoice()
        expect(await api.delete(f"/v1/invoices/{draft['id']}"), 204)
        listed = expect(
            await api.get(
                "/v1/events", params={"type": "invoice.deleted", "related_object": draft["id"]}
            ),
            200,
        )
        [event] = listed["data"]
        assert event["data"]["object"]["id"] == draft["id"]

    async def test_deleting_twice_is_404(self, api: TenantApi) -> None:
        draft = await api.invoice()
        expect(await api.delete(f"/v1/invoices/{draft['id']}"), 204)
        problem(await api.delete(f"/v1/invoices/{draft['id']}"), 404, "resource_missing")

    async def test_open_invoice_cannot_be_deleted(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        problem(await api.delete(f"/v1/invoices/{invoice['id']}"), 409, "invoice_not_draft")
        assert await read(api, invoice["id"]) == invoice

    async def test_void_invoice_cannot_be_deleted(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        voided = expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await api.delete(f"/v1/invoices/{invoice['id']}"), 409, "invoice_not_draft")
        assert await read(api, invoice["id"]) == voided

    async def test_deleting_a_draft_leaves_no_gap_in_numbers(self, api: TenantApi) -> None:
        first = await api.open_invoice()
        draft = await api.invoice()
        expect(await api.delete(f"/v1/invoices/{draft['id']}"), 204)
        second = await api.open_invoice()
        assert (first["number"], second["number"]) == ("#0001", "#0002")

    async def test_handle_is_free_again_after_deletion(self, api: TenantApi) -> None:
        draft = await api.invoice(handle="order-9")
        expect(await api.delete(f"/v1/invoices/{draft['id']}"), 204)
        assert (await api.invoice(handle="order-9"))["handle"] == "order-9"

    async def test_another_accounts_draft_is_404_and_kept(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.invoice()
        problem(await api.delete(f"/v1/invoices/{theirs['id']}"), 404, "resource_missing")
        expect(await other_api.get(f"/v1/invoices/{theirs['id']}"), 200)

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        draft = await api.invoice()
        reader = await api.with_scopes("invoices:read")
        problem(await reader.delete(f"/v1/invoices/{draft['id']}"), 403, "insufficient_scope")
        expect(await api.get(f"/v1/invoices/{draft['id']}"), 200)
