"""The money examples of the issue, through the API on both databases (SPEC §3.2)."""

from __future__ import annotations

from tests.support import TenantApi, expect


class TestSpecExamples:
    async def test_mixed_rates_round_once_per_rate(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            lines=[
                {"quantity": "3", "unit_amount": "19.99", "tax_rate": "8.25"},
                {"quantity": "1.5", "unit_amount": "33.333", "tax_rate": "8.25"},
                {"quantity": "1", "unit_amount": "10.00", "tax_rate": "0"},
            ]
        )
        assert [line["amount"] for line in invoice["lines"]] == ["59.97", "50.00", "10.00"]
        assert (invoice["subtotal"], invoice["tax_amount"], invoice["total"]) == (
            "119.97",
            "9.07",
            "129.04",
        )

    async def test_inclusive_tax_is_carved_out_of_the_amount(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            lines=[{"unit_amount": "125.00", "tax_rate": "25", "tax_inclusive": True}]
        )
        assert (invoice["total"], invoice["tax_amount"], invoice["subtotal"]) == (
            "125.00",
            "25.00",
            "100.00",
        )

    async def test_usdc_reads_back_with_six_places(self, api: TenantApi) -> None:
        invoice = await api.invoice(currency="USDC", lines=[{"unit_amount": 49}])
        assert invoice["total"] == "49.000000"
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert again["lines"][0]["amount"] == "49.000000"

    async def test_jpy_has_no_decimals(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            currency="JPY", lines=[{"quantity": "3", "unit_amount": "333.5", "tax_rate": "10"}]
        )
        assert (invoice["subtotal"], invoice["tax_amount"], invoice["total"]) == (
            "1001",
            "100",
            "1101",
        )
