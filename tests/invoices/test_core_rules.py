"""Rules the dialects once kept, now the core's and reachable natively: expiring an invoice
now, `auto_finalize_at` at creation, tax rounded per line, a line's product, and what is left
to pay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest

from tests.support import TenantApi, event_types, expect, problem


def _iso(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


class TestExpireNow:
    async def test_an_open_invoice_expires_now(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        expired = expect(await api.post(f"/v1/invoices/{invoice['id']}/expire"), 200)
        assert expired["status"] == "expired" and expired["expires_at"] is not None
        assert (await event_types(api, invoice["id"]))[0] == "invoice.expired"
        refused = await api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"})
        problem(refused, 409, "invoice_not_open")

    @pytest.mark.parametrize("state", ["draft", "void"])
    async def test_only_open_invoices_expire(self, api: TenantApi, state: str) -> None:
        invoice = await (api.invoice() if state == "draft" else api.open_invoice())
        if state == "void":
            expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await api.post(f"/v1/invoices/{invoice['id']}/expire"), 409, "invoice_not_open")

    async def test_issued_with_a_past_expiry_it_expires_at_once(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(
            collection_method="send_invoice", expires_at=_iso(-timedelta(minutes=1))
        )
        assert invoice["status"] == "expired" and invoice["number"] is not None


class TestAutoFinalizeAtCreation:
    async def test_open_with_a_later_time_stays_a_draft_until_then(self, api: TenantApi) -> None:
        later = _iso(timedelta(days=2))
        invoice = await api.open_invoice(auto_finalize_at=later)
        assert invoice["status"] == "draft" and invoice["auto_finalize_at"] is not None

    async def test_open_with_a_time_passed_is_issued_now(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(
            auto_finalize_at=_iso(-timedelta(hours=1)), collection_method="send_invoice"
        )
        assert invoice["status"] == "open" and invoice["auto_finalize_at"] is None


class TestTaxRounding:
    LINES: ClassVar[list[dict[str, str]]] = [
        {"unit_amount": "0.02", "tax_rate": "25"},
        {"unit_amount": "0.02", "tax_rate": "25"},
        {"unit_amount": "3.33", "quantity": "3", "tax_rate": "25"},
    ]

    async def test_per_rate_rounds_the_group_once_and_shows_each_line_s_tax(
        self, api: TenantApi
    ) -> None:
        invoice = await api.invoice(lines=self.LINES)
        assert invoice["tax_rounding"] == "per_rate"
        # 0.005 + 0.005 + 2.4975 = 2.5075 → 2.51 for the group; each line rounded alone.
        assert [line["tax_amount"] for line in invoice["lines"]] == ["0.01", "0.01", "2.50"]
        assert (invoice["tax_amount"], invoice["total"]) == ("2.51", "12.54")

    async def test_per_line_adds_the_lines_rounded_taxes(self, api: TenantApi) -> None:
        invoice = await api.invoice(lines=self.LINES, tax_rounding="per_line")
        assert invoice["tax_rounding"] == "per_line"
        assert (invoice["tax_amount"], invoice["total"]) == ("2.52", "12.55")
        [group] = invoice["tax_breakdown"]
        assert (group["taxable_amount"], group["amount"]) == ("10.03", "2.52")

    async def test_inclusive_lines_per_line(self, api: TenantApi) -> None:
        lines = [{"unit_amount": "0.05", "tax_rate": "25", "tax_inclusive": True}] * 3
        invoice = await api.invoice(lines=lines, tax_rounding="per_line")
        # each line: 0.05 × 25/125 = 0.01; per rate it would be 0.15 × 0.2 = 0.03 as well
        assert [line["tax_amount"] for line in invoice["lines"]] == ["0.01"] * 3
        assert (invoice["subtotal"], invoice["tax_amount"], invoice["total"]) == (
            "0.12", "0.03", "0.15")  # fmt: skip

    async def test_the_account_s_setting_is_the_default(self, api: TenantApi) -> None:
        account = expect(await api.patch("/v1/account", {"tax_rounding": "per_line"}), 200)
        assert account["tax_rounding"] == "per_line"
        invoice = await api.invoice(lines=self.LINES)
        assert (invoice["tax_rounding"], invoice["tax_amount"]) == ("per_line", "2.52")
        override = await api.invoice(lines=self.LINES, tax_rounding="per_rate")
        assert override["tax_amount"] == "2.51"

    async def test_an_unknown_mode_is_refused(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = {"customer": customer["id"], "tax_rounding": "per_invoice"}
        problem(await api.post("/v1/invoices", body), 400, "validation_error")


class TestLineProducts:
    async def test_a_line_names_a_product_of_the_account(self, api: TenantApi) -> None:
        product = expect(await api.post("/v1/products", {"name": "Widgets"}), 201)
        invoice = await api.invoice(lines=[{"unit_amount": "1.00", "product": product["id"]}])
        assert invoice["lines"][0]["product"] == product["id"]

    async def test_an_unknown_product_is_404_naming_the_line(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = expect(await other_api.post("/v1/products", {"name": "Theirs"}), 201)
        customer = await api.customer()
        lines = [{"unit_amount": "1.00"}, {"unit_amount": "1.00", "product": theirs["id"]}]
        body = problem(
            await api.post("/v1/invoices", {"customer": customer["id"], "lines": lines}),
            404,
            "resource_missing",
        )
        assert body["errors"][0]["param"] == "lines[1].product"


class TestAmountRemaining:
    async def test_an_overpayment_leaves_nothing_to_pay(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"method": "cash", "amount": "150.00", "allow_overpayment": True}
        expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", body), 201)
        read = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (read["amount_paid"], read["amount_remaining"]) == ("150.00", "0.00")
