"""Manual adjustments of a customer's balance, the ledger's list and the balance per currency
(Stripe's sign: negative is credit in the customer's favour)."""

from __future__ import annotations

import pytest

from tests.api.resources import list_all
from tests.balances.helpers import adjust, balance_is_the_ledger, balances, ledger, ledger_path
from tests.support import TenantApi, event_types, expect, problem


class TestCreateAdjustment:
    async def test_a_credit_is_written_with_its_ending_balance(self, api: TenantApi) -> None:
        customer = await api.customer()
        response = await adjust(api, customer["id"], "-12.00", description="Goodwill",
                                metadata={"t": "1"})  # fmt: skip
        created = expect(response, 201)
        assert created["id"].startswith("cbtxn_")
        assert created["object"] == "customer_balance_transaction"
        assert (created["customer"], created["currency"], created["type"]) == (
            customer["id"], "USD", "adjustment",
        )  # fmt: skip
        assert (created["amount"], created["ending_balance"]) == ("-12.00", "-12.00")
        assert (created["invoice"], created["credit_note"], created["settlement"]) == (None,) * 3
        assert (created["description"], created["metadata"]) == ("Goodwill", {"t": "1"})
        assert created["livemode"] is False
        path = f"{ledger_path(customer['id'])}/{created['id']}"
        assert expect(await api.get(path), 200) == created
        assert await balances(api, customer["id"]) == {"USD": "-12.00"}

    async def test_adjustments_add_up_per_currency(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "-12.00"), 201)
        expect(await adjust(api, customer["id"], "2.50"), 201)
        expect(await adjust(api, customer["id"], "-1000", currency="JPY"), 201)
        third = expect(await adjust(api, customer["id"], "0.000001", currency="USDC"), 201)
        assert third["amount"] == "0.000001"
        assert await balance_is_the_ledger(api, customer["id"]) == {
            "JPY": "-1000", "USD": "-9.50", "USDC": "0.000001",
        }  # fmt: skip
        assert [t["ending_balance"] for t in await ledger(api, customer["id"])] == [
            "-12.00", "-9.50", "-1000", "0.000001",
        ]  # fmt: skip

    async def test_a_json_number_is_read_exactly(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = '{"amount": -0.10, "currency": "USD"}'
        created = expect(await api.post(ledger_path(customer["id"]), content=body), 201)
        assert created["amount"] == "-0.10"

    async def test_a_customer_without_transactions_has_no_balance(self, api: TenantApi) -> None:
        customer = await api.customer()
        assert await balances(api, customer["id"]) == {}
        assert await ledger(api, customer["id"]) == []

    async def test_the_event_carries_the_transaction(self, api: TenantApi) -> None:
        customer = await api.customer()
        created = expect(await adjust(api, customer["id"], "5.00"), 201)
        assert await event_types(api, created["id"]) == ["customer.balance_transaction.created"]
        found = expect(await api.get("/v1/events", params={"related_object": created["id"]}), 200)
        assert found["data"][0]["data"]["object"] == created

    async def test_an_idempotency_key_adjusts_once(self, api: TenantApi) -> None:
        customer = await api.customer()
        headers = {"Idempotency-Key": "adjust-once"}
        body = {"amount": "-3.00", "currency": "USD"}
        first = await api.post(ledger_path(customer["id"]), body, headers=headers)
        again = await api.post(ledger_path(customer["id"]), body, headers=headers)
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json() == expect(first, 201)
        assert await balances(api, customer["id"]) == {"USD": "-3.00"}


class TestBadAdjustments:
    @pytest.mark.parametrize(
        ("body", "param", "field_code"),
        [
            ({"amount": "0", "currency": "USD"}, "amount", "zero_amount"),
            ({"amount": "-0.00", "currency": "USD"}, "amount", "zero_amount"),
            ({"amount": "ten", "currency": "USD"}, "amount", "invalid_amount"),
            ({"amount": "1e3", "currency": "USD"}, "amount", "invalid_amount"),
            ({"amount": True, "currency": "USD"}, "amount", "invalid_amount"),
            ({"currency": "USD"}, "amount", "missing"),
            ({"amount": "1.00"}, "currency", "missing"),
            ({"amount": "1.00", "currency": "XYZ"}, "currency", "invalid_currency"),
            ({"amount": "1.00", "currency": "USD", "type": "credit_note"}, "type", None),
            ({"amount": "1.00", "currency": "USD", "metadata": 5}, "metadata", None),
            ({"amount": "1.00", "currency": "USD", "description": "x" * 5001}, "description", None),
        ],
    )
    async def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
        self, api: TenantApi, body: dict, param: str, field_code: str | None
    ) -> None:
        customer = await api.customer()
        events_before = await list_all(api, "/v1/events")
        found = problem(await api.post(ledger_path(customer["id"]), body), 400, found_code(body))
        [error] = [e for e in found["errors"] if e["param"] == param]
        if field_code is not None:
            assert error["code"] == field_code, found
        assert await ledger(api, customer["id"]) == []
        assert await balances(api, customer["id"]) == {}
        assert await list_all(api, "/v1/events") == events_before

    @pytest.mark.parametrize(
        ("amount", "currency", "code"),
        [
            ("1.005", "USD", "amount_too_precise"),
            ("1.5", "JPY", "amount_too_precise"),
            ("1000000000000000.01", "USD", "amount_out_of_range"),
        ],
    )
    async def test_beyond_the_currency_is_a_422_as_everywhere(
        self, api: TenantApi, amount: str, currency: str, code: str
    ) -> None:
        customer = await api.customer()
        found = problem(await adjust(api, customer["id"], amount, currency), 422, code)
        assert [e["param"] for e in found["errors"]] == ["amount"]
        assert await ledger(api, customer["id"]) == []

    async def test_a_balance_beyond_the_range_is_refused(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "-1000000000000000"), 201)
        found = problem(await adjust(api, customer["id"], "-0.01"), 422, "amount_out_of_range")
        assert [e["param"] for e in found["errors"]] == ["amount"]
        assert await balances(api, customer["id"]) == {"USD": "-1000000000000000.00"}

    async def test_a_deleted_customer_has_no_balance_to_adjust(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await api.delete(f"/v1/customers/{customer['id']}"), 204)
        problem(await adjust(api, customer["id"], "-1.00"), 404, "resource_missing")
        problem(await api.get(ledger_path(customer["id"])), 404, "resource_missing")
        problem(await api.get(f"/v1/customers/{customer['id']}/balance"), 404, "resource_missing")

    async def test_another_accounts_customer_is_missing(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer()
        created = expect(await adjust(other_api, theirs["id"], "-1.00"), 201)
        problem(await adjust(api, theirs["id"], "-1.00"), 404, "resource_missing")
        problem(await api.get(f"/v1/customers/{theirs['id']}/balance"), 404, "resource_missing")
        path = f"{ledger_path(theirs['id'])}/{created['id']}"
        problem(await api.get(path), 404, "resource_missing")
        assert await balances(other_api, theirs["id"]) == {"USD": "-1.00"}

    async def test_a_transaction_is_read_under_its_own_customer_only(self, api: TenantApi) -> None:
        first, second = await api.customer(), await api.customer()
        created = expect(await adjust(api, first["id"], "-1.00"), 201)
        path = f"{ledger_path(second['id'])}/{created['id']}"
        problem(await api.get(path), 404, "resource_missing")

    async def test_reading_the_balance_takes_the_customers_read_scope(self, api: TenantApi) -> None:
        customer = await api.customer()
        path = f"/v1/customers/{customer['id']}/balance"
        writer_of_invoices = await api.with_scopes("invoices:write")
        problem(await writer_of_invoices.get(path), 403, "insufficient_scope")
        expect(await (await api.with_scopes("customers:read")).get(path), 200)


def found_code(body: dict) -> str:
    """The problem's code: one unknown currency alone is promoted to the problem's code."""
    return "invalid_currency" if body.get("currency") == "XYZ" else "validation_error"


class TestListFilters:
    async def test_currency_filters_the_list(self, api: TenantApi) -> None:
        customer = await api.customer()
        usd = expect(await adjust(api, customer["id"], "-1.00"), 201)
        expect(await adjust(api, customer["id"], "-1.00", currency="EUR"), 201)
        usd_again = expect(await adjust(api, customer["id"], "3.00"), 201)
        found = await ledger(api, customer["id"], currency="usd")
        assert [t["id"] for t in found] == [usd["id"], usd_again["id"]]
        assert [t["currency"] for t in await ledger(api, customer["id"], currency="EUR")] == ["EUR"]
        assert await ledger(api, customer["id"], currency="GBP") == []

    async def test_an_unknown_currency_filter_is_named(self, api: TenantApi) -> None:
        customer = await api.customer()
        response = await api.get(ledger_path(customer["id"]), params={"currency": "NOPE"})
        found = problem(response, 400, "validation_error")
        assert [e["param"] for e in found["errors"]] == ["currency"]

    async def test_pages_follow_the_cursor_within_a_currency(self, api: TenantApi) -> None:
        customer = await api.customer()
        made = [expect(await adjust(api, customer["id"], f"-{n}.00"), 201) for n in (1, 2, 3)]
        expect(await adjust(api, customer["id"], "-9.00", currency="EUR"), 201)
        path, query = ledger_path(customer["id"]), {"limit": 2, "currency": "USD"}
        first = expect(await api.get(path, params=query), 200)
        assert [t["id"] for t in first["data"]] == [made[2]["id"], made[1]["id"]]
        assert first["has_more"] is True
        rest = expect(
            await api.get(path, params={**query, "starting_after": first["next_cursor"]}), 200
        )
        assert [t["id"] for t in rest["data"]] == [made[0]["id"]]
        assert rest["has_more"] is False

    async def test_another_customers_transactions_are_not_listed(self, api: TenantApi) -> None:
        first, second = await api.customer(), await api.customer()
        expect(await adjust(api, first["id"], "-1.00"), 201)
        assert await ledger(api, second["id"]) == []
