"""`POST /v1/invoices/{id}/finalize` (SPEC §3.1, §3.3, §3.4): numbers, due dates, the
customer snapshot, zero-total invoices and the buyer fee."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import TenantApi, expect, problem


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def finalize(api: TenantApi, invoice_id: str) -> dict[str, Any]:
    return expect(await api.post(f"/v1/invoices/{invoice_id}/finalize"), 200)


async def event_types(api: TenantApi, object_id: str) -> list[str]:
    listed = expect(await api.get("/v1/events", params={"related_object": object_id}), 200)
    return [event["type"] for event in reversed(listed["data"])]  # oldest first


class TestFinalize:
    async def test_draft_becomes_open_with_the_first_number(self, api: TenantApi) -> None:
        draft = await api.invoice()
        before = datetime.now(UTC) - timedelta(seconds=1)
        invoice = await finalize(api, draft["id"])
        assert invoice["status"] == "open"
        assert invoice["number"] == "#0001"
        assert before <= moment(invoice["finalized_at"]) <= datetime.now(UTC)
        assert invoice["public_token"]
        assert (invoice["total"], invoice["amount_due"], invoice["amount_remaining"]) == (
            "100.00",
            "100.00",
            "100.00",
        )
        assert expect(await api.get(f"/v1/invoices/{draft['id']}"), 200) == invoice

    async def test_numbers_follow_each_other(self, api: TenantApi) -> None:
        numbers = [(await finalize(api, (await api.invoice())["id"]))["number"] for _ in range(3)]
        assert numbers == ["#0001", "#0002", "#0003"]

    async def test_numbers_follow_finalization_order_not_creation_order(
        self, api: TenantApi
    ) -> None:
        older, newer = await api.invoice(), await api.invoice()
        assert (await finalize(api, newer["id"]))["number"] == "#0001"
        assert (await finalize(api, older["id"]))["number"] == "#0002"

    async def test_each_account_numbers_from_one(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        await api.open_invoice()
        assert (await other_api.open_invoice())["number"] == "#0001"

    async def test_writes_invoice_finalized_with_the_number(self, api: TenantApi) -> None:
        invoice = await finalize(api, (await api.invoice())["id"])
        listed = expect(
            await api.get(
                "/v1/events", params={"type": "invoice.finalized", "related_object": invoice["id"]}
            ),
            200,
        )
        [event] = listed["data"]
        assert event["data"]["object"]["number"] == "#0001"
        assert event["data"]["object"]["status"] == "open"

    async def test_concurrent_finalizations_get_gapless_unique_numbers(
        self, api: TenantApi
    ) -> None:
        drafts = [await api.invoice() for _ in range(20)]
        responses = await asyncio.gather(
            *(api.post(f"/v1/invoices/{draft['id']}/finalize") for draft in drafts)
        )
        numbers = sorted(expect(response, 200)["number"] for response in responses)
        assert numbers == [f"#{n:04d}" for n in range(1, 21)]

    async def test_concurrent_finalizations_of_one_draft_issue_it_once(
        self, api: TenantApi
    ) -> None:
        draft = await api.invoice()
        responses = await asyncio.gather(
            *(api.post(f"/v1/invoices/{draft['id']}/finalize") for _ in range(5))
        )
        assert sorted(r.status_code for r in responses) == [200, 409, 409, 409, 409]
        assert (await api.open_invoice())["number"] == "#0002"
        assert (await event_types(api, draft["id"])).count("invoice.finalized") == 1


class TestFinalizeRefusals:
    async def test_finalizing_twice_is_409_and_keeps_the_number(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = problem(
            await api.post(f"/v1/invoices/{invoice['id']}/finalize"), 409, "invoice_not_draft"
        )
        assert body.get("invoice_status") == "open"
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice
        assert (await api.open_invoice())["number"] == "#0002"

    async def test_void_invoice_cannot_be_finalized(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await api.post(f"/v1/invoices/{invoice['id']}/finalize"), 409, "invoice_not_draft")

    async def test_negative_total_is_refused_and_uses_no_number(self, api: TenantApi) -> None:
        draft = await api.invoice(lines=[{"unit_amount": "10.00"}, {"unit_amount": "-10.01"}])
        body = problem(
            await api.post(f"/v1/invoices/{draft['id']}/finalize"), 422, "invalid_invoice"
        )
        assert body["errors"][0]["param"] == "lines"
        assert expect(await api.get(f"/v1/invoices/{draft['id']}"), 200) == draft
        assert (await api.open_invoice())["number"] == "#0001"
        assert "invoice.finalized" not in await event_types(api, draft["id"])

    async def test_unknown_invoice_is_404(self, api: TenantApi) -> None:
        problem(
            await api.post("/v1/invoices/inv_" + "0" * 26 + "/finalize"), 404, "resource_missing"
        )

    async def test_another_accounts_draft_is_404_and_stays_a_draft(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.invoice()
        problem(await api.post(f"/v1/invoices/{theirs['id']}/finalize"), 404, "resource_missing")
        assert expect(await other_api.get(f"/v1/invoices/{theirs['id']}"), 200) == theirs
        assert (await other_api.open_invoice())["number"] == "#0001"

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        draft = await api.invoice()
        reader = await api.with_scopes("invoices:read")
        problem(
            await reader.post(f"/v1/invoices/{draft['id']}/finalize"), 403, "insufficient_scope"
        )
        assert (await finalize(api, draft["id"]))["number"] == "#0001"


class TestZeroTotal:
    async def test_zero_total_invoice_is_paid_at_finalization(self, api: TenantApi) -> None:
        draft = await api.invoice(lines=[{"unit_amount": "10.00"}, {"unit_amount": "-10.00"}])
        invoice = await finalize(api, draft["id"])
        assert invoice["status"] == "paid"
        assert invoice["number"] == "#0001"
        assert invoice["paid_at"] == invoice["finalized_at"]
        assert (invoice["amount_due"], invoice["amount_remaining"]) == ("0.00", "0.00")
        assert await event_types(api, draft["id"]) == [
            "invoice.created",
            "invoice.finalized",
            "invoice.paid",
        ]

    async def test_invoice_without_lines_is_paid_at_finalization(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=[])
        assert invoice["status"] == "paid"

    async def test_fully_discounted_invoice_is_paid_at_finalization(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(
            lines=[{"unit_amount": "50.00", "discount_percent": "100", "tax_rate": "20"}]
        )
        assert (invoice["status"], invoice["total"]) == ("paid", "0.00")


class TestDueDates:
    async def test_send_invoice_without_due_date_is_due_in_thirty_days(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        assert moment(invoice["due_at"]) == moment(invoice["finalized_at"]) + timedelta(days=30)
        assert invoice["days_until_due"] == 30

    async def test_days_until_due_counts_from_finalization(self, api: TenantApi) -> None:
        draft = await api.invoice(collection_method="send_invoice", days_until_due=7)
        invoice = await finalize(api, draft["id"])
        assert moment(invoice["due_at"]) == moment(invoice["finalized_at"]) + timedelta(days=7)

    async def test_explicit_due_date_is_kept(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(
            collection_method="send_invoice", due_at="2031-05-06T07:08:09.123+02:00"
        )
        assert moment(invoice["due_at"]) == datetime(2031, 5, 6, 5, 8, 9, 123000, tzinfo=UTC)
        assert invoice["due_at"] == "2031-05-06T05:08:09.123Z"

    async def test_charged_automatically_has_no_due_date_unless_given(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        assert invoice["due_at"] is None


class TestCustomerSnapshot:
    async def test_customer_is_frozen_at_finalization(self, api: TenantApi) -> None:
        address = {"line1": "1 Old Road", "city": "Oldtown", "country": "DE"}
        customer = await api.customer(
            name="Old Name", email="old@example.com", billing_address=address, tax_id="DE123"
        )
        invoice = await api.open_invoice(customer=customer["id"])
        expect(
            await api.patch(
                f"/v1/customers/{customer['id']}",
                {"name": "New Name", "email": "new@example.com", "billing_address": None},
            ),
            200,
        )
        snapshot = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)["customer_snapshot"]
        assert (snapshot["name"], snapshot["email"]) == ("Old Name", "old@example.com")
        assert (snapshot["address"], snapshot["tax_id"]) == (address, "DE123")

    async def test_drafts_have_no_snapshot(self, api: TenantApi) -> None:
        assert (await api.invoice())["customer_snapshot"] is None


class TestNumberingSettings:
    async def test_template_with_year(self, api: TenantApi) -> None:
        expect(
            await api.patch("/v1/account", {"invoice_number_template": "INV-{yyyy}-{seq:06}"}), 200
        )
        invoice = await api.open_invoice()
        year = moment(invoice["finalized_at"]).year
        assert invoice["number"] == f"INV-{year}-000001"

    async def test_next_number_moves_the_sequence_forward(self, api: TenantApi) -> None:
        await api.open_invoice()
        expect(await api.patch("/v1/account", {"invoice_number_next": 500}), 200)
        assert (await api.open_invoice())["number"] == "#0500"
        assert (await api.open_invoice())["number"] == "#0501"

    async def test_per_customer_numbering_uses_the_prefix_and_own_sequences(
        self, api: TenantApi
    ) -> None:
        expect(await api.patch("/v1/account", {"invoice_number_scope": "customer"}), 200)
        acme = await api.customer(invoice_prefix="ACME", email="a@example.com")
        globex = await api.customer(invoice_prefix="GLOBEX", email="g@example.com")
        numbers = [
            (await api.open_invoice(customer=customer["id"]))["number"]
            for customer in (acme, acme, globex, acme)
        ]
        assert numbers == ["ACME-0001", "ACME-0002", "GLOBEX-0001", "ACME-0003"]

    async def test_per_customer_numbers_never_collide_between_customers(
        self, api: TenantApi
    ) -> None:
        # Without a separator, prefix AB1 with number 23 and prefix AB12 with number 3 would
        # both read "AB123". Such a template must be refused, or numbers must still be unique
        # and every finalization succeed.
        response = await api.patch(
            "/v1/account",
            {"invoice_number_scope": "customer", "invoice_number_template": "{prefix}{seq}"},
        )
        if response.status_code == 422:
            assert response.json()["code"] == "invalid_number_template"
            return
        expect(response, 200)
        short = await api.customer(invoice_prefix="AB1", email="short@example.com")
        long = await api.customer(invoice_prefix="AB12", email="long@example.com")
        numbers = []
        for customer, count in ((long, 3), (short, 23)):
            for _ in range(count):
                body = {"customer": customer["id"], "status": "open", "lines": []}
                numbers.append(expect(await api.post("/v1/invoices", body), 201)["number"])
        assert len(set(numbers)) == 26

    async def test_generated_prefix_is_used_when_none_was_chosen(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"invoice_number_scope": "customer"}), 200)
        customer = await api.customer()
        invoice = await api.open_invoice(customer=customer["id"])
        assert invoice["number"] == f"{customer['invoice_prefix']}-0001"

    async def test_template_change_applies_to_later_invoices_only(self, api: TenantApi) -> None:
        first = await api.open_invoice()
        expect(await api.patch("/v1/account", {"invoice_number_template": "R{seq:03}"}), 200)
        second = await api.open_invoice()
        assert (first["number"], second["number"]) == ("#0001", "R002")
        again = expect(await api.get(f"/v1/invoices/{first['id']}"), 200)
        assert again["number"] == "#0001"

    async def test_number_longer_than_storable_is_refused_before_finalization(
        self, api: TenantApi
    ) -> None:
        # 99 zero-padded digits plus text: numbers of more than 100 characters cannot be
        # stored; the template must be refused up front rather than break finalization.
        response = await api.patch("/v1/account", {"invoice_number_template": "INVOICE-{seq:99}"})
        if response.status_code == 200:
            finalized = await api.post(f"/v1/invoices/{(await api.invoice())['id']}/finalize")
            assert finalized.status_code != 500, finalized.text
        problem(response, 422, "invalid_number_template")


class TestBuyerFee:
    async def test_fee_is_added_to_the_amount_due(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "2.5"}), 200)
        invoice = await api.open_invoice(charge_buyer_fee=True, lines=[{"unit_amount": "129.04"}])
        # 129.04 × 2.5 % = 3.226 → 3.23
        assert (invoice["total"], invoice["buyer_fee"], invoice["amount_due"]) == (
            "129.04",
            "3.23",
            "132.27",
        )
        assert invoice["amount_remaining"] == "132.27"

    async def test_no_fee_unless_asked(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "2.5"}), 200)
        invoice = await api.open_invoice()
        assert (invoice["buyer_fee"], invoice["amount_due"]) == ("0.00", "100.00")

    async def test_fee_rate_in_force_at_finalization_applies(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "1"}), 200)
        draft = await api.invoice(charge_buyer_fee=True)
        assert draft["buyer_fee"] == "1.00"
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "3"}), 200)
        invoice = await finalize(api, draft["id"])
        assert (invoice["buyer_fee"], invoice["amount_due"]) == ("3.00", "103.00")

    async def test_issued_invoice_keeps_its_fee(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "1"}), 200)
        invoice = await api.open_invoice(charge_buyer_fee=True)
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "9"}), 200)
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (again["buyer_fee"], again["amount_due"]) == ("1.00", "101.00")
