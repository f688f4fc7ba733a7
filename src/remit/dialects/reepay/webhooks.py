"""Reepay's webhook format (digest §4.7) for endpoints registered with `format: reepay`.

Body: `{"id", "event_id", "event_type", "timestamp", "signature", "invoice", "customer"}`
with `invoice` and `customer` the handles. The signature sits in the body:
`hex(HMAC-SHA256(secret, timestamp + id))`, with the endpoint's secret (remit's webhook
secret, `whsec_…`, as the receiver holds it). It covers those two fields only.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime
from typing import Any

from remit.dialects.reepay.mapping import customer_handle
from remit.kernel import jsonio
from remit.kernel.fields import render_timestamp
from remit.webhooks.formats import EndpointSecret, EventView, KeySource

EVENT_TYPES = {
    "invoice.finalized": "invoice_created",  # Reepay's invoices are born pending, never drafts
    "invoice.paid": "invoice_settled",
    "invoice.marked_uncollectible": "invoice_failed",
    "invoice.voided": "invoice_cancelled",
    "invoice.expired": "invoice_cancelled",
    "invoice.reopened": "invoice_reactivate",
    "invoice.updated": "invoice_changed",
}


def signature(secret: str, timestamp: str, webhook_id: str) -> str:
    return hmac.new(secret.encode(), (timestamp + webhook_id).encode(), hashlib.sha256).hexdigest()


def payload(event: EventView) -> dict[str, Any]:
    native = event.data
    return {
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"remit:webhook:{event.id}").hex,
        "event_id": event.id,
        "event_type": EVENT_TYPES[event.type],
        "timestamp": render_timestamp(event.created_at),
        "signature": "",
        "invoice": native.get("handle") or native["id"],
        "customer": customer_handle(native),
    }


class ReepayWebhooks:
    name = "reepay"
    keys: KeySource = EndpointSecret()

    def carries(self, event_type: str) -> bool:
        return event_type in EVENT_TYPES

    def body(self, event: EventView, keys: tuple[str, ...] = ()) -> str:
        """The signature is in the body, made with the endpoint's (first) secret."""
        document = payload(event)
        if keys:
            document["signature"] = signature(keys[0], document["timestamp"], document["id"])
        return jsonio.dumps_text(document)

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]:
        return {}  # the signature is in the body
