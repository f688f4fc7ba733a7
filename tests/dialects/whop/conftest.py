from __future__ import annotations

from typing import Any

import pytest

from tests.support import Api, TenantApi

PREFIX = "/whop/api/v1"


def biz(account_id: str) -> str:
    return "biz_" + account_id.partition("_")[2]


def mber(customer_id: str) -> str:
    return "mber_" + customer_id.partition("_")[2]


class WhopApi:
    """Whop's API as one account (the same bearer key as `api`)."""

    def __init__(self, api: Api, account_id: str) -> None:
        self.api, self.company = api, biz(account_id)

    async def create(self, **fields: Any) -> Any:
        body = {
            "company_id": self.company,
            "collection_method": "send_invoice",
            "due_date": "2031-01-01T00:00:00Z",
            "plan": {"initial_price": 10, "plan_type": "one_time"},
            "product": {"title": "Consulting"},
            "email_address": "ada@example.com",
            "customer_name": "Ada Lovelace",
            **fields,
        }
        return await self.api.post(f"{PREFIX}/invoices", {k: v for k, v in body.items()
                                                          if v is not None})  # fmt: skip

    async def get(self, path: str, **params: Any) -> Any:
        return await self.api.get(PREFIX + path, params=params or None)

    async def post(self, path: str, body: Any = None) -> Any:
        return await self.api.post(PREFIX + path, body)


@pytest.fixture
def whop(api: TenantApi) -> WhopApi:
    return WhopApi(api, api.account_id)
