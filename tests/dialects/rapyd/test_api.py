"""Rapyd's invoice API over remit, in process: shapes, money, rules, errors, idempotency."""

from __future__ import annotations

import time
from decimal import Decimal

from tests.dialects.rapyd.client import RapydApi, data, error_code
from tests.support import TenantApi, expect


async def _customer(rapyd: RapydApi, **fields) -> dict:  # type: ignore[no-untyped-def]
    return data(await rapyd.post("/v1/customers", {"name": "Ada Buyer", **fields}))


async def _invoice(rapyd: RapydApi, customer: str, **fields) -> dict:  # type: ignore[no-untyped-def]
    return data(
        await rapyd.post("/v1/invoices", {"customer": customer, "currency": "USD", **fields})
    )


async def _item(rapyd: RapydApi, customer: str, **fields) -> dict:  # type: ignore[no-untyped-def]
    body = {"customer": customer, "currency": "USD", "unit_amount": 10.5, "quantity": 2, **fields}
    return data(await rapyd.post("/v1/invoice_items", body))


class TestInvoices:
    async def test_a_new_invoice_is_a_draft_in_rapyds_shape(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"], metadata={"merchant_defined": True})
        assert rapyd.last is not None and rapyd.last.status_code == 200
        assert invoice["id"].startswith("invoice_")
        assert invoice["status"] == "draft" and invoice["type"] == "payment"
        assert invoice["billing"] == "pay_automatically" and invoice["billing_reason"] == "manual"
        assert invoice["days_until_due"] == 30
        assert invoice["due_date"] == invoice["created_at"] + 30 * 86400
        assert abs(invoice["created_at"] - time.time()) < 60
        assert (invoice["subtotal"], invoice["tax"], invoice["total"]) == (0, 0, 0)
        assert invoice["metadata"] == {"merchant_defined": True}

    async def test_tax_is_tax_percent_of_the_subtotal_in_major_unit_numbers(
        self, rapyd: RapydApi
    ) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"], tax_percent=8.875)
        await _item(rapyd, customer["id"], invoice=invoice["id"])  # 2 × 10.5
        await _item(rapyd, customer["id"], invoice=invoice["id"], unit_amount=0.99, quantity=3)
        found = data(await rapyd.get(f"/v1/invoices/{invoice['id']}"))
        assert rapyd.last is not None
        # 21 + 2.97 = 23.97; 8.875 % of it = 2.1273… → 2.13 (JSON numbers, no trailing zeros).
        assert '"subtotal":23.97' in rapyd.last.text and '"tax":2.13' in rapyd.last.text
        assert found["tax_percent"] == Decimal("8.875") or found["tax_percent"] == 8.875
        assert Decimal(str(found["total"])) == Decimal("26.10")
        assert '"total":26.1,' in rapyd.last.text
        assert [line["amount"] for line in found["lines"]] == [21, 2.97]

    async def test_tax_percent_updates_retax_every_line(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"])
        await _item(rapyd, customer["id"], invoice=invoice["id"], unit_amount=100, quantity=1)
        updated = data(await rapyd.post(f"/v1/invoices/{invoice['id']}", {"tax_percent": 10}))
        assert (updated["subtotal"], updated["tax"], updated["total"]) == (100, 10, 110)

    async def test_a_rapyd_invoice_is_the_native_invoice(
        self, rapyd: RapydApi, api: TenantApi
    ) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"], tax_percent=20, description="Consulting")
        await _item(rapyd, customer["id"], invoice=invoice["id"], unit_amount=12.34, quantity=3)
        native_id = "inv_" + invoice["id"].removeprefix("invoice_")
        native = expect(await api.get(f"/v1/invoices/{native_id}"), 200)
        assert native["customer"] == customer["id"] and native["description"] == "Consulting"
        assert (native["subtotal"], native["tax_amount"], native["total"]) == (
            "37.02", "7.40", "44.42",
        )  # fmt: skip
        assert native["lines"][0]["id"] == "il_" + data(
            await rapyd.get(f"/v1/invoices/{invoice['id']}/lines")
        )[0]["id"].removeprefix("ii_")
        # And the other way round: a native invoice read through Rapyd.
        created = await api.invoice(customer=customer["id"], currency="EUR")
        seen = data(await rapyd.get(f"/v1/invoices/invoice_{created['id'].removeprefix('inv_')}"))
        assert seen["total"] == 100 and seen["currency"] == "EUR"
        assert seen["customer"] == customer["id"]

    async def test_lifecycle_finalize_pay_void_uncollectible_delete(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd, payment_method="tok_visa")
        assert customer["default_payment_method"].startswith("card_")
        paid = await _invoice(rapyd, customer["id"], billing="send_invoice", days_until_due=7)
        await _item(rapyd, customer["id"], invoice=paid["id"])
        opened = data(await rapyd.post(f"/v1/invoices/{paid['id']}/finalize"))
        assert opened["status"] == "open" and opened["number"]
        assert opened["due_date"] - opened["created_at"] in range(7 * 86400 - 5, 7 * 86400 + 60)
        done = data(await rapyd.post(f"/v1/invoices/{paid['id']}/pay", {}))
        assert done["status"] == "paid" and done["amount_paid"] == 21

        voided = await _invoice(rapyd, customer["id"], billing="send_invoice")
        await _item(rapyd, customer["id"], invoice=voided["id"])
        data(await rapyd.post(f"/v1/invoices/{voided['id']}/finalize"))
        lost = data(await rapyd.post(f"/v1/invoices/{voided['id']}/mark_uncollectible"))
        assert lost["status"] == "uncollectible"
        assert data(await rapyd.post(f"/v1/invoices/{voided['id']}/void"))["status"] == "void"

        draft = await _invoice(rapyd, customer["id"])
        deleted = data(await rapyd.delete(f"/v1/invoices/{draft['id']}"))
        assert deleted == {"id": draft["id"], "deleted": True}
        assert error_code(await rapyd.get(f"/v1/invoices/{draft['id']}")) == "ERROR_GET_INVOICE"

    async def test_list_filters_by_customer_and_pages(self, rapyd: RapydApi) -> None:
        first, second = await _customer(rapyd), await _customer(rapyd)
        made = [await _invoice(rapyd, first["id"]) for _ in range(3)]
        await _invoice(rapyd, second["id"])
        listed = data(await rapyd.get(f"/v1/invoices?customer={first['id']}&limit=2"))
        assert [i["id"] for i in listed] == [made[2]["id"], made[1]["id"]]
        rest = data(
            await rapyd.get(
                f"/v1/invoices?customer={first['id']}&limit=2&starting_after={made[1]['id']}"
            )
        )
        assert [i["id"] for i in rest] == [made[0]["id"]]


class TestInvoiceItems:
    async def test_pending_items_join_the_customers_next_invoice_in_their_currency(
        self, rapyd: RapydApi
    ) -> None:
        customer = await _customer(rapyd)
        usd = await _item(rapyd, customer["id"], description="Setup")
        eur = await _item(rapyd, customer["id"], currency="EUR", unit_amount=5, quantity=1)
        assert usd["invoice"] == "" and usd["amount"] == 21
        upcoming = data(
            await rapyd.get(f"/v1/invoices/upcoming?customer={customer['id']}&currency=USD")
        )
        assert upcoming["total"] == 21 and [line["id"] for line in upcoming["lines"]] == [usd["id"]]
        invoice = await _invoice(rapyd, customer["id"])
        assert [line["id"] for line in invoice["lines"]] == [usd["id"]]
        assert invoice["subtotal"] == 21
        moved = data(await rapyd.get(f"/v1/invoice_items/{usd['id']}"))
        assert moved["invoice"] == invoice["id"]
        still = data(await rapyd.get(f"/v1/invoice_items/{eur['id']}"))
        assert still["invoice"] == ""

    async def test_items_update_and_delete_recompute_the_draft(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"])
        item = await _item(rapyd, customer["id"], invoice=invoice["id"])
        changed = data(await rapyd.post(f"/v1/invoice_items/{item['id']}", {"quantity": 4}))
        assert changed["amount"] == 42
        assert data(await rapyd.get(f"/v1/invoices/{invoice['id']}"))["total"] == 42
        listed = data(await rapyd.get(f"/v1/invoice_items?invoice={invoice['id']}"))
        assert [i["id"] for i in listed] == [item["id"]]
        assert data(await rapyd.delete(f"/v1/invoice_items/{item['id']}"))["deleted"] is True
        assert data(await rapyd.get(f"/v1/invoices/{invoice['id']}"))["total"] == 0

    async def test_amount_alone_is_one_unit(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        item = data(
            await rapyd.post(
                "/v1/invoice_items", {"customer": customer["id"], "currency": "JPY", "amount": 1500}
            )
        )
        assert (item["amount"], item["quantity"], item["unit_amount"]) == (1500, 1, 1500)

    async def test_a_negative_amount_alone_is_a_credit_of_one_unit(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        body = {"customer": customer["id"], "currency": "USD", "amount": -5}
        item = data(await rapyd.post("/v1/invoice_items", body))
        assert (item["amount"], item["quantity"], item["unit_amount"]) == (-5, 1, -5)


# Items beyond remit's own limits (SPEC §3.2: quantities positive, amounts up to 10^15, unit
# amounts to 12 places in USD): each is refused, where a pending one would have blocked
# the customer's next invoice.
BAD_PRICES = [
    ({"unit_amount": 10, "quantity": -3}, "quantity"),
    ({"unit_amount": 10, "quantity": 0}, "quantity"),
    ({"unit_amount": "1." + "1" * 30, "quantity": 1}, "unit_amount"),
    ({"unit_amount": "1.1234567890123", "quantity": 1}, "unit_amount"),
    ({"unit_amount": 10**15, "quantity": 10**15}, "amount"),
    ({"unit_amount": 10**16}, "unit_amount"),
    ({"amount": 10**16}, "amount"),
    ({"amount": "0." + "0" * 29 + "1"}, "amount"),
]


class TestInvoiceItemLimits:
    async def test_an_item_beyond_remits_limits_is_refused(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        for price, param in BAD_PRICES:
            body = {"customer": customer["id"], "currency": "USD", **price}
            code = error_code(await rapyd.post("/v1/invoice_items", body))
            assert rapyd.last is not None and rapyd.last.status_code == 400, (price, code)
            assert code in ("INVALID_FIELDS", "ERROR_AMOUNT_OUT_OF_RANGE",
                            "ERROR_AMOUNT_TOO_PRECISE"), (price, code)  # fmt: skip
            message = rapyd.last.json()["status"]["message"]
            assert message.startswith(f"{param}: ") or f"'{param}'" in message, (price, message)
        # Nothing waits for the next invoice, which can be made.
        upcoming = data(
            await rapyd.get(f"/v1/invoices/upcoming?customer={customer['id']}&currency=USD")
        )
        assert upcoming["lines"] == []
        assert (await _invoice(rapyd, customer["id"]))["total"] == 0

    async def test_a_change_beyond_remits_limits_is_refused(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        item = await _item(rapyd, customer["id"])  # 2 × 10.5, for the next invoice
        for change in ({"quantity": -3}, {"quantity": 0}, {"unit_amount": "1." + "1" * 30},
                       {"unit_amount": "1.1234567890123"}, {"quantity": 10**15},
                       {"amount": 10**16}):  # fmt: skip
            error_code(await rapyd.post(f"/v1/invoice_items/{item['id']}", change))
            assert rapyd.last is not None and rapyd.last.status_code == 400, change
        assert data(await rapyd.get(f"/v1/invoice_items/{item['id']}")) == item
        invoice = await _invoice(rapyd, customer["id"])
        assert [line["id"] for line in invoice["lines"]] == [item["id"]]
        assert invoice["total"] == 21

    async def test_a_due_date_beyond_the_year_9999_is_refused(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        for due in (10**15, 253402300800, -1):
            body = {"customer": customer["id"], "currency": "USD", "billing": "send_invoice",
                    "due_date": due}  # fmt: skip
            assert error_code(await rapyd.post("/v1/invoices", body)) == "INVALID_FIELDS", due
            assert rapyd.last is not None and rapyd.last.status_code == 400
        last_second = 253402300799  # 9999-12-31T23:59:59Z
        body = {"customer": customer["id"], "currency": "USD", "billing": "send_invoice",
                "due_date": last_second}  # fmt: skip
        assert data(await rapyd.post("/v1/invoices", body))["due_date"] == last_second


class TestErrorCodes:
    """Every invoice and invoice-item code of digest §3.7 that remit can meet."""

    async def test_invoice_codes(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        missing = "invoice_00000000000000000000000000"
        assert (
            error_code(await rapyd.post("/v1/invoices", {"currency": "USD"})) == "INVALID_CUSTOMER"
        )
        assert rapyd.last is not None and rapyd.last.status_code == 400
        assert (
            error_code(
                await rapyd.post("/v1/invoices", {"customer": "cus_nope", "currency": "USD"})
            )
            == "INVALID_CUSTOMER"
        )
        assert error_code(
            await rapyd.post("/v1/invoices", {"customer": customer["id"], "currency": "USD",
                                              "days_until_due": 5})
        ) == "INVALID_DAYS_UNTIL_DUE_AND_BILLING"  # fmt: skip
        assert error_code(
            await rapyd.post("/v1/invoices", {"customer": customer["id"], "currency": "USD",
                                              "due_date": int(time.time()) - 10})
        ) == "INVALID_DUE_DATE"  # fmt: skip
        assert (
            error_code(
                await rapyd.post("/v1/invoices", {"customer": customer["id"], "currency": "XXQ"})
            )
            == "INVALID_INVOICE_CURRENCY"
        )
        assert error_code(await rapyd.get("/v1/invoices/inv_123")) == "INVALID_INVOICE_ID"
        assert error_code(await rapyd.get(f"/v1/invoices/{missing}")) == "ERROR_GET_INVOICE"
        assert error_code(await rapyd.delete(f"/v1/invoices/{missing}")) == "ERROR_DELETE_INVOICE"
        assert error_code(await rapyd.post(f"/v1/invoices/{missing}/pay")) == "ERROR_PAY_INVOICE"

        draft = await _invoice(rapyd, customer["id"], billing="send_invoice")
        await _item(rapyd, customer["id"], invoice=draft["id"])
        assert (
            error_code(await rapyd.post(f"/v1/invoices/{draft['id']}/void"))
            == "ERROR_VOID_NOT_UNCOLLECTIBLE_OR_OPEN_INVOICE"
        )
        assert (
            error_code(await rapyd.post(f"/v1/invoices/{draft['id']}/mark_uncollectible"))
            == "ERROR_MARK_UNCOLLECTIBLE_NOT_OPEN_INVOICE"
        )
        data(await rapyd.post(f"/v1/invoices/{draft['id']}/finalize"))
        assert (
            error_code(await rapyd.post(f"/v1/invoices/{draft['id']}", {"description": "late"}))
            == "ERROR_UPDATE_NOT_DRAFT_INVOICE"
        )
        assert (
            error_code(await rapyd.delete(f"/v1/invoices/{draft['id']}"))
            == "ERROR_DELETE_NOT_DRAFT_INVOICE"
        )

    async def test_a_pending_payment_blocks_another(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"], billing="send_invoice")
        await _item(rapyd, customer["id"], invoice=invoice["id"])
        data(await rapyd.post(f"/v1/invoices/{invoice['id']}/finalize"))
        method = data(
            await rapyd.post(
                f"/v1/customers/{customer['id']}/payment_methods", {"token": "tok_pending_succeeds"}
            )
        )
        pending = data(
            await rapyd.post(f"/v1/invoices/{invoice['id']}/pay", {"payment_method": method["id"]})
        )
        assert pending["status"] == "open"
        assert (
            error_code(
                await rapyd.post(
                    f"/v1/invoices/{invoice['id']}/pay", {"payment_method": method["id"]}
                )
            )
            == "ERROR_PAY_INVOICE_PAYMENT_PENDING"
        )

    async def test_subscription_of_another_customer(self, rapyd: RapydApi, api: TenantApi) -> None:
        owner, other = await _customer(rapyd), await _customer(rapyd)
        product = data(await rapyd.post("/v1/products", {"name": "Hosting", "type": "services"}))
        plan = data(await rapyd.post("/v1/plans", {"product": product["id"], "currency": "USD",
                                                   "interval": "month", "amount": 9}))  # fmt: skip
        subscription = data(
            await rapyd.post("/v1/payments/subscriptions", {
                "customer": owner["id"],
                "subscription_items": [{"plan": plan["id"], "quantity": 1}],
            })
        )  # fmt: skip
        assert error_code(
            await rapyd.post("/v1/invoices", {"customer": other["id"],
                                              "subscription": subscription["id"]})
        ) == "INVALID_INVOICE_CUSTOMER"  # fmt: skip
        # With the owner, the invoice takes the plan's currency.
        invoice = await _invoice(rapyd, owner["id"], currency=None, subscription=subscription["id"])
        assert invoice["currency"] == "USD" and invoice["subscription"] == subscription["id"]

    async def test_invoice_item_codes(self, rapyd: RapydApi) -> None:
        customer = await _customer(rapyd)
        invoice = await _invoice(rapyd, customer["id"])
        cid = customer["id"]
        post = rapyd.post
        assert error_code(
            await post("/v1/invoice_items", {"customer": cid, "currency": "USD"})
        ) == ("ERROR_INVOICE_ITEM_AMOUNT_PARAM")
        assert error_code(await post("/v1/invoice_items", {
            "customer": cid, "amount": 1, "invoice": invoice["id"], "subscription": "sub_1"
        })) == "INVALID_INVOICE_ID_AND_SUBSCRIPTION_ID"  # fmt: skip
        assert error_code(await post("/v1/invoice_items", {
            "customer": cid, "amount": 1, "subscription": "sub_1"
        })) == "ERROR_INVOICE_ITEM_SUBSCRIPTION_TYPE"  # fmt: skip
        assert error_code(await post("/v1/invoice_items", {
            "customer": cid, "amount": 1, "invoice": invoice["id"], "currency": "EUR"
        })) == "ERROR_INVOICE_ITEM_CURRENCY_MISMATCH"  # fmt: skip
        assert error_code(await post("/v1/invoice_items", {"customer": cid, "amount": 1})) == (
            "ERROR_INVOICE_ITEM_CURRENCY_NO_MATCHING_UPCOMING_INVOICE"
        )
        assert error_code(await post("/v1/invoice_items", {
            "customer": cid, "amount": 1, "invoice": "invoice_00000000000000000000000000"
        })) == "INVALID_INVOICE_ID"  # fmt: skip
        assert error_code(await rapyd.get("/v1/invoice_items/il_1")) == "INVALID_INVOICE_ITEM_ID"
        assert (
            error_code(await rapyd.get("/v1/invoice_items/ii_00000000000000000000000000"))
            == "ERROR_INVOICE_ITEM_NOT_FOUND"
        )
        item = await _item(rapyd, cid, invoice=invoice["id"])
        data(await rapyd.post(f"/v1/invoices/{invoice['id']}/finalize"))
        assert error_code(await rapyd.delete(f"/v1/invoice_items/{item['id']}")) == (
            "ERROR_DELETE_INVOICE_ITEMS"
        )

    async def test_bad_fields_change_nothing(self, rapyd: RapydApi, api: TenantApi) -> None:
        customer = await _customer(rapyd)
        for body in ({"tax_percent": 101}, {"tax_percent": "abc"}, {"metadata": [1]},
                     {"billing": "sometimes"}):  # fmt: skip
            envelope = await rapyd.post("/v1/invoices", {"customer": customer["id"],
                                                         "currency": "USD", **body})  # fmt: skip
            assert error_code(envelope) == "INVALID_FIELDS", body
            assert rapyd.last is not None and rapyd.last.status_code == 400
        listed = expect(await api.get(f"/v1/invoices?customer={customer['id']}"), 200)
        assert listed["data"] == []


class TestIdempotency:
    async def test_the_same_idempotency_value_replays_the_first_answer(
        self, rapyd: RapydApi, api: TenantApi
    ) -> None:
        customer = await _customer(rapyd)
        body = {"customer": customer["id"], "currency": "USD"}
        first = data(await rapyd.post("/v1/invoices", body, headers={"idempotency": "k-1"}))
        again = data(await rapyd.post("/v1/invoices", body, headers={"idempotency": "k-1"}))
        assert again == first
        other = data(await rapyd.post("/v1/invoices", body, headers={"idempotency": "k-2"}))
        assert other["id"] != first["id"]
        listed = expect(await api.get(f"/v1/invoices?customer={customer['id']}"), 200)
        assert len(listed["data"]) == 2
