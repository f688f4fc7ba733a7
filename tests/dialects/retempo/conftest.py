from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from remit.runtime import Runtime
from tests.support import TenantApi, expect

ROOT = "/retempo/api/v1"
PAYER_ADDRESS = "0x" + "a1" * 20
MERCHANT_ADDRESS = "0x" + "b2" * 20


@dataclass
class Retempo:
    """Retempo's API as the account of `api`, with the objects most tests need."""

    api: TenantApi

    async def post(self, path: str, body: Any = None, **kwargs: Any):  # type: ignore[no-untyped-def]
        return await self.api.post(ROOT + path, body, **kwargs)

    async def get(self, path: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return await self.api.get(ROOT + path, **kwargs)

    async def service(self, **fields: Any) -> dict[str, Any]:
        body = {"name": "Oracle feed", "owner": {"email": "dev@example.com", "name": "Dev"}}
        return expect(await self.post("/services", {**body, **fields}), 201)["service"]

    async def plan(self, service_id: str, **fields: Any) -> dict[str, Any]:
        body = {"name": "Pro", "pricingType": "FIXED_RECURRING", "billingInterval": "MONTH"}
        body |= {"amount": "49.000000", **fields}
        return expect(await self.post(f"/services/{service_id}/plans", body), 201)["plan"]

    async def user(self, **fields: Any) -> dict[str, Any]:
        body = {"email": "payer@example.com", "name": "Payer", **fields}
        return expect(await self.post("/users", body), 201)["user"]

    async def context(self) -> dict[str, str]:
        """A service, its plan and a payer: a valid invoice body's ids."""
        service = await self.service()
        plan = await self.plan(service["id"])
        user = await self.user()
        return {"serviceId": service["id"], "paymentPlanId": plan["id"], "userId": user["id"]}

    async def invoice(self, **fields: Any) -> dict[str, Any]:
        body = {**(await self.context()), "amount": "49", **fields}
        return expect(await self.post("/invoices", body), 201)["invoice"]

    async def settle(self, invoice_id: str, reference: str, **fields: Any):  # type: ignore[no-untyped-def]
        body = {
            "invoiceId": invoice_id, "referenceHash": reference,
            "payerAddress": PAYER_ADDRESS, "merchantAddress": MERCHANT_ADDRESS, **fields,
        }  # fmt: skip
        return await self.post("/settlements", body)


def reference(n: int) -> str:
    return "0x" + f"{n:064x}"


@pytest.fixture
def retempo(api: TenantApi) -> Retempo:
    return Retempo(api)


@pytest.fixture
def confirmer(runtime: Runtime) -> Iterator[Any]:
    """Switch the runtime's Retempo confirmer for one test."""
    original = runtime.settings

    def use(name: str) -> None:
        runtime.settings = replace(original, retempo_confirmer=name)

    yield use
    runtime.settings = original


@pytest.fixture
def anonymous(runtime: Runtime) -> Iterator[Any]:
    original = runtime.settings

    def use(account_id: str | None) -> None:
        runtime.settings = replace(original, retempo_anonymous_account=account_id)

    yield use
    runtime.settings = original
