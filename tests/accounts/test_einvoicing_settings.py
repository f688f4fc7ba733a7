"""The account's e-invoicing settings through `PATCH /v1/account` (docs/einvoicing.md):
`einvoicing.embed_facturx`, true until turned off. What it does to PDFs: tests/hosted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import TenantApi, expect, params, problem


async def einvoicing(api: TenantApi) -> dict[str, Any]:
    settings: dict[str, Any] = expect(await api.get("/v1/account"), 200)["einvoicing"]
    return settings


class TestEmbedFacturX:
    async def test_true_until_turned_off_and_shown_on_the_account(self, api: TenantApi) -> None:
        assert await einvoicing(api) == {"embed_facturx": True}
        body = expect(await api.patch("/v1/account", {"einvoicing": {"embed_facturx": False}}), 200)
        assert body["einvoicing"] == {"embed_facturx": False}
        assert await einvoicing(api) == {"embed_facturx": False}

    async def test_other_changes_leave_it_as_it_is(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"einvoicing": {"embed_facturx": False}}), 200)
        for unchanged in ({"name": "Renamed"}, {"einvoicing": {}}, {"einvoicing": None}):
            expect(await api.patch("/v1/account", unchanged), 200)
            assert await einvoicing(api) == {"embed_facturx": False}

    async def test_writes_account_updated(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"einvoicing": {"embed_facturx": False}}), 200)
        listed = expect(await api.get("/v1/events", params={"type": "account.updated"}), 200)
        [event] = listed["data"]
        assert event["data"]["object"]["einvoicing"] == {"embed_facturx": False}

    @pytest.mark.parametrize(
        ("sent", "param"),
        [
            ({"embed_facturx": "no"}, "einvoicing.embed_facturx"),
            ({"embed_facturx": 0}, "einvoicing.embed_facturx"),
            ({"embed_facturx": True, "profile": "xrechnung"}, "einvoicing.profile"),
        ],
    )
    async def test_bad_values_are_400_naming_the_field(
        self, api: TenantApi, sent: dict[str, Any], param: str
    ) -> None:
        body = problem(await api.patch("/v1/account", {"einvoicing": sent}), 400,
                       "validation_error")  # fmt: skip
        assert params(body) == {param}
        assert await einvoicing(api) == {"embed_facturx": True}
