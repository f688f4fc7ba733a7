from __future__ import annotations

import pytest

from tests.dialects.rapyd.client import RapydApi, issue_rapyd_key
from tests.support import TenantApi


@pytest.fixture
async def rapyd(api: TenantApi) -> RapydApi:
    """Rapyd's API as the same account as `api`."""
    return RapydApi(api.http, await issue_rapyd_key(api.runtime, api.account_id))
