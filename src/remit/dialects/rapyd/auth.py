"""Rapyd's request signature → a remit principal (digest §3.2).

Headers `access_key`, `salt`, `timestamp`, `signature`; the timestamp must be at most 60 s
old and not ahead of the server's clock; the signature must match one of the canonical
bodies the SDKs sign. Anything else is 401 `UNAUTHENTICATED_API_CALL`.
"""

from __future__ import annotations

from starlette.requests import Request

from remit.api.auth import admit, hmac_principal
from remit.api.middleware import received_at
from remit.api_keys.service import Principal
from remit.dialects.rapyd.envelope import RapydError
from remit.dialects.rapyd.signature import verify_request

KIND = "rapyd"
ACCESS_PREFIX = "rak_"
SECRET_PREFIX = "rsk_"
PREFIX = "/rapyd"
WINDOW_SECONDS = 60
CLOCK_SKEW_SECONDS = 1  # whole-second timestamps of a client a tick ahead

_UNAUTHENTICATED = (
    "The request was rejected because its authentication failed: the access key is unknown, "
    "the timestamp is not within 60 seconds of the server's time, or the signature did not "
    "match. Corrective action: (1) Remove all whitespace that is not inside a string. "
    "(2) Remove trailing zeroes and decimal points, or wrap numbers in a string. (3) Use the "
    "current Unix time in seconds and the keys of this account."
)


def unauthenticated() -> RapydError:
    return RapydError("UNAUTHENTICATED_API_CALL", _UNAUTHENTICATED, status=401)


def signed_path(request: Request) -> str:
    """The path the client signed: from `/v1`, query included, exactly as sent."""
    path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    path = path.removeprefix(PREFIX)
    return f"{path}?{query}" if query else path


async def authenticate(request: Request) -> Principal:
    headers = request.headers
    access_key, salt = headers.get("access_key"), headers.get("salt")
    stamp, signature = headers.get("timestamp"), headers.get("signature")
    if not (access_key and salt and stamp and signature) or not stamp.isdigit():
        raise unauthenticated()
    age = int(received_at(request).timestamp()) - int(stamp)
    if not -CLOCK_SKEW_SECONDS <= age <= WINDOW_SECONDS:
        raise unauthenticated()
    found = await hmac_principal(request, KIND, ACCESS_PREFIX, access_key)
    if found is None:
        raise unauthenticated()
    principal, secret_key = found
    body = await request.body()
    if not verify_request(
        signature, request.method, signed_path(request), salt, stamp, access_key, secret_key, body
    ):
        raise unauthenticated()
    return admit(request, principal)
