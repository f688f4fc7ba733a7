"""Whop's webhook format: the body, the events it carries, and the signature keyed by the
secret's raw bytes (not its base64 decoding, as remit's standard format does)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from remit.dialects.whop.webhooks import WhopWebhooks
from remit.webhooks.formats import EventView

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
NATIVE = {
    "id": "inv_01m8t7wm96bf43sv4kcsgcqxwg", "number": "#0007", "status": "paid",
    "customer": "cus_01m8t7wm96bf43sv4kcsgcqxwh", "currency": "USD",
    "collection_method": "send_invoice", "charge_buyer_fee": False, "plan": "plan_1",
    "description": "Course", "created_at": "2026-12-02T00:00:00.000Z",
    "updated_at": "2026-12-02T00:00:01.000Z", "due_at": None, "auto_finalize_at": None,
    "total": "10.50", "public_token": "a.b.c", "hosted_url": "http://x/i/a.b.c",
    "customer_snapshot": {"name": "Ada", "email": "ada@example.com"},
    "lines": [{"description": "Course", "quantity": "1", "unit_amount": "10.50",
               "amount": "10.50", "product": "prod_1", "metadata": {}}],
}  # fmt: skip


def event(event_type: str = "invoice.paid") -> EventView:
    return EventView(
        id="evt_01m8t7wm96bf43sv4kcsgcqxwg", account_id="acct_01m8t7wm96bf43sv4kcsgcqxwj",
        type=event_type, livemode=False, data=NATIVE, created_at=datetime(2026, 12, 2, tzinfo=UTC),
    )  # fmt: skip


def test_the_body_is_whops() -> None:
    body = json.loads(WhopWebhooks().body(event()))
    assert body["id"] == "msg_01m8t7wm96bf43sv4kcsgcqxwg" and body["type"] == "invoice.paid"
    assert (body["api_version"], body["company_id"]) == ("v1", "biz_01m8t7wm96bf43sv4kcsgcqxwj")
    assert body["timestamp"] == "2026-12-02T00:00:00.000Z"
    data = body["data"]
    assert (data["id"], data["number"], data["status"]) == (NATIVE["id"], "#0007", "paid")
    assert data["member"] == {"id": "mber_01m8t7wm96bf43sv4kcsgcqxwh"}
    assert data["product"] == {"id": "prod_1", "title": "Course"}
    assert data["current_plan"]["formatted_price"] == "$10.50"
    assert data["email_address"] == "ada@example.com" and data["fetch_invoice_token"] == "a.b.c"
    assert '"unit_price":10.5' in WhopWebhooks().body(event())


def test_only_whops_invoice_events_are_carried() -> None:
    style = WhopWebhooks()
    for carried in ("invoice.created", "invoice.paid", "invoice.past_due", "invoice.voided",
                    "invoice.marked_uncollectible"):  # fmt: skip
        assert style.carries(carried)
    for other in ("invoice.finalized", "invoice.updated", "customer.created", "settlement.created"):
        assert not style.carries(other)


def test_the_signature_is_keyed_by_the_secrets_raw_bytes() -> None:
    style, at = WhopWebhooks(), datetime.now(UTC)
    body = style.body(event())
    headers = style.headers((SECRET,), "evt_01m8t7wm96bf43sv4kcsgcqxwg", at, body, "http://x")
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{body}".encode()
    expected = base64.b64encode(hmac.new(SECRET.encode(), signed, hashlib.sha256).digest())
    assert headers["webhook-signature"] == "v1," + expected.decode()
    Webhook(base64.b64encode(SECRET.encode()).decode()).verify(body, headers)  # 0.0.x's way
    try:
        Webhook(SECRET).verify(body, headers)  # the standard decoding does not match
    except WebhookVerificationError:
        pass
    else:
        raise AssertionError("a standard-format verifier accepted a Whop signature")
