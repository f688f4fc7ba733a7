"""`/v1/customers` (SPEC §2): create, read, update, delete, list — per account."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support import TenantApi, expect, params, problem

MISSING = "cus_" + "0" * 26


async def event_types(api: TenantApi, object_id: str) -> list[str]:
    listed = expect(await api.get("/v1/events", params={"related_object": object_id}), 200)
    return [event["type"] for event in reversed(listed["data"])]


async def listed_ids(api: TenantApi, **query: Any) -> list[str]:
    listed = expect(await api.get("/v1/customers", params={"limit": 100, **query}), 200)
    return [customer["id"] for customer in listed["data"]]


class TestCreateCustomer:
    async def test_all_fields_are_kept(self, api: TenantApi) -> None:
        address = {"line1": "Bahnhofstr. 1", "postal_code": "8001", "city": "Zürich",
                   "country": "CH"}  # fmt: skip
        body = {
            "handle": "cust.0001@shop",
            "email": "ada@example.com",
            "name": "Ada Lovelace",
            "phone": "+41 44 000 00 00",
            "billing_address": address,
            "shipping_address": address,
            "tax_id": "CHE-123.456.789",
            "locale": "de-CH",
            "invoice_prefix": "ADA",
            "metadata": {"crm": "42"},
        }
        customer = expect(await api.post("/v1/customers", body), 201)
        assert customer["id"].startswith("cus_")
        assert customer["object"] == "customer"
        for field, value in body.items():
            assert customer[field] == value, field
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200) == customer

    async def test_an_invoice_prefix_is_generated(self, api: TenantApi) -> None:
        first, second = await api.customer(), await api.customer()
        for customer in (first, second):
            assert re.fullmatch(r"[A-Z0-9]{3,12}", customer["invoice_prefix"])
        assert first["invoice_prefix"] != second["invoice_prefix"]

    async def test_every_field_is_optional(self, api: TenantApi) -> None:
        customer = expect(await api.post("/v1/customers", {}), 201)
        assert (customer["email"], customer["name"], customer["handle"]) == (None, None, None)

    async def test_writes_customer_created(self, api: TenantApi) -> None:
        customer = await api.customer()
        assert await event_types(api, customer["id"]) == ["customer.created"]

    async def test_duplicate_handle_is_409(self, api: TenantApi) -> None:
        await api.customer(handle="acme")
        body = problem(await api.post("/v1/customers", {"handle": "acme"}), 409, "duplicate_handle")
        assert params(body) == {"handle"}
        assert len(await listed_ids(api)) == 1

    async def test_handles_are_per_account(self, api: TenantApi, other_api: TenantApi) -> None:
        await other_api.customer(handle="acme")
        assert (await api.customer(handle="acme"))["handle"] == "acme"

    async def test_duplicate_invoice_prefix_is_409(self, api: TenantApi) -> None:
        await api.customer(invoice_prefix="ACME")
        body = problem(
            await api.post("/v1/customers", {"invoice_prefix": "ACME"}),
            409,
            "duplicate_invoice_prefix",
        )
        assert params(body) == {"invoice_prefix"}

    async def test_every_bad_field_is_listed(self, api: TenantApi) -> None:
        body = problem(
            await api.post(
                "/v1/customers",
                {
                    "handle": "no spaces allowed",
                    "email": "not-an-email",
                    "invoice_prefix": "ab",
                    "locale": "!!",
                    "billing_address": {"country": "Germany"},
                    "name": "x" * 256,
                    "colour": "blue",
                },
            ),
            400,
            "validation_error",
        )
        assert params(body) == {
            "handle",
            "email",
            "invoice_prefix",
            "locale",
            "billing_address.country",
            "name",
            "colour",
        }

    @pytest.mark.parametrize("raw", [b'{"name": ', b"{", b'{"name": "x"', b"\xff"])
    async def test_malformed_json_is_400_and_creates_nothing(
        self, api: TenantApi, raw: bytes
    ) -> None:
        problem(await api.post("/v1/customers", content=raw), 400, "malformed_json")
        assert await listed_ids(api) == []

    @pytest.mark.parametrize("handle", ["a", "A.b_c-d@e", "x" * 255])
    async def test_handle_pattern_accepts(self, api: TenantApi, handle: str) -> None:
        assert (await api.customer(handle=handle))["handle"] == handle

    @pytest.mark.parametrize("handle", ["", "a b", "ä", "x" * 256, "a/b"])
    async def test_handle_pattern_refuses(self, api: TenantApi, handle: str) -> None:
        problem(await api.post("/v1/customers", {"handle": handle}), 400, "validation_error")

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        reader = await api.with_scopes("customers:read")
        problem(await reader.post("/v1/customers", {"name": "X"}), 403, "insufficient_scope")
        assert await listed_ids(api) == []

    async def test_without_a_key_is_401(self, api: TenantApi, raw_api) -> None:
        problem(await raw_api.post("/v1/customers", {"name": "X"}), 401, "unauthorized")


class TestGetCustomer:
    async def test_unknown_is_404(self, api: TenantApi) -> None:
        problem(await api.get(f"/v1/customers/{MISSING}"), 404, "resource_missing")

    async def test_another_accounts_customer_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer()
        problem(await api.get(f"/v1/customers/{theirs['id']}"), 404, "resource_missing")

    async def test_invoices_scope_does_not_read_customers(self, api: TenantApi) -> None:
        customer = await api.customer()
        reader = await api.with_scopes("invoices:read")
        problem(await reader.get(f"/v1/customers/{customer['id']}"), 403, "insufficient_scope")


class TestUpdateCustomer:
    async def test_only_the_fields_sent_change(self, api: TenantApi) -> None:
        customer = await api.customer(name="Old", phone="123", handle="h1")
        updated = expect(await api.patch(f"/v1/customers/{customer['id']}", {"name": "New"}), 200)
        assert (updated["name"], updated["phone"], updated["handle"]) == ("New", "123", "h1")
        assert updated["email"] == customer["email"]
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200) == updated

    async def test_null_clears_but_the_prefix_stays(self, api: TenantApi) -> None:
        customer = await api.customer(phone="123", invoice_prefix="KEEP")
        updated = expect(
            await api.patch(
                f"/v1/customers/{customer['id']}", {"phone": None, "invoice_prefix": None}
            ),
            200,
        )
        assert (updated["phone"], updated["invoice_prefix"]) == (None, "KEEP")

    async def test_metadata_merges_and_null_removes(self, api: TenantApi) -> None:
        customer = await api.customer(metadata={"a": "1", "b": "2"})
        updated = expect(
            await api.patch(f"/v1/customers/{customer['id']}", {"metadata": {"b": None, "c": "3"}}),
            200,
        )
        assert updated["metadata"] == {"a": "1", "c": "3"}

    async def test_writes_customer_updated(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await api.patch(f"/v1/customers/{customer['id']}", {"name": "N"}), 200)
        assert await event_types(api, customer["id"]) == ["customer.created", "customer.updated"]

    async def test_handle_taken_by_another_customer_is_409(self, api: TenantApi) -> None:
        await api.customer(handle="taken")
        customer = await api.customer(handle="mine")
        problem(
            await api.patch(f"/v1/customers/{customer['id']}", {"handle": "taken", "name": "X"}),
            409,
            "duplicate_handle",
        )
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200) == customer

    async def test_keeping_ones_own_handle_is_fine(self, api: TenantApi) -> None:
        customer = await api.customer(handle="mine", invoice_prefix="MINE")
        updated = expect(
            await api.patch(
                f"/v1/customers/{customer['id']}", {"handle": "mine", "invoice_prefix": "MINE"}
            ),
            200,
        )
        assert updated["handle"] == "mine"

    async def test_invalid_change_is_400_and_nothing_changes(self, api: TenantApi) -> None:
        customer = await api.customer()
        problem(
            await api.patch(f"/v1/customers/{customer['id']}", {"name": "Y", "email": "bad"}),
            400,
            "validation_error",
        )
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200) == customer

    async def test_another_accounts_customer_is_404_and_unchanged(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer(name="Theirs")
        problem(
            await api.patch(f"/v1/customers/{theirs['id']}", {"name": "Mine"}),
            404,
            "resource_missing",
        )
        assert expect(await other_api.get(f"/v1/customers/{theirs['id']}"), 200) == theirs

    async def test_a_read_only_key_is_403(self, api: TenantApi) -> None:
        customer = await api.customer()
        reader = await api.with_scopes("customers:read")
        problem(
            await reader.patch(f"/v1/customers/{customer['id']}", {"name": "X"}),
            403,
            "insufficient_scope",
        )


class TestDeleteCustomer:
    async def test_deleted_customer_is_gone_from_reads_and_lists(self, api: TenantApi) -> None:
        kept = await api.customer()
        gone = await api.customer()
        response = await api.delete(f"/v1/customers/{gone['id']}")
        assert (response.status_code, response.content) == (204, b"")
        problem(await api.get(f"/v1/customers/{gone['id']}"), 404, "resource_missing")
        problem(
            await api.patch(f"/v1/customers/{gone['id']}", {"name": "x"}), 404, "resource_missing"
        )
        problem(await api.delete(f"/v1/customers/{gone['id']}"), 404, "resource_missing")
        assert await listed_ids(api) == [kept["id"]]
        assert (await event_types(api, gone["id"]))[-1] == "customer.deleted"

    async def test_invoices_of_a_deleted_customer_stay_readable(self, api: TenantApi) -> None:
        customer = await api.customer()
        invoice = await api.open_invoice(customer=customer["id"])
        expect(await api.delete(f"/v1/customers/{customer['id']}"), 204)
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert again == invoice

    async def test_handle_is_free_again_but_the_prefix_is_not(self, api: TenantApi) -> None:
        customer = await api.customer(handle="acme", invoice_prefix="ACME")
        expect(await api.delete(f"/v1/customers/{customer['id']}"), 204)
        again = await api.customer(handle="acme")
        assert again["id"] != customer["id"]
        # numbers made with the prefix live on in the deleted customer's invoices
        problem(
            await api.post("/v1/customers", {"invoice_prefix": "ACME"}),
            409,
            "duplicate_invoice_prefix",
        )

    async def test_another_accounts_customer_is_404_and_kept(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.customer()
        problem(await api.delete(f"/v1/customers/{theirs['id']}"), 404, "resource_missing")
        expect(await other_api.get(f"/v1/customers/{theirs['id']}"), 200)


class TestListCustomers:
    async def test_newest_first_and_paginated(self, api: TenantApi) -> None:
        made = [(await api.customer(email=f"c{i}@example.com"))["id"] for i in range(5)]
        first = expect(await api.get("/v1/customers", params={"limit": 3}), 200)
        assert [c["id"] for c in first["data"]] == [made[4], made[3], made[2]]
        assert (first["has_more"], first["next_cursor"]) == (True, made[2])
        rest = expect(
            await api.get("/v1/customers", params={"limit": 3, "starting_after": made[2]}), 200
        )
        assert [c["id"] for c in rest["data"]] == [made[1], made[0]]
        assert rest["has_more"] is False

    async def test_filters_by_email_and_handle(self, api: TenantApi) -> None:
        ada = await api.customer(email="ada@example.com", handle="ada")
        await api.customer(email="bob@example.com", handle="bob")
        assert await listed_ids(api, email="ada@example.com") == [ada["id"]]
        assert await listed_ids(api, handle="ada") == [ada["id"]]
        assert await listed_ids(api, email="nobody@example.com") == []

    async def test_only_the_accounts_own(self, api: TenantApi, other_api: TenantApi) -> None:
        mine = await api.customer(email="same@example.com")
        await other_api.customer(email="same@example.com")
        assert await listed_ids(api) == [mine["id"]]
        assert await listed_ids(api, email="same@example.com") == [mine["id"]]

    async def test_bad_cursor_is_400(self, api: TenantApi) -> None:
        problem(
            await api.get("/v1/customers", params={"starting_after": "inv_" + "0" * 26}),
            400,
            "validation_error",
        )
