"""Who is calling Retempo's API: a remit API key, or (when configured) an anonymous account.

Retempo's own server has no authentication. remit takes `Authorization: Bearer <remit key>`;
with `REMIT_RETEMPO_ANONYMOUS_ACCOUNT=acct_…`, a request without the header acts as that
account with every scope, in test mode (for clients written against the open-source server;
an unauthenticated caller never touches live data).
"""

from __future__ import annotations

from starlette.requests import Request

from remit.api import auth
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.dialects.retempo.envelope import RetempoError
from remit.kernel.problems import Forbidden, Unauthorized

ANONYMOUS_ACTOR = "retempo:anonymous"


async def authenticate(request: Request, scope: str) -> Principal:
    anonymous = runtime_of(request).settings.retempo_anonymous_account
    if anonymous and "authorization" not in request.headers:
        principal = Principal(anonymous, ANONYMOUS_ACTOR, ("*",), livemode=False)
        return auth.admit(request, principal)
    try:
        return auth.check_scope(await auth.authenticate(request), scope)
    except Unauthorized as exc:
        raise RetempoError(401, exc.detail) from None
    except Forbidden as exc:
        raise RetempoError(403, exc.detail) from None
