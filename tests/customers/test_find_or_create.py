"""Finding a customer by e-mail, or making one (the inline customer of an invoice, Retempo's
users, Whop's `email_address`): one core rule, race-free.

E-mail is not unique per account (docs/api.md): the oldest live customer with the address is
the one found. Two requests with a new address at once make one customer: the first holds a
lock on the address (an advisory lock on PostgreSQL; SQLite has one writer at a time).
"""

from __future__ import annotations

import asyncio

import httpx

from remit.db.locking import lock_key
from remit.runtime import Runtime
from tests.support import TenantApi, expect, while_held


async def _invoice_for(api: TenantApi, email: str, name: str = "New") -> httpx.Response:
    body = {"customer": {"email": email, "name": name}, "lines": [{"unit_amount": "1.00"}]}
    return await api.post("/v1/invoices", body)


async def _customers_with(api: TenantApi, email: str) -> list[dict]:
    listed = expect(await api.get("/v1/customers", params={"email": email}), 200)
    return listed["data"]


class TestFindOrCreate:
    async def test_an_address_already_known_finds_the_oldest_customer(self, api: TenantApi) -> None:
        first = await api.customer(email="twice@example.com", name="First")
        await api.customer(email="twice@example.com", name="Second")
        invoice = expect(await _invoice_for(api, "twice@example.com"), 201)
        assert invoice["customer"] == first["id"]
        assert len(await _customers_with(api, "twice@example.com")) == 2

    async def test_a_new_address_makes_one_customer(self, api: TenantApi) -> None:
        invoice = expect(await _invoice_for(api, "fresh@example.com", "Fresh"), 201)
        [made] = await _customers_with(api, "fresh@example.com")
        assert invoice["customer"] == made["id"] and made["name"] == "Fresh"

    async def test_a_deleted_customer_is_not_found(self, api: TenantApi) -> None:
        gone = await api.customer(email="gone@example.com")
        expect(await api.delete(f"/v1/customers/{gone['id']}"), 204)
        invoice = expect(await _invoice_for(api, "gone@example.com"), 201)
        assert invoice["customer"] != gone["id"]


class TestRaces:
    async def test_two_requests_with_a_new_address_make_one_customer(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        email = "race@example.com"
        requests = [_invoice_for(api, email, "A"), _invoice_for(api, email, "B")]
        if backend == "postgresql":  # both wait on the address's lock, held here
            key = lock_key("customer-email", api.account_id, email)
            lock = "SELECT pg_advisory_xact_lock(:key)"
            responses = await while_held(runtime, lock, {"key": key}, requests)
        else:
            responses = await asyncio.gather(*requests)
        invoices = [expect(response, 201) for response in responses]
        [customer] = await _customers_with(api, email)
        assert {invoice["customer"] for invoice in invoices} == {customer["id"]}

    async def test_many_concurrent_requests_make_one_customer(self, api: TenantApi) -> None:
        email = "crowd@example.com"
        responses = await asyncio.gather(*(_invoice_for(api, email) for _ in range(6)))
        assert all(response.status_code == 201 for response in responses)
        assert len(await _customers_with(api, email)) == 1
