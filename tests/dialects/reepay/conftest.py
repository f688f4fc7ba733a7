from __future__ import annotations

import pytest

from tests.dialects.reepay.client import ReepayApi, issue_private_key
from tests.support import TenantApi
from tests.webhooks.conftest import receiver, worker  # noqa: F401  (the webhook suite's fixtures)


@pytest.fixture
async def reepay(api: TenantApi) -> ReepayApi:
    """Reepay's API as the same account as `api`."""
    assert api.runtime is not None
    return ReepayApi(api.http, await issue_private_key(api.runtime, api.account_id, ["*"]))
