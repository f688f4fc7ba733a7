"""Rapyd's signatures: the digest's vectors, the SDKs' canonical bodies, and refusals."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from remit.dialects.rapyd.signature import (
    body_candidates,
    request_signature,
    verify_request,
    webhook_signature,
)
from remit.dialects.rapyd.webhooks import RapydWebhooks
from remit.webhooks.formats import EventView
from tests.dialects.rapyd.client import RapydApi, error_code, signed_headers

REQUEST_VECTOR = (
    "MGY4NDgyZjcwZmU2ZmMxOWM2M2RhMDRhYmRiOGM1Yjg2N2FkZDQ5ZDQ0YTU2ZDRhNjI0YzFkYWJkNjhhNjdhNA=="
)
WEBHOOK_VECTOR = (
    "Y2ZlNGNlYzVmM2QyZmZiNjk4MTVjMzE2ZjFhMWRlNGY3MmIwZTFmOTBlNjliMGUxNWZmOTJiMTliNDYzMTE1Ng=="
)


def test_the_digests_request_vector() -> None:
    body = '{"customer":"cus_1","currency":"USD"}'
    args = ("post", "/v1/invoices", "abcdefgh12", "1700000000", "AK123", "SK456")
    assert request_signature(*args, body) == REQUEST_VECTOR
    assert verify_request(REQUEST_VECTOR, *args, body.encode())
    assert not verify_request(REQUEST_VECTOR, *args, body.replace("USD", "USE").encode())


def test_the_digests_webhook_vector() -> None:
    body = '{"id":"wh_1","type":"INVOICE_CREATED"}'
    assert (
        webhook_signature(
            "https://example.com/rapyd-webhook", "abcdefgh12", "1700000000", "AK123", "SK456", body
        )
        == WEBHOOK_VECTOR
    )


def test_candidates_cover_both_sdks_bodies() -> None:
    sent = json.dumps({"name": "Zoë", "n": None}).encode()  # rapyd-sdk: spaced, escaped
    assert '{"name":"Zoë","n":null}' in body_candidates(sent)
    compact = '{"name":"Zoë"}'.encode()  # rapyd-py: sends unescaped, signs escaped
    assert '{"name":"Zo\\u00eb"}' in body_candidates(compact)
    assert "" in body_candidates(b"{}") and body_candidates(b"") == [""]


class TestRefusals:
    async def _customers(self, rapyd: RapydApi, headers: dict[str, str], body: str = "") -> dict:  # type: ignore[type-arg]
        response = await rapyd.http.post("/rapyd/v1/customers", content=body.encode(),
                                         headers=headers)  # fmt: skip
        assert response.status_code == 401
        return response.json()

    async def test_a_changed_byte_is_401(self, rapyd: RapydApi) -> None:
        body = '{"name":"Ada"}'
        headers = signed_headers(rapyd.credentials, "post", "/v1/customers", body)
        envelope = await self._customers(rapyd, headers, body.replace("Ada", "Adb"))
        assert error_code(envelope) == "UNAUTHENTICATED_API_CALL"

    async def test_a_61_second_old_timestamp_is_401(self, rapyd: RapydApi) -> None:
        body = '{"name":"Ada"}'
        old = int(time.time()) - 61
        headers = signed_headers(rapyd.credentials, "post", "/v1/customers", body, timestamp=old)
        assert error_code(await self._customers(rapyd, headers, body)) == "UNAUTHENTICATED_API_CALL"

    async def test_an_unknown_access_key_is_401(self, rapyd: RapydApi) -> None:
        body = '{"name":"Ada"}'
        headers = signed_headers(rapyd.credentials, "post", "/v1/customers", body)
        headers["access_key"] = "rak_01m8t7wm96bf43sv4kcsgcqxwg"
        assert error_code(await self._customers(rapyd, headers, body)) == "UNAUTHENTICATED_API_CALL"

    async def test_a_correct_signature_passes(self, rapyd: RapydApi) -> None:
        body = '{"name":"Ada"}'
        headers = signed_headers(rapyd.credentials, "post", "/v1/customers", body)
        response = await rapyd.http.post("/rapyd/v1/customers", content=body.encode(),
                                         headers=headers)  # fmt: skip
        assert response.status_code == 200 and response.json()["data"]["name"] == "Ada"


def test_webhooks_verify_with_rapyd_py() -> None:
    from rapyd.webhooks import parse_webhook_event

    created = datetime(2026, 12, 2, tzinfo=UTC)
    native = {
        "id": "inv_01m8t7wm96bf43sv4kcsgcqxwg", "customer": "cus_1", "currency": "USD",
        "collection_method": "send_invoice", "status": "open",
        "created_at": "2026-12-02T00:00:00.000Z",
        "days_until_due": 30, "due_at": None, "subtotal": "10.50", "tax_amount": "0.00",
        "total": "10.50", "lines": [], "metadata": {}, "attempt_count": 0,
    }  # fmt: skip
    event = EventView(id="evt_01m8t7wm96bf43sv4kcsgcqxwg", type="invoice.finalized",
                      account_id="acct_1", livemode=False, data=native,
                      created_at=created)  # fmt: skip
    style = RapydWebhooks()
    body = style.body(event)
    assert '"total":10.5' in body and '"type":"INVOICE_FINALIZED"' in body
    url = "http://127.0.0.1:9/hooks/rapyd"
    headers = style.headers(("AK123", "SK456"), event.id, created, body, url)
    parsed = parse_webhook_event(body, salt=headers["salt"], timestamp=headers["timestamp"],
                                 signature=headers["signature"], access_key="AK123",
                                 secret_key="SK456", webhook_url=url)  # fmt: skip
    assert parsed.type == "INVOICE_FINALIZED"
    assert webhook_signature(url, headers["salt"], headers["timestamp"], "AK123", "SK456",
                             body) == headers["signature"]  # fmt: skip
    assert not style.carries("customer.created") and style.carries("invoice.paid")
