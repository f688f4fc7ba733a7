"""Payment methods: a processor token and what may be shown, never a card number."""

from __future__ import annotations

import pytest

from tests.support import TenantApi, expect, params, problem


def _path(customer: dict) -> str:
    return f"/v1/customers/{customer['id']}/payment_methods"


class TestAttach:
    async def test_a_simulator_card_shows_brand_and_last_four(self, api: TenantApi) -> None:
        customer = await api.customer()
        method = expect(await api.post(_path(customer), {"type": "card", "token": "tok_visa"}), 201)
        assert method["id"].startswith("pm_")
        assert (method["brand"], method["last4"], method["processor"]) == (
            "visa",
            "4242",
            "simulator",
        )
        assert method["is_default"] is False and "token" not in method

    async def test_is_default_makes_it_the_customer_s_default(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = {"type": "card", "token": "tok_visa", "is_default": True}
        method = expect(await api.post(_path(customer), body), 201)
        assert method["is_default"] is True
        assert (
            expect(await api.get(f"/v1/customers/{customer['id']}"), 200)["default_payment_method"]
            == method["id"]
        )

    async def test_a_crypto_wallet_keeps_its_address(self, api: TenantApi) -> None:
        customer = await api.customer()
        address = "0x" + "ab" * 20
        body = {"type": "crypto_wallet", "token": "tok_visa", "wallet_address": address}
        method = expect(await api.post(_path(customer), body), 201)
        assert method["wallet_address"] == address and method["brand"] is None

    @pytest.mark.parametrize(
        ("body", "code", "param"),
        [
            ({"type": "card", "token": "4242424242424242"}, "card_number_not_allowed", "token"),
            ({"type": "card", "token": "4242 4242 4242 4242"}, "card_number_not_allowed", "token"),
            ({"type": "card", "token": "tok_unknown"}, "invalid_token", "token"),
            (
                {"type": "card", "token": "tok_visa", "processor": "acme"},
                "unknown_processor",
                "processor",
            ),
        ],
    )
    async def test_refused_methods_change_nothing(
        self, api: TenantApi, body: dict, code: str, param: str
    ) -> None:
        customer = await api.customer()
        refused = problem(await api.post(_path(customer), body), 422, code)
        assert param in params(refused)
        assert expect(await api.get(_path(customer)), 200)["data"] == []

    async def test_live_mode_refuses_the_simulator(self, api: TenantApi) -> None:
        api = await api.live()
        customer = await api.customer()
        body = {"type": "card", "token": "tok_visa"}
        problem(await api.post(_path(customer), body), 422, "processor_not_allowed_in_live_mode")


class TestListAndDetach:
    async def test_detaching_the_default_clears_it(self, api: TenantApi) -> None:
        customer = await api.customer()
        first = expect(
            await api.post(
                _path(customer), {"type": "card", "token": "tok_visa", "is_default": True}
            ),
            201,
        )
        second = expect(
            await api.post(_path(customer), {"type": "card", "token": "tok_chargeDeclined"}), 201
        )
        listed = expect(await api.get(_path(customer)), 200)["data"]
        assert [m["id"] for m in listed] == [second["id"], first["id"]]
        expect(await api.delete(f"{_path(customer)}/{first['id']}"), 204)
        assert [m["id"] for m in expect(await api.get(_path(customer)), 200)["data"]] == [
            second["id"]
        ]
        after = expect(await api.get(f"/v1/customers/{customer['id']}"), 200)
        assert after["default_payment_method"] is None
        problem(await api.get(f"/v1/payment_methods/{first['id']}"), 404, "resource_missing")

    async def test_another_customer_s_method_cannot_be_detached_through_this_one(
        self, api: TenantApi
    ) -> None:
        owner, other = await api.customer(), await api.customer()
        method = expect(await api.post(_path(owner), {"type": "card", "token": "tok_visa"}), 201)
        problem(await api.delete(f"{_path(other)}/{method['id']}"), 404, "resource_missing")

    async def test_other_accounts_see_nothing(self, api: TenantApi, other_api: TenantApi) -> None:
        customer = await api.customer()
        method = expect(await api.post(_path(customer), {"type": "card", "token": "tok_visa"}), 201)
        problem(await other_api.get(f"/v1/payment_methods/{method['id']}"), 404, "resource_missing")
        problem(await other_api.get(_path(customer)), 404, "resource_missing")
        problem(
            await other_api.delete(f"{_path(customer)}/{method['id']}"), 404, "resource_missing"
        )

    async def test_an_invoice_may_only_name_its_customer_s_method(self, api: TenantApi) -> None:
        owner, other = await api.customer(), await api.customer()
        method = expect(await api.post(_path(owner), {"type": "card", "token": "tok_visa"}), 201)
        response = await api.post(
            "/v1/invoices",
            {
                "customer": other["id"],
                "payment_method": method["id"],
                "lines": [{"unit_amount": "1"}],
            },
        )
        assert "payment_method" in params(problem(response, 404, "resource_missing"))
