"""`POST /v1/invoices` (SPEC §3, §4): drafts, customers, currencies, lines and refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from tests.support import TenantApi, expect, params

LINE = {"description": "Work", "quantity": "1", "unit_amount": "100.00"}


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The problem+json body, after checking status, media type and code."""
    body = expect(response, status)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["code"] == code, body
    assert {"type", "title", "status", "detail", "code"} <= body.keys()
    assert body["status"] == status
    return body


async def events_of(api: TenantApi, object_id: str) -> list[str]:
    listed = expect(await api.get("/v1/events", params={"related_object": object_id}), 200)
    return [event["type"] for event in listed["data"]]


class TestCreateDraft:
    async def test_draft_by_default_with_the_documented_fields(self, api: TenantApi) -> None:
        customer = await api.customer()
        response = await api.post("/v1/invoices", {"customer": customer["id"], "lines": [LINE]})
        invoice = expect(response, 201)
        assert invoice["id"].startswith("inv_")
        assert invoice["object"] == "invoice"
        assert invoice["status"] == "draft"
        assert invoice["number"] is None  # numbers are given at finalization only
        assert invoice["customer"] == customer["id"]
        assert invoice["currency"] == "USD"  # the account's default
        assert invoice["collection_method"] == "charge_automatically"
        assert invoice["public_token"] is None
        assert invoice["finalized_at"] is None and invoice["paid_at"] is None
        assert (invoice["subtotal"], invoice["tax_amount"], invoice["total"]) == (
            "100.00",
            "0.00",
            "100.00",
        )
        assert (invoice["amount_due"], invoice["amount_paid"], invoice["amount_remaining"]) == (
            "100.00",
            "0.00",
            "100.00",
        )
        [line] = invoice["lines"]
        assert line["id"].startswith("il_")
        assert (line["description"], line["quantity"], line["unit_amount"], line["amount"]) == (
            "Work",
            "1",
            "100.00",
            "100.00",
        )
        assert (line["tax_rate"], line["tax_inclusive"]) == ("0", False)

    async def test_created_invoice_reads_back_the_same(self, api: TenantApi) -> None:
        invoice = await api.invoice(metadata={"order": "A-1"}, po_number="PO-7")
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice

    async def test_a_draft_may_have_no_lines_yet(self, api: TenantApi) -> None:
        invoice = await api.invoice(lines=[])
        assert invoice["lines"] == []
        assert (invoice["total"], invoice["amount_due"]) == ("0.00", "0.00")

    async def test_writes_an_invoice_created_event(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        listed = expect(
            await api.get(
                "/v1/events", params={"type": "invoice.created", "related_object": invoice["id"]}
            ),
            200,
        )
        [event] = listed["data"]
        assert event["data"]["object"]["id"] == invoice["id"]
        assert event["data"]["object"]["status"] == "draft"

    async def test_optional_fields_are_kept(self, api: TenantApi) -> None:
        due = (datetime.now().astimezone() + timedelta(days=9)).replace(microsecond=0)
        address = {"line1": "1 Main St", "city": "Springfield", "country": "US"}
        invoice = await api.invoice(
            collection_method="send_invoice",
            description="Consulting — März ✓",
            statement_descriptor="REMIT*TEST",
            billing_address=address,
            shipping_address=address,
            cost_center="R&D",
            po_number="PO-1",
            due_at=due.isoformat(),
            metadata={"a": "1", "n": 2, "yes": True},
        )
        assert invoice["collection_method"] == "send_invoice"
        assert invoice["description"] == "Consulting — März ✓"
        assert invoice["billing_address"] == address == invoice["shipping_address"]
        assert invoice["cost_center"] == "R&D" and invoice["po_number"] == "PO-1"
        assert datetime.fromisoformat(invoice["due_at"]) == due
        assert invoice["metadata"] == {"a": "1", "n": 2, "yes": True}

    async def test_days_until_due_is_kept_on_the_draft(self, api: TenantApi) -> None:
        invoice = await api.invoice(collection_method="send_invoice", days_until_due=14)
        assert invoice["days_until_due"] == 14
        assert invoice["due_at"] is None  # counted from finalization


class TestCreateCustomer:
    async def test_inline_customer_is_created(self, api: TenantApi) -> None:
        invoice = await api.invoice(customer={"email": "new@example.com", "name": "New Buyer"})
        customer = expect(await api.get(f"/v1/customers/{invoice['customer']}"), 200)
        assert (customer["email"], customer["name"]) == ("new@example.com", "New Buyer")
        assert "customer.created" in await events_of(api, customer["id"])

    async def test_inline_customer_reuses_the_one_with_that_email(self, api: TenantApi) -> None:
        existing = await api.customer(email="known@example.com", name="Known")
        invoice = await api.invoice(customer={"email": "known@example.com", "name": "Other"})
        assert invoice["customer"] == existing["id"]
        listed = expect(await api.get("/v1/customers", params={"email": "known@example.com"}), 200)
        assert [c["id"] for c in listed["data"]] == [existing["id"]]

    async def test_inline_customer_of_another_account_is_not_reused(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer(email="shared@example.com")
        invoice = await api.invoice(customer={"email": "shared@example.com"})
        assert invoice["customer"] != theirs["id"]

    async def test_unknown_customer_is_404_naming_the_parameter(self, api: TenantApi) -> None:
        response = await api.post("/v1/invoices", {"customer": "cus_" + "0" * 26, "lines": [LINE]})
        body = problem(response, 404, "resource_missing")
        assert params(body) == {"customer"}

    async def test_another_accounts_customer_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer()
        response = await api.post("/v1/invoices", {"customer": theirs["id"], "lines": [LINE]})
        problem(response, 404, "resource_missing")
        listed = expect(await api.get("/v1/invoices"), 200)
        assert listed["data"] == []

    async def test_deleted_customer_is_404(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await api.delete(f"/v1/customers/{customer['id']}"), 204)
        response = await api.post("/v1/invoices", {"customer": customer["id"], "lines": [LINE]})
        problem(response, 404, "resource_missing")

    async def test_customer_is_required(self, api: TenantApi) -> None:
        body = problem(await api.post("/v1/invoices", {"lines": [LINE]}), 400, "validation_error")
        assert params(body) == {"customer"}

    async def test_customer_of_the_wrong_type_is_refused(self, api: TenantApi) -> None:
        body = problem(
            await api.post("/v1/invoices", {"customer": 12, "lines": [LINE]}),
            400,
            "validation_error",
        )
        assert params(body) == {"customer"}

    async def test_inline_customer_needs_a_valid_email(self, api: TenantApi) -> None:
        body = problem(
            await api.post("/v1/invoices", {"customer": {"email": "nope"}, "lines": [LINE]}),
            400,
            "validation_error",
        )
        assert params(body) == {"customer.email"}


class TestCreateCurrency:
    async def test_currency_code_is_normalized(self, api: TenantApi) -> None:
        invoice = await api.invoice(currency="eur")
        assert invoice["currency"] == "EUR"

    async def test_unknown_currency_is_400_invalid_currency(self, api: TenantApi) -> None:
        customer = await api.customer()
        response = await api.post(
            "/v1/invoices", {"customer": customer["id"], "currency": "XYZ", "lines": [LINE]}
        )
        body = problem(response, 400, "invalid_currency")
        assert params(body) == {"currency"}

    async def test_jpy_amounts_have_no_decimals(self, api: TenantApi) -> None:
        invoice = await api.invoice(currency="JPY", lines=[{"unit_amount": "1000"}])
        assert (invoice["lines"][0]["amount"], invoice["total"]) == ("1000", "1000")

    async def test_usdc_amounts_have_six_places(self, api: TenantApi) -> None:
        invoice = await api.invoice(currency="USDC", lines=[{"unit_amount": 49}])
        assert (invoice["lines"][0]["unit_amount"], invoice["total"]) == ("49.000000", "49.000000")

    async def test_account_default_currency_applies(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"default_currency": "GBP"}), 200)
        assert (await api.invoice())["currency"] == "GBP"


class TestCreateLines:
    async def test_totals_follow_the_lines(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            lines=[
                {"quantity": "2", "unit_amount": "10.00", "tax_rate": "10"},
                {"unit_amount": "5.00", "discount_percent": "50"},
                {"unit_amount": "20.00", "discount_amount": "1.25", "tax_rate": "10"},
            ]
        )
        assert [(line["amount"], line["discount_amount"]) for line in invoice["lines"]] == [
            ("20.00", "0.00"),
            ("5.00", "2.50"),
            ("20.00", "1.25"),
        ]
        # 10 %: (20.00 + 20.00 − 1.25) × 10 % = 3.875 → 3.88
        assert (invoice["subtotal"], invoice["discount_amount"]) == ("45.00", "3.75")
        assert (invoice["tax_amount"], invoice["total"]) == ("3.88", "45.13")
        assert {(g["tax_rate"], g["amount"]) for g in invoice["tax_breakdown"]} == {
            ("0", "0.00"),
            ("10", "3.88"),
        }

    async def test_line_defaults(self, api: TenantApi) -> None:
        invoice = await api.invoice(lines=[{"unit_amount": "3.50"}])
        [line] = invoice["lines"]
        assert (line["quantity"], line["tax_rate"], line["tax_inclusive"]) == ("1", "0", False)
        assert (line["description"], line["discount_percent"], line["metadata"]) == (None, None, {})

    async def test_lines_keep_their_order_and_metadata(self, api: TenantApi) -> None:
        lines = [
            {"description": f"Item {i}", "unit_amount": f"{i}.00", "metadata": {"i": i}}
            for i in range(1, 6)
        ]
        invoice = await api.invoice(lines=lines)
        assert [line["description"] for line in invoice["lines"]] == [
            f"Item {i}" for i in range(1, 6)
        ]
        assert [line["metadata"] for line in invoice["lines"]] == [{"i": i} for i in range(1, 6)]

    async def test_credit_lines_may_be_negative(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            lines=[{"unit_amount": "100.00"}, {"description": "Credit", "unit_amount": "-30.00"}]
        )
        assert invoice["total"] == "70.00"

    async def test_json_numbers_are_read_exactly_not_as_floats(self, api: TenantApi) -> None:
        customer = await api.customer()
        raw = (
            f'{{"customer": "{customer["id"]}", "lines": [{{"quantity": 3, "unit_amount": 0.1}},'
            ' {"quantity": 1, "unit_amount": 0.2}]}'
        )
        invoice = expect(await api.post("/v1/invoices", content=raw), 201)
        assert invoice["total"] == "0.50"
        assert [line["unit_amount"] for line in invoice["lines"]] == ["0.10", "0.20"]

    async def test_unicode_text_round_trips(self, api: TenantApi) -> None:
        text = "Beratung 🧾 — 請求書 — ﷽ — e\u0301"
        invoice = await api.invoice(lines=[{"description": text, "unit_amount": "1.00"}])
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert again["lines"][0]["description"] == text

    async def test_a_thousand_lines_are_accepted(self, api: TenantApi) -> None:
        lines = [{"unit_amount": "0.01"} for _ in range(1000)]
        invoice = await api.invoice(lines=lines)
        assert len(invoice["lines"]) == 1000
        assert invoice["total"] == "10.00"

    async def test_more_than_a_thousand_lines_are_refused(self, api: TenantApi) -> None:
        customer = await api.customer()
        lines = [{"unit_amount": "0.01"} for _ in range(1001)]
        response = await api.post("/v1/invoices", {"customer": customer["id"], "lines": lines})
        body = problem(response, 400, "validation_error")
        assert params(body) == {"lines"}


class TestCreateRefusals:
    async def _post(self, api: TenantApi, **fields: Any) -> httpx.Response:
        fields.setdefault("customer", (await api.customer())["id"])
        fields.setdefault("lines", [LINE])
        return await api.post("/v1/invoices", fields)

    async def test_every_bad_field_is_listed_at_once(self, api: TenantApi) -> None:
        response = await self._post(
            api,
            currency=5,
            collection_method="by_pigeon",
            lines=[
                {"quantity": "-1", "unit_amount": "1.00"},
                {"unit_amount": "abc"},
                {"unit_amount": "1.00", "tax_rate": "101"},
            ],
            days_until_due=-1,
            surprise=True,
        )
        body = problem(response, 400, "validation_error")
        assert params(body) == {
            "currency",
            "collection_method",
            "lines[0].quantity",
            "lines[1].unit_amount",
            "lines[2].tax_rate",
            "days_until_due",
            "surprise",
        }
        assert all(error["message"] and error["code"] for error in body["errors"])

    async def test_paid_on_create_is_refused_with_its_own_code(self, api: TenantApi) -> None:
        body = problem(await self._post(api, status="paid"), 400, "invoice_paid_on_create")
        assert params(body) == {"status"}
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_unknown_status_is_refused(self, api: TenantApi) -> None:
        problem(await self._post(api, status="void"), 400, "validation_error")

    async def test_zero_and_negative_quantities_are_refused(self, api: TenantApi) -> None:
        response = await self._post(
            api, lines=[{"quantity": "0", "unit_amount": "1"}, {"quantity": -2, "unit_amount": 1}]
        )
        body = problem(response, 400, "validation_error")
        assert params(body) == {"lines[0].quantity", "lines[1].quantity"}

    async def test_both_discount_kinds_on_one_line_are_refused(self, api: TenantApi) -> None:
        response = await self._post(
            api,
            lines=[{"unit_amount": "10.00", "discount_percent": "5", "discount_amount": "1.00"}],
        )
        problem(response, 400, "validation_error")

    async def test_a_discount_above_the_line_amount_is_refused(self, api: TenantApi) -> None:
        response = await self._post(
            api, lines=[{"unit_amount": "10.00"}, {"unit_amount": "5.00", "discount_amount": "6"}]
        )
        body = problem(response, 400, "validation_error")
        assert params(body) == {"lines[1].discount_amount"}

    async def test_a_discount_amount_finer_than_the_currency_is_422(self, api: TenantApi) -> None:
        response = await self._post(
            api, lines=[{"unit_amount": "10.00", "discount_amount": "1.005"}]
        )
        body = problem(response, 422, "amount_too_precise")
        assert params(body) == {"lines[0].discount_amount"}

    async def test_due_at_and_days_until_due_together_are_refused(self, api: TenantApi) -> None:
        response = await self._post(api, due_at="2030-01-01T00:00:00Z", days_until_due=10)
        problem(response, 400, "validation_error")

    async def test_charge_at_needs_automatic_collection(self, api: TenantApi) -> None:
        response = await self._post(
            api, collection_method="send_invoice", charge_at="2030-01-01T00:00:00Z"
        )
        body = problem(response, 422, "invalid_invoice")
        assert params(body) == {"charge_at"}

    async def test_bad_timestamps_and_metadata_are_refused(self, api: TenantApi) -> None:
        response = await self._post(
            api, due_at="next tuesday", metadata={"k" * 41: "v", "ok": "x" * 501}
        )
        body = problem(response, 400, "validation_error")
        assert params(body) == {"due_at", "metadata"}

    async def test_malformed_json_is_400(self, api: TenantApi) -> None:
        for raw in (b'{"customer": ', b"\xff\xfe", b'{"lines": [NaN]}', b"[" * 5000):
            problem(await api.post("/v1/invoices", content=raw), 400, "malformed_json")

    async def test_a_body_that_is_not_an_object_is_400(self, api: TenantApi) -> None:
        problem(await api.post("/v1/invoices", content=b"[1, 2]"), 400, "validation_error")

    async def test_handle_must_match_the_pattern(self, api: TenantApi) -> None:
        body = problem(await self._post(api, handle="has space"), 400, "validation_error")
        assert params(body) == {"handle"}


class TestCreateHandle:
    async def test_handle_is_kept(self, api: TenantApi) -> None:
        invoice = await api.invoice(handle="order-1001")
        assert invoice["handle"] == "order-1001"

    async def test_second_invoice_with_the_handle_is_409(self, api: TenantApi) -> None:
        first = await api.invoice(handle="order-1001")
        customer = await api.customer()
        response = await api.post(
            "/v1/invoices", {"customer": customer["id"], "handle": "order-1001", "lines": [LINE]}
        )
        body = problem(response, 409, "duplicate_handle")
        assert params(body) == {"handle"}
        listed = expect(await api.get("/v1/invoices"), 200)
        assert [invoice["id"] for invoice in listed["data"]] == [first["id"]]

    async def test_handles_are_per_account(self, api: TenantApi, other_api: TenantApi) -> None:
        await other_api.invoice(handle="order-1")
        assert (await api.invoice(handle="order-1"))["handle"] == "order-1"


class TestCreateOpen:
    async def test_status_open_finalizes_at_once(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        assert invoice["status"] == "open"
        assert invoice["number"] == "#0001"
        assert invoice["finalized_at"] is not None
        assert invoice["public_token"]
        assert await events_of(api, invoice["id"]) == ["invoice.finalized", "invoice.created"]

    async def test_open_with_a_negative_total_is_refused_and_nothing_is_kept(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer()
        response = await api.post(
            "/v1/invoices",
            {"customer": customer["id"], "status": "open", "lines": [{"unit_amount": "-1.00"}]},
        )
        problem(response, 422, "invalid_invoice")
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []
        # no number was used up
        assert (await api.open_invoice())["number"] == "#0001"


class TestCreateAccess:
    async def test_without_a_key_is_401(self, api: TenantApi, raw_api) -> None:
        response = await raw_api.post("/v1/invoices", {"customer": "x", "lines": [LINE]})
        problem(response, 401, "unauthorized")

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        reader = await api.with_scopes("invoices:read")
        customer = await api.customer()
        response = await reader.post("/v1/invoices", {"customer": customer["id"], "lines": [LINE]})
        problem(response, 403, "insufficient_scope")
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_a_write_key_needs_no_customers_scope_for_an_existing_customer(
        self, api: TenantApi
    ) -> None:
        writer = await api.with_scopes("invoices:write")
        customer = await api.customer()
        response = await writer.post("/v1/invoices", {"customer": customer["id"], "lines": [LINE]})
        assert Decimal(expect(response, 201)["total"]) == Decimal(100)

    async def test_an_inline_customer_needs_customers_write(self, api: TenantApi) -> None:
        writer = await api.with_scopes("invoices:write")
        body = {"customer": {"email": "sneaky@example.com"}, "lines": [LINE]}
        refused = problem(await writer.post("/v1/invoices", body), 403, "insufficient_scope")
        assert refused["required_scope"] == "customers:write"
        assert expect(await api.get("/v1/customers"), 200)["data"] == []
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_an_inline_customer_that_exists_needs_customers_write_too(
        self, api: TenantApi
    ) -> None:
        """Else the answer would tell a key without the scope which addresses are customers."""
        await api.customer(email="known@example.com")
        writer = await api.with_scopes("invoices:write")
        body = {"customer": {"email": "known@example.com", "name": "Renamed"}, "lines": [LINE]}
        problem(await writer.post("/v1/invoices", body), 403, "insufficient_scope")
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_customers_write_as_well_creates_the_inline_customer(
        self, api: TenantApi
    ) -> None:
        writer = await api.with_scopes("invoices:write", "customers:write")
        body = {"customer": {"email": "new@example.com"}, "lines": [LINE]}
        invoice = expect(await writer.post("/v1/invoices", body), 201)
        customer = expect(await api.get(f"/v1/customers/{invoice['customer']}"), 200)
        assert customer["email"] == "new@example.com"

    async def test_invoice_of_another_account_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.invoice()
        problem(await api.get(f"/v1/invoices/{theirs['id']}"), 404, "resource_missing")
