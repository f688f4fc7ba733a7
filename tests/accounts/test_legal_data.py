"""The seller's legal data through `PATCH /v1/account` (docs/einvoicing.md): legal name, tax
ids checked by their type's rules, registration id, contact e-mail and telephone."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support import TenantApi, expect, params, problem

LEGAL = {
    "legal_name": "Acme Software GmbH",
    "registration_id": "HRB 12345, Amtsgericht Köln",
    "email": "billing@acme.example",
    "phone": "+49 221 000000",
}


async def account(api: TenantApi) -> dict[str, Any]:
    return expect(await api.get("/v1/account"), 200)


async def patch(api: TenantApi, **fields: Any) -> httpx.Response:
    return await api.patch("/v1/account", fields)


class TestSellerLegalData:
    async def test_none_until_given(self, api: TenantApi) -> None:
        current = await account(api)
        assert [current[field] for field in LEGAL] == [None] * 4
        assert current["tax_ids"] == []

    async def test_fields_round_trip_with_ids_kept_compact(self, api: TenantApi) -> None:
        ids = [
            {"type": "eu_vat", "value": "de 136 695 976"},
            {"type": "de_stn", "value": "181/815/08155"},
            {"type": "gb_vat", "value": "980 7806 84"},
            {"type": "ch_vat", "value": "CHE-107.787.577 IVA"},
        ]
        updated = expect(await patch(api, **LEGAL, tax_ids=ids), 200)
        assert {field: updated[field] for field in LEGAL} == LEGAL
        assert updated["tax_ids"] == [
            {"type": "eu_vat", "value": "DE136695976"},
            {"type": "de_stn", "value": "18181508155"},
            {"type": "gb_vat", "value": "GB980780684"},
            {"type": "ch_vat", "value": "CHE107787577IVA"},
        ]
        assert await account(api) == updated

    async def test_only_the_fields_sent_change_and_null_clears(self, api: TenantApi) -> None:
        expect(await patch(api, **LEGAL, tax_ids=[{"type": "us_ein", "value": "91-1144442"}]), 200)
        updated = expect(await patch(api, phone=None, legal_name="Acme Inc."), 200)
        assert (updated["phone"], updated["legal_name"]) == (None, "Acme Inc.")
        assert updated["email"] == LEGAL["email"]
        assert updated["tax_ids"] == [{"type": "us_ein", "value": "911144442"}]
        assert expect(await patch(api, tax_ids=None), 200)["tax_ids"] == []

    async def test_the_list_sent_replaces_the_list_kept(self, api: TenantApi) -> None:
        expect(await patch(api, tax_ids=[{"type": "us_ein", "value": "91-1144442"}]), 200)
        updated = expect(
            await patch(api, tax_ids=[{"type": "au_abn", "value": "83914571673"}]), 200
        )
        assert updated["tax_ids"] == [{"type": "au_abn", "value": "83914571673"}]

    async def test_writes_account_updated(self, api: TenantApi) -> None:
        expect(await patch(api, tax_ids=[{"type": "eu_vat", "value": "DE136695976"}]), 200)
        listed = expect(await api.get("/v1/events", params={"type": "account.updated"}), 200)
        [event] = listed["data"]
        assert event["data"]["object"]["tax_ids"] == [{"type": "eu_vat", "value": "DE136695976"}]


class TestSellerTaxIdRefusals:
    async def test_a_wrong_check_digit_is_422_naming_the_item_and_nothing_changes(
        self, api: TenantApi
    ) -> None:
        ids = [
            {"type": "gb_vat", "value": "GB980780684"},
            {"type": "eu_vat", "value": "DE136695977"},
        ]
        body = problem(await patch(api, legal_name="Changed", tax_ids=ids), 422, "tax_id_invalid")
        assert body["title"] == "Invalid tax id"
        [error] = body["errors"]
        assert (error["param"], error["code"]) == ("tax_ids[1].value", "tax_id_invalid")
        assert "check digit" in error["message"]
        current = await account(api)
        assert (current["legal_name"], current["tax_ids"]) == (None, [])

    async def test_an_eu_vat_number_needs_its_country_code(self, api: TenantApi) -> None:
        body = problem(
            await patch(api, tax_ids=[{"type": "eu_vat", "value": "136695976"}]),
            422,
            "tax_id_invalid",
        )
        assert params(body) == {"tax_ids[0].value"}
        assert "EU country code" in body["errors"][0]["message"]

    async def test_an_unknown_type_is_400_naming_the_type(self, api: TenantApi) -> None:
        body = problem(
            await patch(api, tax_ids=[{"type": "xx_vat", "value": "DE136695976"}]),
            400,
            "validation_error",
        )
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("tax_ids[0].type", "invalid_choice")
        ]

    async def test_with_other_bad_fields_every_one_is_listed_as_400(self, api: TenantApi) -> None:
        body = problem(
            await patch(
                api, email="not-an-email", tax_ids=[{"type": "us_ein", "value": "07-1144442"}]
            ),
            400,
            "validation_error",
        )
        assert {(e["param"], e["code"]) for e in body["errors"]} == {
            ("email", "invalid_format"),
            ("tax_ids[0].value", "tax_id_invalid"),
        }
        assert (await account(api))["email"] is None

    async def test_the_same_id_twice_is_400(self, api: TenantApi) -> None:
        ids = [{"type": "gb_vat", "value": "GB980780684"}, {"type": "gb_vat", "value": "980780684"}]
        body = problem(await patch(api, tax_ids=ids), 400, "validation_error")
        assert params(body) == {"tax_ids"}

    async def test_malformed_items_are_400(self, api: TenantApi) -> None:
        body = problem(
            await patch(api, tax_ids=["DE136695976", {"type": "eu_vat"}, {"value": "1"}]),
            400,
            "validation_error",
        )
        assert params(body) == {"tax_ids[0]", "tax_ids[1].value", "tax_ids[2].type"}
        assert (await account(api))["tax_ids"] == []
