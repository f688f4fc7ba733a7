"""Reepay's invoice API over remit, in process: auth, errors, shapes, VAT, flows, lists."""

from __future__ import annotations

from typing import Any

from tests.dialects.reepay.client import (
    ReepayApi,
    basic,
    error,
    invoice_body,
    issue_private_key,
    ok,
)
from tests.support import QueryCounter, TenantApi, expect, issue_key

CASH = {"method": "cash", "payment_date": "2026-12-01"}


async def _pending(reepay: ReepayApi, handle: str = "inv-1", **fields: Any) -> dict[str, Any]:
    await reepay.customer()
    return await reepay.invoice("ada", handle, **fields)


class TestAuthentication:
    async def test_no_credentials_is_401_code_6(self, reepay: ReepayApi) -> None:
        response = await reepay.http.get("/reepay/v1/customer/ada")
        body = error(response, 401, 6)
        assert body["path"] == "/v1/customer/ada" and body["http_reason"] == "Unauthorized"
        assert response.headers["www-authenticate"].startswith("Basic")

    async def test_an_unknown_key_a_password_or_a_remit_key_are_refused(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        for headers in (basic("priv_01m8t7wm96bf43sv4kcsgcqxwg_x"),
                        basic(reepay.private_key, "secret"), basic(api.key),
                        {"Authorization": f"Bearer {reepay.private_key}"}):  # fmt: skip
            response = await reepay.http.get("/reepay/v1/customer/ada", headers=headers)
            error(response, 401, 6)

    async def test_the_private_key_is_not_a_remit_bearer_key(self, reepay: ReepayApi) -> None:
        headers = {"Authorization": f"Bearer {reepay.private_key}"}
        assert (await reepay.http.get("/v1/customers", headers=headers)).status_code == 401

    async def test_a_key_without_the_scope_is_403_code_7(self, api: TenantApi) -> None:
        assert api.runtime is not None
        key = await issue_private_key(api.runtime, api.account_id, ["customers:read"])
        narrow = ReepayApi(api.http, key)
        error(await narrow.post("/v1/customer", {"handle": "x"}), 403, 7)

    async def test_an_unknown_route_is_404_code_8(self, reepay: ReepayApi) -> None:
        error(await reepay.get("/v1/subscription/abc"), 404, 8)

    async def test_a_body_that_is_not_json_is_code_1(self, reepay: ReepayApi) -> None:
        response = await reepay.http.post(
            "/reepay/v1/customer", content=b"{nope", headers=basic(reepay.private_key)
        )
        error(response, 400, 1)


class TestCustomers:
    async def test_create_and_get_by_handle(self, reepay: ReepayApi) -> None:
        created = await reepay.customer("ada-1", last_name="Lovelace", vat="DK123", city="Aarhus")
        assert (created["handle"], created["email"]) == ("ada-1", "ada-1@example.com")
        assert (created["first_name"], created["last_name"]) == ("Ada", "Lovelace")
        found = ok(await reepay.get("/v1/customer/ada-1"))
        assert found == created and found["vat"] == "DK123" and found["city"] == "Aarhus"

    async def test_generate_handle_numbers_customers(self, reepay: ReepayApi) -> None:
        first = ok(await reepay.post("/v1/customer", {"generate_handle": True}))
        second = ok(await reepay.post("/v1/customer", {"generate_handle": True}))
        assert (first["handle"], second["handle"]) == ("cust-1", "cust-2")

    async def test_a_duplicate_handle_is_code_11(self, reepay: ReepayApi) -> None:
        await reepay.customer("ada")
        error(await reepay.post("/v1/customer", {"handle": "ada"}), 400, 11)

    async def test_a_missing_handle_is_code_1_and_an_unknown_one_code_9(
        self, reepay: ReepayApi
    ) -> None:
        error(await reepay.post("/v1/customer", {"email": "a@example.com"}), 400, 1)
        error(await reepay.get("/v1/customer/nobody"), 404, 9)

    async def test_cards_are_ca_ids(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        card = await reepay.card("ada")
        assert card.startswith("ca_")
        listed = ok(await reepay.get("/v1/customer/ada/payment_method"))
        assert [item["id"] for item in listed["cards"]] == [card]
        error(await reepay.post("/v1/customer/ada/payment_method", {"source": "4242"}), 400, 1)


class TestCreateInvoiceErrors:
    """The seed's error table: 9/404, 11/400, 76/400, 40/404."""

    async def test_an_unknown_customer_is_404_code_9(self, reepay: ReepayApi) -> None:
        response = await reepay.post("/v1/customer/nobody/invoice", invoice_body("inv-1"))
        assert error(response, 404, 9)["error"] == "Customer not found"

    async def test_a_duplicate_handle_is_400_code_11(self, reepay: ReepayApi) -> None:
        await _pending(reepay, "inv-1")
        response = await reepay.post("/v1/customer/ada/invoice", invoice_body("inv-1"))
        assert error(response, 400, 11)["error"] == "Duplicate handle"

    async def test_settle_without_a_payment_method_is_400_code_76(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for settle in ({}, {"payment_method": "auto"}):
            body = invoice_body("inv-1", settle=settle)
            response = await reepay.post("/v1/customer/ada/invoice", body)
            assert error(response, 400, 76)["error"].startswith("Payment method not provided")
        error(await reepay.get("/v1/invoice/inv-1"), 404, 31)  # nothing was created

    async def test_an_unknown_payment_method_is_404_code_40(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        await reepay.customer("bob")
        bobs = await reepay.card("bob")
        for method in ("ca_01m8t7wm96bf43sv4kcsgcqxwg", bobs, "pm_x"):
            body = invoice_body("inv-1", settle={"payment_method": method})
            response = await reepay.post("/v1/customer/ada/invoice", body)
            assert error(response, 404, 40)["error"] == "Payment method not found"

    async def test_bad_handles_are_code_1(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for handle in ("", "a b", "x" * 256, "inv/1", None):
            body = invoice_body("inv-1") | {"handle": handle}
            error(await reepay.post("/v1/customer/ada/invoice", body), 400, 1)
        ok(await reepay.post("/v1/customer/ada/invoice", invoice_body("a.B-9_@x")))

    async def test_order_lines_are_1_to_100(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for lines, code in (([], 54), (None, 54), ([{"ordertext": "x", "amount": 1}] * 101, 1)):
            body = invoice_body("inv-1") | {"order_lines": lines}
            error(await reepay.post("/v1/customer/ada/invoice", body), 400, code)
        lines = [{"ordertext": f"l{i}", "amount": 1} for i in range(100)]
        assert len(ok(await reepay.post("/v1/customer/ada/invoice", invoice_body("inv-1") | {
            "order_lines": lines}))["order_lines"]) == 100  # fmt: skip

    async def test_bad_order_lines_are_code_1(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for line in ({"amount": 100}, {"ordertext": "x"}, {"ordertext": "x", "amount": 1.5},
                     {"ordertext": "x", "amount": 1, "vat": 25},
                     {"ordertext": "x", "amount": 1, "quantity": 0},
                     {"ordertext": "x", "amount": 1, "amount_incl_vat": "yes"}, "x"):  # fmt: skip
            body = invoice_body("inv-1") | {"order_lines": [line]}
            error(await reepay.post("/v1/customer/ada/invoice", body), 400, 1)

    async def test_zero_and_negative_amounts_are_codes_145_and_146(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for amount, code in ((0, 145), (-100, 146)):
            body = invoice_body("inv-1") | {"order_lines": [{"ordertext": "x", "amount": amount}]}
            error(await reepay.post("/v1/customer/ada/invoice", body), 400, code)

    async def test_settle_and_manual_transfer_together_are_code_1(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        body = invoice_body("inv-1", settle={}, manual_transfer=CASH)
        error(await reepay.post("/v1/customer/ada/invoice", body), 400, 1)

    async def test_unknown_currency_and_bad_metadata_are_code_1(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        for extra in ({"currency": "XXQ"}, {"metadata": "x"}, {"metadata": {"k" * 41: 1}}):
            error(await reepay.post("/v1/customer/ada/invoice", invoice_body("i", **extra)), 400, 1)


class TestInvoiceObject:
    async def test_a_new_invoice_is_pending_in_minor_units(self, reepay: ReepayApi) -> None:
        invoice = await _pending(reepay, metadata={"order": "A1"})
        assert (invoice["state"], invoice["type"], invoice["handle"]) == ("pending", "co", "inv-1")
        assert invoice["customer"] == "ada" and invoice["currency"] == "DKK"
        assert invoice["number"] == 1 and invoice["transactions"] == []
        # 2 × 100.00 DKK including 25 % VAT: VAT = 200 × 0.25 / 1.25 = 40.00.
        assert (invoice["amount"], invoice["amount_vat"], invoice["amount_ex_vat"]) == (
            20000, 4000, 16000)  # fmt: skip
        assert invoice["settled_amount"] == 0 and invoice["processing"] is False
        [line] = invoice["order_lines"]
        assert (line["ordertext"], line["quantity"], line["vat"]) == ("Widget", 2, 0.25)
        assert (line["amount"], line["amount_vat"], line["amount_ex_vat"]) == (20000, 4000, 16000)
        assert (line["unit_amount"], line["unit_amount_vat"], line["unit_amount_ex_vat"]) == (
            10000, 2000, 8000)  # fmt: skip
        assert line["amount_defined_incl_vat"] is True

    async def test_it_is_the_same_invoice_natively(self, reepay: ReepayApi, api: TenantApi) -> None:
        invoice = await _pending(reepay)
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (native["status"], native["number"], native["handle"]) == ("open", "#0001", "inv-1")
        assert (native["total"], native["tax_amount"], native["currency"]) == (
            "200.00", "40.00", "DKK")  # fmt: skip
        assert native["collection_method"] == "send_invoice"
        assert native["lines"][0]["tax_rate"] == "25" and native["lines"][0]["tax_inclusive"]
        second = await reepay.invoice("ada", "inv-2")
        assert second["number"] == 2
        ok(await reepay.post(f"/v1/invoice/{invoice['id']}/manual_settle", CASH))
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (native["status"], native["amount_paid"]) == ("paid", "200.00")

    async def test_vat_exclusive_lines_add_their_fractional_vat_then_round(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        lines = [{"ordertext": "a", "amount": 2, "vat": 0.25, "amount_incl_vat": False},
                 {"ordertext": "b", "amount": 2, "vat": 0.25, "amount_incl_vat": False},
                 {"ordertext": "c", "amount": 333, "quantity": 3, "vat": 0.25,
                  "amount_incl_vat": False}]  # fmt: skip
        invoice = await _pending(reepay, order_lines=lines)
        # Line VATs 0.5, 0.5 and 249.75: shown rounded (1, 1, 250), summed before rounding.
        assert [line["amount_vat"] for line in invoice["order_lines"]] == [1, 1, 250]
        assert [line["amount"] for line in invoice["order_lines"]] == [3, 3, 1249]
        assert (invoice["amount_ex_vat"], invoice["amount_vat"], invoice["amount"]) == (
            1003, 251, 1254)  # fmt: skip
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (native["subtotal"], native["tax_amount"], native["total"]) == (
            "10.03", "2.51", "12.54")  # fmt: skip

    async def test_whole_percent_vat_rates_are_kept_exactly(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        lines = [{"ordertext": "a", "amount": 1000, "vat": vat} for vat in (0.3, 0.1, 1, 0.255)]
        invoice = await _pending(reepay, order_lines=lines)
        assert [line["vat"] for line in invoice["order_lines"]] == [0.3, 0.1, 1, 0.255]
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert [line["tax_rate"] for line in native["lines"]] == ["30", "10", "100", "25.5"]
        # Gross 10.00 at 30 %: 2.31 VAT (2.3077); at 10 %: 0.91; at 100 %: 5.00; at 25.5 %: 2.03.
        assert [line["amount_vat"] for line in invoice["order_lines"]] == [231, 91, 500, 203]
        assert invoice["amount_vat"] == 1025 and native["tax_amount"] == "10.25"

    async def test_currency_defaults_to_the_accounts(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        body = invoice_body("inv-1")
        del body["currency"]
        invoice = ok(await reepay.post("/v1/customer/ada/invoice", body))
        assert invoice["currency"] == "USD" and invoice["amount"] == 20000

    async def test_zero_exponent_currencies_keep_whole_units(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        invoice = await _pending(reepay, currency="JPY")
        assert invoice["amount"] == 20000
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["total"] == "20000"

    async def test_addresses_and_lookup_by_id_or_handle(self, reepay: ReepayApi) -> None:
        address = {"company": "Acme ApS", "address": "Vej 1", "city": "Aarhus",
                   "postal_code": "8000", "country": "DK"}  # fmt: skip
        invoice = await _pending(reepay, billing_address=address)
        assert invoice["billing_address"]["company"] == "Acme ApS"
        assert invoice["billing_address"]["country"] == "DK"
        by_handle = ok(await reepay.get("/v1/invoice/inv-1"))
        by_id = ok(await reepay.get(f"/v1/invoice/{invoice['id']}"))
        assert by_handle == by_id == invoice
        error(await reepay.get("/v1/invoice/nope"), 404, 31)

    async def test_another_accounts_invoice_is_not_found(
        self, reepay: ReepayApi, other_api: TenantApi
    ) -> None:
        invoice = await _pending(reepay)
        assert other_api.runtime is not None
        key = await issue_private_key(other_api.runtime, other_api.account_id, ["*"])
        other = ReepayApi(other_api.http, key)
        for path in ("", "/settle", "/cancel"):
            call = other.get if not path else other.post
            error(await call(f"/v1/invoice/{invoice['id']}{path}"), 404, 31)
        error(await other.post("/v1/customer/ada/invoice", invoice_body("inv-1")), 404, 9)


class TestFlows:
    async def test_manual_settle_settles_and_a_second_is_code_79(self, reepay: ReepayApi) -> None:
        invoice = await _pending(reepay)
        transfer = {"method": "bank_transfer", "payment_date": "2026-12-01",
                    "reference": "BANK-77", "comment": "paid early"}  # fmt: skip
        settled = ok(await reepay.post(f"/v1/invoice/{invoice['id']}/manual_settle", transfer))
        assert (settled["state"], settled["settled_amount"]) == ("settled", 20000)
        assert settled["settled"] is not None
        [tx] = settled["transactions"]
        assert (tx["state"], tx["type"], tx["payment_type"], tx["amount"]) == (
            "settled", "settle", "manual", 20000)  # fmt: skip
        assert tx["manual_transaction"] == {"method": "bank_transfer",
            "payment_date": "2026-12-01T00:00:00.000Z", "reference": "BANK-77",
            "comment": "paid early"}  # fmt: skip
        again = await reepay.post("/v1/invoice/inv-1/manual_settle", transfer)
        assert error(again, 400, 79)["error"] == "Invoice already settled"

    async def test_manual_settle_needs_a_known_method_and_a_date(self, reepay: ReepayApi) -> None:
        await _pending(reepay)
        for body in ({"method": "card", "payment_date": "2026-12-01"}, {"method": "cash"},
                     {"method": "cash", "payment_date": "yesterday"}):  # fmt: skip
            error(await reepay.post("/v1/invoice/inv-1/manual_settle", body), 400, 1)
        error(await reepay.post("/v1/invoice/nope/manual_settle", CASH), 404, 31)

    async def test_create_with_manual_transfer_is_settled_at_once(self, reepay: ReepayApi) -> None:
        transfer = {"method": "cash", "payment_date": "2026-12-01T10:00:00"}
        invoice = await _pending(reepay, manual_transfer=transfer)
        assert invoice["state"] == "settled" and invoice["settled_amount"] == 20000
        assert invoice["transactions"][0]["manual_transaction"]["method"] == "cash"

    async def test_a_declined_settle_fails_then_reactivate_and_a_good_card_settle(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        await reepay.customer()
        declining = await reepay.card("ada", "tok_chargeDeclined")
        failed = await reepay.invoice("ada", "inv-1", settle={"payment_method": declining})
        assert failed["state"] == "failed" and failed["failed"] is not None
        [tx] = failed["transactions"]
        assert (tx["state"], tx["payment_method"], tx["payment_type"]) == (
            "failed", declining, "card")  # fmt: skip
        assert tx["card_transaction"]["error"] == "card_declined"
        native = expect(await api.get(f"/v1/invoices/{failed['id']}"), 200)
        assert native["status"] == "uncollectible"
        error(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": declining}),
              400, 82)  # fmt: skip
        pending = ok(await reepay.post("/v1/invoice/inv-1/reactivate"))
        assert pending["state"] == "pending"
        good = await reepay.card("ada")
        settled = ok(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": good}))
        assert (settled["state"], settled["settled_amount"]) == ("settled", 20000)
        assert [t["state"] for t in settled["transactions"]] == ["failed", "settled"]
        error(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": good}), 400, 79)

    async def test_create_with_a_good_card_is_settled(self, reepay: ReepayApi) -> None:
        await reepay.customer()
        await reepay.card("ada", "tok_chargeDeclined")
        newest = await reepay.card("ada")
        invoice = await reepay.invoice("ada", "inv-1", settle={"payment_method": "auto"})
        assert invoice["state"] == "settled"
        assert invoice["transactions"][0]["payment_method"] == newest

    async def test_settle_errors(self, reepay: ReepayApi) -> None:
        await _pending(reepay)
        error(await reepay.post("/v1/invoice/nope/settle", {}), 404, 31)
        error(await reepay.post("/v1/invoice/inv-1/settle", {}), 400, 76)
        error(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": "auto"}), 400, 76)
        error(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": "ca_x"}), 404, 40)
        due = {"payment_method": "auto", "due": "2030-01-01"}
        error(await reepay.post("/v1/invoice/inv-1/settle", due), 400, 1)

    async def test_a_pending_charge_is_processing_and_blocks_settle_and_cancel(
        self, reepay: ReepayApi
    ) -> None:
        await reepay.customer()
        card = await reepay.card("ada", "tok_pending_succeeds")
        invoice = await reepay.invoice("ada", "inv-1", settle={"payment_method": card})
        assert invoice["state"] == "pending" and invoice["processing"] is True
        assert invoice["transactions"][0]["state"] == "processing"
        error(await reepay.post("/v1/invoice/inv-1/settle", {"payment_method": card}), 400, 80)
        error(await reepay.post("/v1/invoice/inv-1/manual_settle", CASH), 400, 80)
        error(await reepay.post("/v1/invoice/inv-1/cancel"), 400, 30)
        error(await reepay.post("/v1/invoice/inv-1/fail"), 400, 30)

    async def test_cancel(self, reepay: ReepayApi, api: TenantApi) -> None:
        invoice = await _pending(reepay)
        cancelled = ok(await reepay.post(f"/v1/invoice/{invoice['id']}/cancel"))
        assert cancelled["state"] == "cancelled" and cancelled["cancelled"] is not None
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)["status"] == "void"
        error(await reepay.post("/v1/invoice/inv-1/cancel"), 400, 29)
        error(await reepay.post("/v1/invoice/inv-1/reactivate"), 400, 82)  # void is final
        error(await reepay.post("/v1/invoice/nope/cancel"), 404, 31)
        settled = await reepay.invoice("ada", "inv-2", manual_transfer=CASH)
        error(await reepay.post(f"/v1/invoice/{settled['id']}/cancel"), 400, 29)

    async def test_fail_then_reactivate(self, reepay: ReepayApi, api: TenantApi) -> None:
        invoice = await _pending(reepay)
        failed = ok(await reepay.post("/v1/invoice/inv-1/fail"))
        assert failed["state"] == "failed"
        error(await reepay.post("/v1/invoice/inv-1/fail"), 400, 82)
        error(await reepay.post("/v1/invoice/inv-1/manual_settle", CASH), 400, 82)
        assert ok(await reepay.post("/v1/invoice/inv-1/reactivate"))["state"] == "pending"
        error(await reepay.post("/v1/invoice/inv-1/reactivate"), 400, 82)
        error(await reepay.post("/v1/invoice/nope/fail"), 404, 31)
        error(await reepay.post("/v1/invoice/nope/reactivate"), 404, 31)
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["status"] == "open" and native["marked_uncollectible_at"] is None


class TestLists:
    async def _three(self, reepay: ReepayApi) -> list[dict[str, Any]]:
        await reepay.customer()
        await reepay.customer("bob")
        first = await reepay.invoice("ada", "a-1")
        second = await reepay.invoice("bob", "b-1")
        third = await reepay.invoice("ada", "a-2", manual_transfer=CASH)
        return [first, second, third]

    async def test_pages_by_number(self, reepay: ReepayApi) -> None:
        *_, third = await self._three(reepay)
        page = ok(await reepay.get("/v1/invoice", page=1, size=2))
        assert (page["page"], page["size"], page["count"]) == (1, 2, 2)
        assert (page["total_elements"], page["total_pages"]) == (3, 2)
        assert [i["handle"] for i in page["content"]] == ["a-2", "b-1"]
        last = ok(await reepay.get("/v1/invoice", page=2, size=2))
        assert [i["handle"] for i in last["content"]] == ["a-1"]
        settled = ok(await reepay.get("/v1/invoice", search="state:settled"))
        assert [i["id"] for i in settled["content"]] == [third["id"]]
        error(await reepay.get("/v1/invoice", size=0), 400, 1)
        error(await reepay.get("/v1/invoice", sort="amount"), 400, 1)

    async def test_cursor_list_with_filters(self, reepay: ReepayApi) -> None:
        _, second, _ = await self._three(reepay)
        page = ok(await reepay.get("/v1/list/invoice", size=2))
        assert [i["handle"] for i in page["content"]] == ["a-2", "b-1"]
        rest = ok(await reepay.get("/v1/list/invoice", size=2,
                                   next_page_token=page["next_page_token"]))  # fmt: skip
        assert [i["handle"] for i in rest["content"]] == ["a-1"] and "next_page_token" not in rest
        pending = ok(await reepay.get("/v1/list/invoice", state="pending", customer="ada"))
        assert [i["handle"] for i in pending["content"]] == ["a-1"]
        by_handle = ok(await reepay.get("/v1/list/invoice", handle="b-1"))
        assert [i["id"] for i in by_handle["content"]] == [second["id"]]
        future = ok(await reepay.get("/v1/list/invoice", **{"from": "2099-01-01"}))
        assert future["content"] == []
        error(await reepay.get("/v1/list/invoice", state="paid"), 400, 1)
        error(await reepay.get("/v1/list/invoice", range="settled"), 400, 1)


async def test_keys_of_other_kinds_do_not_open_reepay(api: TenantApi) -> None:
    assert api.runtime is not None
    secret = await issue_key(api.runtime, api.account_id, ["*"])
    response = await api.http.get("/reepay/v1/invoice", headers=basic(secret))
    error(response, 401, 6)


class TestQueryBudgets:
    """SQL statements per Reepay call: lists must not grow with the page (no N+1)."""

    async def _count(self, queries: QueryCounter, request: Any) -> int:
        queries.reset()
        response = await request
        assert response.status_code == 200, response.text
        return queries.count

    async def test_lists_do_not_grow_with_the_page(
        self, reepay: ReepayApi, queries: QueryCounter
    ) -> None:
        await reepay.customer()
        for n in range(6):
            await reepay.invoice("ada", f"inv-{n}", manual_transfer=CASH if n % 2 else None)
        for path in ("/v1/list/invoice", "/v1/invoice"):
            small = await self._count(queries, reepay.get(path, size=2))
            large = await self._count(queries, reepay.get(path, size=6))
            assert small == large, queries.statements
        # key, invoices, their lines, their settlements, the refunds of those paid (+ the
        # count for numbered pages)
        assert await self._count(queries, reepay.get("/v1/list/invoice", size=6)) <= 5

    async def test_get_invoice(self, reepay: ReepayApi, queries: QueryCounter) -> None:
        await _pending(reepay, manual_transfer=CASH)
        # key, invoice by handle (after trying no id), its lines, its settlements, its
        # refunds (it took money)
        assert await self._count(queries, reepay.get("/v1/invoice/inv-1")) <= 5


async def test_an_idempotency_key_replays_a_settle(reepay: ReepayApi) -> None:
    await reepay.customer()
    card = await reepay.card("ada")
    body = invoice_body("inv-1", settle={"payment_method": card})
    headers = {**basic(reepay.private_key), "Idempotency-Key": "once"}
    first = await reepay.http.post("/reepay/v1/customer/ada/invoice", json=body, headers=headers)
    again = await reepay.http.post("/reepay/v1/customer/ada/invoice", json=body, headers=headers)
    assert ok(first)["state"] == "settled" and again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert len(ok(await reepay.get("/v1/invoice/inv-1"))["transactions"]) == 1
