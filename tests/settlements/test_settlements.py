"""Settlements (SPEC §2, §6): payments recorded against invoices. Only confirmed ones count;
partial payments add up; the invoice is paid once they reach the amount due."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support import TenantApi, expect, problem
from tests.support import read_invoice as read

TX_HASH = "0x" + "ab12" * 16


async def settle(api: TenantApi, invoice_id: str, **fields: Any) -> httpx.Response:
    fields.setdefault("method", "bank_transfer")
    return await api.post(f"/v1/invoices/{invoice_id}/settlements", fields)


async def event_types(api: TenantApi, object_id: str) -> list[str]:
    listed = expect(await api.get("/v1/events", params={"related_object": object_id}), 200)
    return [event["type"] for event in reversed(listed["data"])]  # oldest first


def paid_figures(invoice: dict[str, Any]) -> tuple[str, str, str]:
    return invoice["status"], invoice["amount_paid"], invoice["amount_remaining"]


class TestRecordSettlement:
    async def test_full_payment_pays_the_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(
            await settle(api, invoice["id"], amount="100.00", reference="BANK-REF-1"), 201
        )
        assert settlement["id"].startswith("stl_")
        assert (settlement["invoice"], settlement["amount"], settlement["currency"]) == (
            invoice["id"],
            "100.00",
            "USD",
        )
        assert (settlement["status"], settlement["method"]) == ("confirmed", "bank_transfer")
        assert settlement["reference"] == "BANK-REF-1"
        assert settlement["confirmed_at"] is not None
        after = await read(api, invoice["id"])
        assert paid_figures(after) == ("paid", "100.00", "0.00")
        assert after["paid_at"] is not None

    async def test_amount_defaults_to_what_is_left(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=[{"unit_amount": "80.00"}])
        expect(await settle(api, invoice["id"], amount="30.00"), 201)
        rest = expect(await settle(api, invoice["id"]), 201)
        assert rest["amount"] == "50.00"
        assert paid_figures(await read(api, invoice["id"])) == ("paid", "80.00", "0.00")

    async def test_partial_payments_add_up(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=[{"unit_amount": "100.00"}])
        expect(await settle(api, invoice["id"], amount="33.33"), 201)
        middle = await read(api, invoice["id"])
        assert paid_figures(middle) == ("open", "33.33", "66.67")
        assert middle["paid_at"] is None
        expect(await settle(api, invoice["id"], amount="33.33", method="cash"), 201)
        expect(await settle(api, invoice["id"], amount="33.34", method="check"), 201)
        assert paid_figures(await read(api, invoice["id"])) == ("paid", "100.00", "0.00")

    async def test_events_of_a_payment(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(await settle(api, invoice["id"], amount="40.00"), 201)
        assert await event_types(api, settlement["id"]) == [
            "settlement.created",
            "settlement.confirmed",
        ]
        assert (await event_types(api, invoice["id"]))[-1] == "invoice.updated"
        expect(await settle(api, invoice["id"]), 201)
        assert (await event_types(api, invoice["id"]))[-1] == "invoice.paid"
        paid_events = expect(
            await api.get(
                "/v1/events", params={"type": "invoice.paid", "related_object": invoice["id"]}
            ),
            200,
        )["data"]
        assert [e["data"]["object"]["status"] for e in paid_events] == ["paid"]

    async def test_recorded_at_is_kept_and_dates_the_payment(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(
            await settle(api, invoice["id"], recorded_at="2026-01-02T03:04:05.678Z"), 201
        )
        assert settlement["recorded_at"] == "2026-01-02T03:04:05.678Z"
        assert (await read(api, invoice["id"]))["paid_at"] == "2026-01-02T03:04:05.678Z"

    async def test_crypto_with_a_transaction_hash(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(currency="USDC", lines=[{"unit_amount": "49"}])
        settlement = expect(
            await settle(api, invoice["id"], method="crypto", reference=TX_HASH, amount=49), 201
        )
        assert (settlement["amount"], settlement["reference"]) == ("49.000000", TX_HASH)
        assert (await read(api, invoice["id"]))["status"] == "paid"

    @pytest.mark.parametrize(
        "reference", ["0x123", "ab12" * 16, "0x" + "g" * 64, "0x" + "ab12" * 16 + "0"]
    )
    async def test_crypto_reference_must_be_a_transaction_hash(
        self, api: TenantApi, reference: str
    ) -> None:
        invoice = await api.open_invoice()
        problem(
            await settle(api, invoice["id"], method="crypto", reference=reference),
            400,
            "validation_error",
        )
        assert paid_figures(await read(api, invoice["id"])) == ("open", "0.00", "100.00")

    async def test_metadata_is_kept(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(await settle(api, invoice["id"], metadata={"batch": "7"}), 201)
        assert settlement["metadata"] == {"batch": "7"}

    async def test_amount_is_exact_in_jpy(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(currency="JPY", lines=[{"unit_amount": "1000"}])
        settlement = expect(await settle(api, invoice["id"], amount=400), 201)
        assert settlement["amount"] == "400"
        assert (await read(api, invoice["id"]))["amount_remaining"] == "600"


class TestBuyerFeeSettlement:
    async def test_the_fee_must_be_paid_too(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "2.5"}), 200)
        invoice = await api.open_invoice(charge_buyer_fee=True)
        assert invoice["amount_due"] == "102.50"
        expect(await settle(api, invoice["id"], amount="100.00"), 201)
        assert paid_figures(await read(api, invoice["id"])) == ("open", "100.00", "2.50")
        rest = expect(await settle(api, invoice["id"]), 201)
        assert rest["amount"] == "2.50"
        assert (await read(api, invoice["id"]))["status"] == "paid"


class TestOverpayment:
    async def test_more_than_what_is_left_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await settle(api, invoice["id"], amount="60.00"), 201)
        body = problem(await settle(api, invoice["id"], amount="40.01"), 422, "overpayment")
        assert body["errors"][0]["param"] == "amount"
        assert paid_figures(await read(api, invoice["id"])) == ("open", "60.00", "40.00")

    async def test_allowed_when_asked(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(
            await settle(api, invoice["id"], amount="120.00", allow_overpayment=True), 201
        )
        assert settlement["amount"] == "120.00"
        assert paid_figures(await read(api, invoice["id"])) == ("paid", "120.00", "0.00")

    async def test_pending_settlements_count_against_the_room(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await settle(api, invoice["id"], amount="70.00", status="pending"), 201)
        problem(await settle(api, invoice["id"], amount="30.01"), 422, "overpayment")
        rest = expect(await settle(api, invoice["id"]), 201)
        assert rest["amount"] == "30.00"

    async def test_nothing_left_when_pending_covers_everything(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await settle(api, invoice["id"], status="pending"), 201)
        problem(await settle(api, invoice["id"]), 422, "overpayment")


class TestPendingSettlements:
    async def test_pending_does_not_count_until_confirmed(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], status="pending"), 201)
        assert (pending["status"], pending["confirmed_at"], pending["amount"]) == (
            "pending",
            None,
            "100.00",
        )
        assert paid_figures(await read(api, invoice["id"])) == ("open", "0.00", "100.00")
        confirmed = expect(await api.post(f"/v1/settlements/{pending['id']}/confirm"), 200)
        assert confirmed["status"] == "confirmed" and confirmed["confirmed_at"] is not None
        assert paid_figures(await read(api, invoice["id"])) == ("paid", "100.00", "0.00")
        assert await event_types(api, pending["id"]) == [
            "settlement.created",
            "settlement.confirmed",
        ]

    async def test_failed_settlement_never_counts(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], status="pending"), 201)
        failed = expect(await api.post(f"/v1/settlements/{pending['id']}/fail"), 200)
        assert (failed["status"], failed["confirmed_at"]) == ("failed", None)
        assert failed["failed_at"] is not None
        assert paid_figures(await read(api, invoice["id"])) == ("open", "0.00", "100.00")
        assert "settlement.failed" in await event_types(api, pending["id"])
        # the room it held is free again
        assert expect(await settle(api, invoice["id"]), 201)["amount"] == "100.00"

    @pytest.mark.parametrize("first", ["confirm", "fail"])
    @pytest.mark.parametrize("second", ["confirm", "fail"])
    async def test_only_pending_settlements_can_be_resolved(
        self, api: TenantApi, first: str, second: str
    ) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], amount="10.00", status="pending"), 201)
        resolved = expect(await api.post(f"/v1/settlements/{pending['id']}/{first}"), 200)
        body = problem(
            await api.post(f"/v1/settlements/{pending['id']}/{second}"),
            409,
            "settlement_not_pending",
        )
        assert body["settlement_status"] == resolved["status"]
        again = expect(await api.get(f"/v1/settlements/{pending['id']}"), 200)
        assert again == resolved
        expected_paid = "10.00" if first == "confirm" else "0.00"
        assert (await read(api, invoice["id"]))["amount_paid"] == expected_paid

    async def test_confirmed_settlement_cannot_be_confirmed_again(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = expect(await settle(api, invoice["id"], amount="10.00"), 201)
        problem(
            await api.post(f"/v1/settlements/{settlement['id']}/confirm"),
            409,
            "settlement_not_pending",
        )
        assert (await read(api, invoice["id"]))["amount_paid"] == "10.00"

    async def test_confirming_on_a_voided_invoice_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], status="pending"), 201)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await api.post(f"/v1/settlements/{pending['id']}/confirm"), 409, "invoice_not_open")
        assert (await read(api, invoice["id"]))["amount_paid"] == "0.00"
        assert expect(await api.get(f"/v1/settlements/{pending['id']}"), 200)["status"] == (
            "pending"
        )

    async def test_confirming_beyond_what_is_left_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], amount="60.00", status="pending"), 201)
        # the pending 60 keeps room for itself: the confirmed one may take the other 40 only
        expect(await settle(api, invoice["id"], amount="40.00"), 201)
        confirmed = expect(await api.post(f"/v1/settlements/{pending['id']}/confirm"), 200)
        assert confirmed["status"] == "confirmed"
        assert paid_figures(await read(api, invoice["id"])) == ("paid", "100.00", "0.00")


class TestSettlementRefusals:
    @pytest.mark.parametrize("state", ["draft", "void", "uncollectible", "paid"])
    async def test_only_open_invoices_take_payments(self, api: TenantApi, state: str) -> None:
        if state == "draft":
            invoice = await api.invoice()
        else:
            invoice = await api.open_invoice()
            if state == "paid":
                expect(await settle(api, invoice["id"]), 201)
            else:
                action = "void" if state == "void" else "mark_uncollectible"
                expect(await api.post(f"/v1/invoices/{invoice['id']}/{action}"), 200)
            invoice = await read(api, invoice["id"])
        body = problem(
            await settle(api, invoice["id"], amount="1.00", allow_overpayment=True),
            409,
            "invoice_not_open",
        )
        assert body["invoice_status"] == state
        assert await read(api, invoice["id"]) == invoice

    async def test_other_currency_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = problem(
            await settle(api, invoice["id"], currency="EUR", amount="1.00"),
            422,
            "currency_mismatch",
        )
        assert body["errors"][0]["param"] == "currency"
        same = expect(await settle(api, invoice["id"], currency="usd", amount="1.00"), 201)
        assert same["currency"] == "USD"

    async def test_amount_finer_than_the_currency_is_422(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = problem(await settle(api, invoice["id"], amount="10.001"), 422, "amount_too_precise")
        assert body["errors"][0]["param"] == "amount"
        assert (await read(api, invoice["id"]))["amount_paid"] == "0.00"

    @pytest.mark.parametrize("amount", ["0", "-5.00", "abc", True, "1e3"])
    async def test_non_positive_or_bad_amounts_are_400(
        self, api: TenantApi, amount: object
    ) -> None:
        invoice = await api.open_invoice()
        body = problem(await settle(api, invoice["id"], amount=amount), 400, "validation_error")
        assert body["errors"][0]["param"] == "amount"

    async def test_huge_amount_is_422_out_of_range(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        problem(
            await settle(api, invoice["id"], amount="1000000000000000.01"),
            422,
            "amount_out_of_range",
        )

    async def test_method_is_required_and_checked(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        response = await api.post(f"/v1/invoices/{invoice['id']}/settlements", {})
        assert problem(response, 400, "validation_error")["errors"][0]["param"] == "method"
        body = problem(await settle(api, invoice["id"], method="barter"), 400, "validation_error")
        assert body["errors"][0]["param"] == "method"

    async def test_unknown_invoice_is_404(self, api: TenantApi) -> None:
        problem(await settle(api, "inv_" + "0" * 26), 404, "resource_missing")


class TestSettlementAccess:
    async def test_another_accounts_invoice_cannot_be_settled(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.open_invoice()
        problem(await settle(api, theirs["id"]), 404, "resource_missing")
        assert (await read(other_api, theirs["id"]))["amount_paid"] == "0.00"

    async def test_another_accounts_settlement_is_invisible(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.open_invoice()
        pending = expect(await settle(other_api, theirs["id"], status="pending"), 201)
        for path in (f"/v1/settlements/{pending['id']}",):
            problem(await api.get(path), 404, "resource_missing")
        for action in ("confirm", "fail"):
            problem(
                await api.post(f"/v1/settlements/{pending['id']}/{action}"),
                404,
                "resource_missing",
            )
        problem(await api.get(f"/v1/invoices/{theirs['id']}/settlements"), 404, "resource_missing")
        still = expect(await other_api.get(f"/v1/settlements/{pending['id']}"), 200)
        assert still["status"] == "pending"

    async def test_a_read_only_key_cannot_record_or_confirm(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(await settle(api, invoice["id"], status="pending", amount="5.00"), 201)
        reader = await api.with_scopes("invoices:read")
        response = await reader.post(
            f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"}
        )
        problem(response, 403, "insufficient_scope")
        problem(
            await reader.post(f"/v1/settlements/{pending['id']}/confirm"),
            403,
            "insufficient_scope",
        )
        listed = expect(await reader.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)
        assert [s["id"] for s in listed["data"]] == [pending["id"]]
        assert listed["data"][0]["status"] == "pending"


class TestListSettlements:
    async def test_lists_the_invoices_settlements_newest_first(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        other = await api.open_invoice()
        made = [
            expect(await settle(api, invoice["id"], amount=f"{n}.00"), 201)["id"] for n in (1, 2, 3)
        ]
        expect(await settle(api, other["id"], amount="5.00"), 201)
        listed = expect(await api.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)
        assert listed["object"] == "list"
        assert [s["id"] for s in listed["data"]] == list(reversed(made))
        assert [s["amount"] for s in listed["data"]] == ["3.00", "2.00", "1.00"]

    async def test_paginates(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        made = [
            expect(await settle(api, invoice["id"], amount="1.00"), 201)["id"] for _ in range(3)
        ]
        first = expect(
            await api.get(f"/v1/invoices/{invoice['id']}/settlements", params={"limit": 2}), 200
        )
        assert ([s["id"] for s in first["data"]], first["has_more"]) == (
            [made[2], made[1]],
            True,
        )
        rest = expect(
            await api.get(
                f"/v1/invoices/{invoice['id']}/settlements",
                params={"limit": 2, "starting_after": first["next_cursor"]},
            ),
            200,
        )
        assert ([s["id"] for s in rest["data"]], rest["has_more"]) == ([made[0]], False)

    async def test_unknown_invoice_is_404(self, api: TenantApi) -> None:
        problem(
            await api.get("/v1/invoices/inv_" + "0" * 26 + "/settlements"), 404, "resource_missing"
        )
