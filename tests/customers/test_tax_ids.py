"""The buyer's tax data on `/v1/customers` (docs/einvoicing.md): typed tax ids checked by their
type's rules, the legacy `tax_id` string read as an untyped id, `tax_exempt`, and all of it
frozen on the invoices finalized for the customer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import TenantApi, expect, params, problem

DE_VAT = {"type": "eu_vat", "value": "DE136695976"}
BAD_DE_VAT = {"type": "eu_vat", "value": "DE136695977"}


async def listed_ids(api: TenantApi) -> list[str]:
    listed = expect(await api.get("/v1/customers", params={"limit": 100}), 200)
    return [customer["id"] for customer in listed["data"]]


async def read(api: TenantApi, customer: dict[str, Any]) -> dict[str, Any]:
    return expect(await api.get(f"/v1/customers/{customer['id']}"), 200)


class TestCreateWithTaxIds:
    async def test_ids_of_several_types_are_kept_compact(self, api: TenantApi) -> None:
        ids = [
            {"type": "eu_vat", "value": "FR 61 954 506 077"},
            {"type": "no_vat", "value": "NO 995 525 828 MVA"},
            {"type": "us_ein", "value": "91-1144442"},
            {"type": "in_gst", "value": "27AAPFU0939F1ZV"},
        ]
        customer = await api.customer(tax_ids=ids)
        assert customer["tax_ids"] == [
            {"type": "eu_vat", "value": "FR61954506077"},
            {"type": "no_vat", "value": "995525828MVA"},
            {"type": "us_ein", "value": "911144442"},
            {"type": "in_gst", "value": "27AAPFU0939F1ZV"},
        ]
        assert await read(api, customer) == customer

    async def test_none_and_not_exempt_by_default(self, api: TenantApi) -> None:
        customer = await api.customer()
        assert (customer["tax_ids"], customer["tax_exempt"], customer["tax_id"]) == (
            [],
            "none",
            None,
        )

    async def test_a_wrong_check_digit_is_422_and_creates_nothing(self, api: TenantApi) -> None:
        body = problem(
            await api.post("/v1/customers", {"name": "X", "tax_ids": [DE_VAT, BAD_DE_VAT]}),
            422,
            "tax_id_invalid",
        )
        [error] = body["errors"]
        assert (error["param"], error["code"]) == ("tax_ids[1].value", "tax_id_invalid")
        assert "eu_vat" in error["message"] and "check digit" in error["message"]
        assert await listed_ids(api) == []

    @pytest.mark.parametrize("kind", ["xx_vat", "unknown", "EU_VAT"])
    async def test_an_unknown_type_is_400_naming_the_type(self, api: TenantApi, kind: str) -> None:
        body = problem(
            await api.post("/v1/customers", {"tax_ids": [{"type": kind, "value": "DE136695976"}]}),
            400,
            "validation_error",
        )
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("tax_ids[0].type", "invalid_choice")
        ]
        assert await listed_ids(api) == []


class TestLegacyTaxId:
    async def test_the_string_is_kept_and_shown_as_an_untyped_id(self, api: TenantApi) -> None:
        customer = await api.customer(tax_id="CHE-123.456.789", tax_ids=[DE_VAT])
        assert customer["tax_id"] == "CHE-123.456.789"
        assert customer["tax_ids"] == [DE_VAT, {"type": "unknown", "value": "CHE-123.456.789"}]

    async def test_the_string_is_never_checked(self, api: TenantApi) -> None:
        customer = await api.customer(tax_id="DE136695977")
        assert customer["tax_ids"] == [{"type": "unknown", "value": "DE136695977"}]

    async def test_an_id_both_typed_and_untyped_is_shown_once(self, api: TenantApi) -> None:
        customer = await api.customer(tax_id="DE136695976", tax_ids=[DE_VAT])
        assert customer["tax_ids"] == [DE_VAT]

    async def test_clearing_the_string_drops_the_untyped_id(self, api: TenantApi) -> None:
        customer = await api.customer(tax_id="T-9")
        updated = expect(await api.patch(f"/v1/customers/{customer['id']}", {"tax_id": None}), 200)
        assert (updated["tax_id"], updated["tax_ids"]) == (None, [])


class TestUpdateTaxIds:
    async def test_the_list_sent_replaces_the_list_kept(self, api: TenantApi) -> None:
        customer = await api.customer(tax_ids=[DE_VAT], tax_id="T-9")
        path = f"/v1/customers/{customer['id']}"
        gb = {"type": "gb_vat", "value": "GB980780684"}
        updated = expect(await api.patch(path, {"tax_ids": [gb]}), 200)
        assert updated["tax_ids"] == [gb, {"type": "unknown", "value": "T-9"}]
        renamed = expect(await api.patch(path, {"name": "Renamed"}), 200)
        assert renamed["tax_ids"] == updated["tax_ids"]
        assert (
            expect(await api.patch(path, {"tax_ids": None, "tax_id": None}), 200)["tax_ids"] == []
        )

    async def test_a_wrong_check_digit_is_422_and_changes_nothing(self, api: TenantApi) -> None:
        customer = await api.customer(tax_ids=[DE_VAT])
        body = problem(
            await api.patch(
                f"/v1/customers/{customer['id']}", {"name": "Changed", "tax_ids": [BAD_DE_VAT]}
            ),
            422,
            "tax_id_invalid",
        )
        assert params(body) == {"tax_ids[0].value"}
        assert await read(api, customer) == customer

    async def test_with_other_bad_fields_every_one_is_listed_as_400(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = problem(
            await api.patch(
                f"/v1/customers/{customer['id']}",
                {"email": "bad", "tax_ids": [BAD_DE_VAT], "tax_exempt": "maybe"},
            ),
            400,
            "validation_error",
        )
        assert {(e["param"], e["code"]) for e in body["errors"]} == {
            ("email", "invalid_format"),
            ("tax_ids[0].value", "tax_id_invalid"),
            ("tax_exempt", "invalid_choice"),
        }
        assert await read(api, customer) == customer


class TestTaxExempt:
    @pytest.mark.parametrize("status", ["none", "exempt", "reverse"])
    async def test_each_status_is_kept(self, api: TenantApi, status: str) -> None:
        customer = await api.customer(tax_exempt=status)
        assert customer["tax_exempt"] == status
        assert (await read(api, customer))["tax_exempt"] == status

    async def test_changed_and_null_means_none(self, api: TenantApi) -> None:
        customer = await api.customer(tax_exempt="reverse")
        path = f"/v1/customers/{customer['id']}"
        assert (
            expect(await api.patch(path, {"tax_exempt": "exempt"}), 200)["tax_exempt"] == "exempt"
        )
        assert expect(await api.patch(path, {"name": "N"}), 200)["tax_exempt"] == "exempt"
        assert expect(await api.patch(path, {"tax_exempt": None}), 200)["tax_exempt"] == "none"

    @pytest.mark.parametrize("status", ["Reverse", "reverse_charge", "", True])
    async def test_other_values_are_400(self, api: TenantApi, status: object) -> None:
        body = problem(
            await api.post("/v1/customers", {"tax_exempt": status}), 400, "validation_error"
        )
        assert params(body) == {"tax_exempt"}
        assert await listed_ids(api) == []


class TestFrozenOnInvoices:
    async def test_a_finalized_invoice_keeps_the_ids_and_status_it_was_issued_with(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer(tax_ids=[DE_VAT], tax_id="T-9", tax_exempt="reverse")
        invoice = await api.open_invoice(customer=customer["id"])
        expect(
            await api.patch(
                f"/v1/customers/{customer['id']}",
                {"tax_ids": [{"type": "gb_vat", "value": "GB980780684"}], "tax_exempt": "none"},
            ),
            200,
        )
        snapshot = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)["customer_snapshot"]
        assert snapshot["tax_ids"] == [DE_VAT, {"type": "unknown", "value": "T-9"}]
        assert (snapshot["tax_exempt"], snapshot["tax_id"]) == ("reverse", "T-9")

    async def test_drafts_freeze_nothing(self, api: TenantApi) -> None:
        customer = await api.customer(tax_ids=[DE_VAT])
        assert (await api.invoice(customer=customer["id"]))["customer_snapshot"] is None
