"""Reepay's webhooks: the digest's signature vector, and real deliveries by the worker to a
loopback receiver for endpoints registered with `format: reepay`."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from remit.dialects.reepay.webhooks import ReepayWebhooks, signature
from tests.dialects.reepay.client import ReepayApi, ok
from tests.support import TenantApi, expect
from tests.webhooks.receiver import Receiver

VECTOR = "1fb4b24846394e9dd4fe7373283760cce585f39dbd6ba5b7417e13f9f1eff3c8"


def test_the_digests_signature_vector() -> None:
    assert signature("whsecret", "2026-01-01T00:00:00.000Z", "ev_123") == VECTOR
    assert signature("whsecret", "2026-01-01T00:00:00.000Z", "ev_124") != VECTOR


def test_the_format_carries_invoice_events_only() -> None:
    style = ReepayWebhooks()
    assert style.carries("invoice.paid") and style.carries("invoice.reopened")
    assert not style.carries("customer.created") and not style.carries("invoice.created")


def test_refunds_and_credit_notes_are_not_carried() -> None:
    """Reepay's body names the invoice and customer by handle; these events carry ids, and a
    format cannot look the handles up (docs/dialects/reepay.md)."""
    style = ReepayWebhooks()
    for event_type in ("refund.created", "refund.succeeded", "refund.failed",
                       "credit_note.created", "credit_note.voided",
                       "customer.balance_transaction.created"):  # fmt: skip
        assert not style.carries(event_type), event_type


def _verified(body: dict[str, Any], secret: str) -> bool:
    """What a Reepay receiver does: HMAC-SHA256 of timestamp + id, hex."""
    message = (body["timestamp"] + body["id"]).encode()
    expected = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, body["signature"])


async def test_invoice_events_arrive_in_reepays_shape_and_verify(
    api: TenantApi, reepay: ReepayApi, receiver: Receiver, worker: Any
) -> None:
    url = receiver.url("/reepay")
    endpoint = expect(await api.post("/v1/webhook_endpoints", {"url": url, "format": "reepay"}),
                      201)  # fmt: skip
    await reepay.customer()
    invoice = await reepay.invoice("ada", "inv-1")
    ok(await reepay.post("/v1/invoice/inv-1/fail"))
    ok(await reepay.post("/v1/invoice/inv-1/reactivate"))
    ok(await reepay.post("/v1/invoice/inv-1/manual_settle",
                         {"method": "cash", "payment_date": "2026-12-01"}))  # fmt: skip
    await reepay.invoice("ada", "inv-2")
    ok(await reepay.post("/v1/invoice/inv-2/cancel"))
    expected = ["invoice_created", "invoice_failed", "invoice_reactivate", "invoice_settled",
                "invoice_created", "invoice_cancelled"]  # fmt: skip
    await receiver.wait_for(lambda: len(receiver.received["/reepay"]) >= len(expected))
    bodies = [item.json for item in receiver.received["/reepay"]]
    assert [body["event_type"] for body in bodies] == expected
    assert [body["invoice"] for body in bodies] == ["inv-1"] * 4 + ["inv-2"] * 2
    assert {body["customer"] for body in bodies} == {"ada"}
    assert len({body["id"] for body in bodies}) == len({body["event_id"] for body in bodies}) == 6
    assert all(_verified(body, endpoint["secret"]) for body in bodies)
    assert not _verified(bodies[0], endpoint["secret"] + "x")
    assert bodies[0]["timestamp"].endswith("Z") and invoice["id"]
