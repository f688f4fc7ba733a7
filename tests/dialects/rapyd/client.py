"""A minimal Rapyd client for tests: signs each request the way Rapyd documents it."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx

from remit.api_keys.service import issue_hmac_key
from remit.dialects.rapyd.signature import request_signature
from remit.runtime import Runtime
from tests.support import acting_for


@dataclass
class RapydCredentials:
    access_key: str
    secret_key: str


async def issue_rapyd_key(runtime: Runtime, account_id: str) -> RapydCredentials:
    async with acting_for(runtime, account_id) as ctx:
        issued = await issue_hmac_key(ctx, "rapyd", "rak_", "rsk_", ["*"])
    return RapydCredentials(issued.public_id, issued.secret)


def signed_headers(
    credentials: RapydCredentials,
    method: str,
    path: str,
    body: str,
    *,
    timestamp: int | None = None,
    salt: str | None = None,
) -> dict[str, str]:
    salt = salt or secrets.token_hex(6)
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "access_key": credentials.access_key,
        "salt": salt,
        "timestamp": stamp,
        "signature": request_signature(
            method, path, salt, stamp, credentials.access_key, credentials.secret_key, body
        ),
        "content-type": "application/json",
    }


class RapydApi:
    """`await rapyd.post("/v1/invoices", {...})` → the parsed envelope (and `.last`)."""

    def __init__(self, http: httpx.AsyncClient, credentials: RapydCredentials) -> None:
        self.http, self.credentials = http, credentials
        self.last: httpx.Response | None = None

    async def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        text = "" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        signed = signed_headers(self.credentials, method, path, text)
        response = await self.http.request(
            method, "/rapyd" + path, content=text.encode(), headers={**signed, **(headers or {})}
        )
        self.last = response
        return response.json()

    async def get(self, path: str) -> dict[str, Any]:
        return await self.call("GET", path)

    async def post(
        self, path: str, body: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        return await self.call("POST", path, body, **kw)

    async def delete(self, path: str) -> dict[str, Any]:
        return await self.call("DELETE", path)


def data(envelope: dict[str, Any]) -> Any:
    assert envelope["status"]["status"] == "SUCCESS", envelope["status"]
    return envelope["data"]


def error_code(envelope: dict[str, Any]) -> str:
    status = envelope["status"]
    assert status["status"] == "ERROR" and "data" not in envelope, envelope
    assert status["error_code"] == status["response_code"]
    return status["error_code"]
