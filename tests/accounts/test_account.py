"""`GET /v1/account` and `PATCH /v1/account` (SPEC §2, §3.3): the calling key's own account —
name, default currency, invoice numbering and the buyer fee."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from tests.hosted.image_server import PNG
from tests.support import TenantApi, expect, problem

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"/></svg>'


def _data(media_type: str, body: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(body).decode()}"


async def account(api: TenantApi) -> dict[str, Any]:
    return expect(await api.get("/v1/account"), 200)


async def patch(api: TenantApi, **fields: Any) -> httpx.Response:
    return await api.patch("/v1/account", fields)


class TestGetAccount:
    async def test_defaults(self, api: TenantApi) -> None:
        current = await account(api)
        assert current["object"] == "account"
        assert current["id"] == api.account_id
        assert current["default_currency"] == "USD"
        assert current["invoice_number_template"] == "#{seq:04}"
        assert current["invoice_number_scope"] == "account"
        assert current["invoice_number_next"] == 1
        assert current["buyer_fee_percent"] == "0"

    async def test_each_key_sees_its_own_account(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        assert (await account(api))["id"] == api.account_id
        assert (await account(other_api))["id"] == other_api.account_id
        assert api.account_id != other_api.account_id

    async def test_next_number_follows_finalizations(self, api: TenantApi) -> None:
        await api.open_invoice()
        await api.open_invoice()
        await api.invoice()  # drafts take no number
        assert (await account(api))["invoice_number_next"] == 3

    async def test_needs_the_account_scope(self, api: TenantApi) -> None:
        reader = await api.with_scopes("invoices:write")
        problem(await reader.get("/v1/account"), 403, "insufficient_scope")
        allowed = await api.with_scopes("account:read")
        assert expect(await allowed.get("/v1/account"), 200)["id"] == api.account_id

    async def test_without_a_key_is_401(self, raw_api) -> None:
        problem(await raw_api.get("/v1/account"), 401, "unauthorized")

    async def test_a_bad_key_is_401(self, api: TenantApi, raw_api) -> None:
        response = await raw_api.get(
            "/v1/account", headers={"Authorization": "Bearer " + api.key + "x"}
        )
        problem(response, 401, "unauthorized")


class TestUpdateAccount:
    async def test_name_and_default_currency(self, api: TenantApi) -> None:
        updated = expect(await patch(api, name="Acme GmbH", default_currency="eur"), 200)
        assert (updated["name"], updated["default_currency"]) == ("Acme GmbH", "EUR")
        assert await account(api) == updated
        assert (await api.invoice())["currency"] == "EUR"

    async def test_unknown_currency_is_400(self, api: TenantApi) -> None:
        body = problem(await patch(api, default_currency="ABC"), 400, "invalid_currency")
        assert body["errors"][0]["param"] == "default_currency"
        assert (await account(api))["default_currency"] == "USD"

    async def test_only_the_fields_sent_change(self, api: TenantApi) -> None:
        before = await account(api)
        updated = expect(await patch(api, buyer_fee_percent="1.5"), 200)
        for field in ("name", "default_currency", "invoice_number_template"):
            assert updated[field] == before[field]

    async def test_writes_account_updated(self, api: TenantApi) -> None:
        expect(await patch(api, name="Renamed"), 200)
        listed = expect(await api.get("/v1/events", params={"type": "account.updated"}), 200)
        [event] = listed["data"]
        assert event["data"]["object"]["name"] == "Renamed"

    async def test_a_read_key_cannot_change_it(self, api: TenantApi) -> None:
        reader = await api.with_scopes("account:read")
        problem(await reader.patch("/v1/account", {"name": "X"}), 403, "insufficient_scope")
        assert (await account(api))["name"] != "X"

    async def test_unknown_fields_and_empty_name_are_refused(self, api: TenantApi) -> None:
        body = problem(await patch(api, name="", plan="gold"), 400, "validation_error")
        assert {e["param"] for e in body["errors"]} == {"name", "plan"}

    @pytest.mark.parametrize("raw", [b'{"name": "Half', b"{", b'{"buyer_fee_percent": NaN}'])
    async def test_malformed_json_is_400_and_changes_nothing(
        self, api: TenantApi, raw: bytes
    ) -> None:
        before = await account(api)
        problem(await api.patch("/v1/account", content=raw), 400, "malformed_json")
        assert await account(api) == before

    async def test_branding(self, api: TenantApi) -> None:
        updated = expect(
            await patch(
                api, branding={"logo_url": "https://example.com/l.png", "primary_color": "#112233"}
            ),
            200,
        )
        assert updated["branding"] == {
            "logo_url": "https://example.com/l.png",
            "primary_color": "#112233",
        }
        problem(await patch(api, branding={"primary_color": "red"}), 400, "validation_error")

    async def test_a_small_data_image_is_a_logo(self, api: TenantApi) -> None:
        for media_type, body in (("image/png", PNG), ("image/svg+xml", SVG)):
            logo = f"data:{media_type};base64,{base64.b64encode(body).decode()}"
            updated = expect(await patch(api, branding={"logo_url": logo}), 200)
            assert updated["branding"]["logo_url"] == logo

    @pytest.mark.parametrize(
        ("logo_url", "reason"),
        [
            ("http://example.com/l.png", "https://"),
            ("javascript:alert(1)", "https://"),
            ("https://user:secret@example.com/l.png", "https://"),
            ("https://example.com/" + "l" * 2000, "at most 2000"),
            (_data("text/html", b"<h1>hi</h1>"), "must be one of image/png"),
            (_data("image/png", b"<h1>not a png</h1>"), "holds no image/png image"),
            (_data("image/png", PNG[:8] + bytes(65 * 1024)), "more than 64 KiB"),
            ("data:image/png;base64,%%%", "not valid base64"),
        ],
    )
    async def test_a_logo_is_an_https_address_or_a_small_image(
        self, api: TenantApi, logo_url: str, reason: str
    ) -> None:
        body = problem(await patch(api, branding={"logo_url": logo_url}), 400, "validation_error")
        assert [(error["param"], error["code"]) for error in body["errors"]] == [
            ("branding.logo_url", "invalid_logo")
        ]
        assert reason in body["errors"][0]["message"]
        assert (await account(api))["branding"] == {}


class TestBuyerFeePercent:
    @pytest.mark.parametrize(
        ("given", "shown"),
        [("2.5", "2.5"), ("2.50", "2.5"), (3, "3"), ("0.0001", "0.0001"), ("100", "100")],
    )
    async def test_accepted_and_shown_without_trailing_zeros(
        self, api: TenantApi, given: object, shown: str
    ) -> None:
        assert expect(await patch(api, buyer_fee_percent=given), 200)["buyer_fee_percent"] == shown

    @pytest.mark.parametrize("given", ["-1", "abc", True, 2.5e400])
    async def test_negative_or_malformed_is_400(self, api: TenantApi, given: object) -> None:
        code = "malformed_json" if given == float("inf") else "validation_error"
        problem(await patch(api, buyer_fee_percent=given), 400, code)
        assert (await account(api))["buyer_fee_percent"] == "0"

    async def test_above_a_hundred_is_out_of_range(self, api: TenantApi) -> None:
        body = problem(await patch(api, buyer_fee_percent="100.01"), 422, "amount_out_of_range")
        assert body["errors"][0]["param"] == "buyer_fee_percent"
        assert (await account(api))["buyer_fee_percent"] == "0"

    async def test_more_than_four_places_is_422(self, api: TenantApi) -> None:
        problem(await patch(api, buyer_fee_percent="1.00001"), 422, "amount_too_precise")


class TestNumberingSettings:
    async def test_template_is_kept_and_used(self, api: TenantApi) -> None:
        updated = expect(await patch(api, invoice_number_template="INV-{yy}{mm}-{seq:05}"), 200)
        assert updated["invoice_number_template"] == "INV-{yy}{mm}-{seq:05}"
        number = (await api.open_invoice())["number"]
        assert number.startswith("INV-") and number.endswith("-00001")

    @pytest.mark.parametrize(
        "template", ["INV", "{seq}{seq}", "{month}-{seq}", "{seq", "x" * 65 + "{seq}", ""]
    )
    async def test_invalid_template_is_422_and_nothing_changes(
        self, api: TenantApi, template: str
    ) -> None:
        body = problem(
            await patch(api, name="Changed", invoice_number_template=template),
            422,
            "invalid_number_template",
        )
        assert body["errors"][0]["param"] == "invoice_number_template"
        current = await account(api)
        assert (current["invoice_number_template"], current["name"]) == ("#{seq:04}", "Test Co")

    @pytest.mark.parametrize(
        "template", ["INV\n{seq}", "INV\x7f{seq}", "INV\t{seq}", "\u202e{seq}-fdp", "A\u2028{seq}"]
    )
    async def test_control_characters_are_refused(self, api: TenantApi, template: str) -> None:
        # A number is shown on the page, printed and sent as a filename (Content-Disposition).
        body = problem(
            await patch(api, invoice_number_template=template), 422, "invalid_number_template"
        )
        assert body["errors"][0]["param"] == "invoice_number_template"
        assert "control or invisible characters" in body["errors"][0]["message"]
        assert (await account(api))["invoice_number_template"] == "#{seq:04}"

    async def test_template_whose_numbers_cannot_be_stored_is_422(self, api: TenantApi) -> None:
        # Invoice numbers are stored in 100 characters; `{seq:99}` plus text can never fit.
        problem(
            await patch(api, invoice_number_template="NUMBER-{seq:99}"),
            422,
            "invalid_number_template",
        )

    async def test_per_customer_scope_switches_to_the_prefix_default(self, api: TenantApi) -> None:
        updated = expect(await patch(api, invoice_number_scope="customer"), 200)
        assert updated["invoice_number_scope"] == "customer"
        assert updated["invoice_number_template"] == "{prefix}-{seq:04}"
        back = expect(await patch(api, invoice_number_scope="account"), 200)
        assert back["invoice_number_template"] == "#{seq:04}"

    async def test_per_customer_scope_keeps_a_custom_template_with_prefix(
        self, api: TenantApi
    ) -> None:
        expect(await patch(api, invoice_number_template="{prefix}/{yyyy}/{seq}"), 200)
        updated = expect(await patch(api, invoice_number_scope="customer"), 200)
        assert updated["invoice_number_template"] == "{prefix}/{yyyy}/{seq}"

    async def test_per_customer_scope_needs_the_prefix(self, api: TenantApi) -> None:
        expect(await patch(api, invoice_number_template="INV-{seq:04}"), 200)
        problem(await patch(api, invoice_number_scope="customer"), 422, "invalid_number_template")
        assert (await account(api))["invoice_number_scope"] == "account"
        problem(
            await patch(api, invoice_number_scope="customer", invoice_number_template="{seq}"),
            422,
            "invalid_number_template",
        )

    async def test_unknown_scope_is_400(self, api: TenantApi) -> None:
        problem(await patch(api, invoice_number_scope="global"), 400, "validation_error")


class TestNextNumber:
    async def test_moves_forward(self, api: TenantApi) -> None:
        updated = expect(await patch(api, invoice_number_next=1000), 200)
        assert updated["invoice_number_next"] == 1000
        assert (await account(api))["invoice_number_next"] == 1000
        assert (await api.open_invoice())["number"] == "#1000"
        assert (await account(api))["invoice_number_next"] == 1001

    async def test_same_value_is_accepted(self, api: TenantApi) -> None:
        await api.open_invoice()
        assert expect(await patch(api, invoice_number_next=2), 200)["invoice_number_next"] == 2
        assert (await api.open_invoice())["number"] == "#0002"

    async def test_backwards_is_refused_no_silent_reset(self, api: TenantApi) -> None:
        for _ in range(3):
            await api.open_invoice()
        body = problem(
            await patch(api, invoice_number_next=2, name="Changed"),
            422,
            "invoice_number_next_too_low",
        )
        assert body["errors"][0]["param"] == "invoice_number_next"
        current = await account(api)
        assert (current["invoice_number_next"], current["name"]) == (4, "Test Co")
        assert (await api.open_invoice())["number"] == "#0004"

    async def test_backwards_after_moving_forward_is_refused(self, api: TenantApi) -> None:
        expect(await patch(api, invoice_number_next=50), 200)
        problem(await patch(api, invoice_number_next=49), 422, "invoice_number_next_too_low")
        assert (await api.open_invoice())["number"] == "#0050"

    @pytest.mark.parametrize("value", [0, -1, "10", 1.5, 10**15 + 1])
    async def test_bad_values_are_400(self, api: TenantApi, value: object) -> None:
        problem(await patch(api, invoice_number_next=value), 400, "validation_error")
        assert (await account(api))["invoice_number_next"] == 1

    async def test_large_start_value(self, api: TenantApi) -> None:
        expect(await patch(api, invoice_number_next=10**15), 200)
        assert (await api.open_invoice())["number"] == f"#{10**15}"

    async def test_other_accounts_are_untouched(self, api: TenantApi, other_api: TenantApi) -> None:
        expect(await patch(api, invoice_number_next=77), 200)
        assert (await account(other_api))["invoice_number_next"] == 1
        assert (await other_api.open_invoice())["number"] == "#0001"
